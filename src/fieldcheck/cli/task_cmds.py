# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck task list|show|open` and `fieldcheck campaign list|open`: the 交办 tasks
and the 专项行动 sites still to visit, as 今日 shows them, and the inspection each asks for."""

from __future__ import annotations

import argparse
from typing import Any

from fieldcheck.cli.finding_cmds import finding_json
from fieldcheck.cli.inspection_cmds import _checklist, inspection_json
from fieldcheck.cli.output import emit
from fieldcheck.core import clock
from fieldcheck.core.loop import Action
from fieldcheck.core.tasks import Task, TaskKind
from fieldcheck.services.context import open_context
from fieldcheck.services.inspections import campaigns, tasks


def task_json(task: Task, escalations: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    data = task.model_dump(mode="json")
    data["state"] = task.state(clock.today()).value
    if escalations is not None:
        data["escalations"] = escalations
    return data


def _line(task: Task) -> str:
    where = task.site_name or task.place or "—"
    state = task.state(clock.today()).value
    return f"{task.id}  {task.kind:<8} {task.deadline}  {state:<9} {where}"


def cmd_list(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        found = tasks.list_tasks(ctx, include_done=args.all)
        todo, overdue = tasks.count_to_do(ctx)
    data = {"to_do": todo, "overdue": overdue, "tasks": [task_json(t) for t in found]}
    emit(data, args.json, [f"{todo} to do, {overdue} overdue", *map(_line, found)])
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        task = tasks.get_task(ctx, args.task_id)
        escs = [e.model_dump(mode="json") for e in tasks.escalations_of(ctx, task.id)]
        photos = {sha: tasks.photo_path(ctx, sha) for sha in task.photos}
        hazard = tasks.hazard_of(ctx, task)
    data = task_json(task, escs)
    data["hazard"] = hazard.model_dump(mode="json") if hazard is not None else None
    data["photo_files"] = {sha: str(p) if p else None for sha, p in photos.items()}
    lines = [_line(task)]
    lines += [f"  note: {task.note}"] if task.note else []
    lines += [f"  place: {task.place}"] if task.place else []
    lines += [f"  hazard: {hazard.description} ({hazard.status.value})"] if hazard else []
    lines += [f"  escalated: {e['kind']} {e['level']} {e['leader']}" for e in escs]
    lines += [f"  photo: {p or sha + ' (not fetched yet)'}" for sha, p in photos.items()]
    emit(data, args.json, lines)
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        insp = tasks.open_task(
            ctx,
            args.task_id,
            inspector_id=args.inspector,
            site_id=args.site,
            checklists=args.checklist,
            location=args.location,
        )
        task = tasks.get_task(ctx, args.task_id)
        found = tasks.hazard_steps(ctx, task)
    data = inspection_json(insp)
    lines = [insp.id]
    if found is not None:  # 复查 / 回头看: the step is the hazard's, as 办理 in the window
        hazard, steps = found
        data["hazard"] = finding_json(hazard)
        data["steps"] = [a.value for a in steps]
        lines.append(f"hazard: {hazard.id} {hazard.description} ({hazard.status.value})")
        lines += [f"next: {_next_step(task, hazard.id, steps, args.inspector)}"] if steps else []
    emit(data, args.json, lines)
    return 0


def _next_step(task: Task, hazard_id: str, steps: list[Action], by: str) -> str:
    """The command that takes the task's step; it finishes the task's inspection too."""
    if task.kind == TaskKind.REVISIT.value:
        return f"fieldcheck finding revisit {hazard_id} --outcome held|rebound --by {by}"
    actions = "|".join(a.value for a in steps)
    return f"fieldcheck finding act {hazard_id} {actions} --by {by}"


def cmd_campaigns(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        todo = campaigns.to_do(ctx, args.jurisdiction, limit=args.limit)
    data = [
        {
            "id": c.id,
            "name": c.name,
            "starts_on": c.starts_on.isoformat(),
            "ends_on": c.ends_on.isoformat(),
            "checklists": [r.model_dump(mode="json") for r in c.checklists],
            "left": c.left,
            "sites": [{"id": s.id, "name": s.name, "address": s.address} for s in c.sites],
        }
        for c in todo
    ]
    lines = []
    for c in todo:
        lines.append(f"{c.id}  {c.name}  {c.starts_on}..{c.ends_on}  {c.left} left")
        lines += [f"  {s.id}  {s.name}" for s in c.sites]
    emit(data, args.json, lines)
    return 0


def cmd_campaign_open(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        insp = campaigns.start_inspection(
            ctx, args.campaign_id, args.site, inspector_id=args.inspector
        )
    emit(inspection_json(insp), args.json, insp.id)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `task list|show|open` and `campaign list|open`."""
    group = sub.add_parser("task", help="tasks given to this grid (交办): list, show, do")
    tsub = group.add_subparsers(dest="task_command", metavar="ACTION", required=True)
    p = tsub.add_parser("list", help="the tasks to do, overdue ones first by deadline")
    p.add_argument("--all", action="store_true", help="done ones too")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = tsub.add_parser("show", help="one task, its escalations and photos")
    p.add_argument("task_id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)
    p = tsub.add_parser("open", help="open the inspection a task asks for")
    p.add_argument("task_id")
    p.add_argument("--inspector", required=True, help="person id")
    p.add_argument("--site", help="site id, for a report's task that names only a place")
    p.add_argument("--checklist", action="append", type=_checklist, metavar="ID@VERSION")
    p.add_argument("--location", default="")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_open)

    group = sub.add_parser("campaign", help="专项行动: sites still to visit, inspect one")
    csub = group.add_subparsers(dest="campaign_command", metavar="ACTION", required=True)
    p = csub.add_parser("list", help="running campaigns with sites not yet visited")
    p.add_argument("--jurisdiction", help="only sites of this area (grid code prefix)")
    p.add_argument("--limit", type=int, default=campaigns.TODAY_LIMIT, help="sites listed each")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_campaigns)
    p = csub.add_parser("open", help="open a 专项检查 of a site under a campaign")
    p.add_argument("campaign_id")
    p.add_argument("--site", required=True, help="site id")
    p.add_argument("--inspector", required=True, help="person id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_campaign_open)
