# SPDX-License-Identifier: Apache-2.0
"""交办 on the device: the tasks the server sends, opening the inspection a task asks
for, and telling the server which inspection did it.

At each sync, after the records are pushed and pulled: the inspections that did a
task and that the server now holds are reported (POST /v1/tasks/done), then the task
list, the escalations and the signed 销号 approvals are fetched (GET /v1/tasks) and
replace the kept ones in one transaction, and a report task's photos are fetched.
A server from before tasks answers 404 and the device carries on without them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError, NotFoundError
from fieldcheck.core.loop import ACTION_LABELS_ZH, Action, Status
from fieldcheck.core.major import finding_actions
from fieldcheck.core.models import ChecklistRef, Finding, Inspection
from fieldcheck.core.tasks import CloseApproval, Escalation, Task, TaskKind, TaskState
from fieldcheck.core.terms import InspectionKind
from fieldcheck.photos.store import BlobStore
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites
from fieldcheck.storage import task_repo
from fieldcheck.sync.client import ServerUnreachable, SyncClient, SyncError
from fieldcheck.sync.task_protocol import MAX_LINKS, TaskLink, TaskLinks

INSPECTION_KIND = {
    TaskKind.INSPECT.value: InspectionKind.ROUTINE,
    TaskKind.SWEEP.value: InspectionKind.SPECIAL,
    TaskKind.RECHECK.value: InspectionKind.REINSPECTION,
    TaskKind.REVISIT.value: InspectionKind.REVISIT,
}

# The loop steps that do a 复查 / 回头看 task: its hazard's 验收, or its 回头看 with the outcome.
HAZARD_STEPS = {
    TaskKind.RECHECK.value: (Action.VERIFY_PASS, Action.VERIFY_FAIL),
    TaskKind.REVISIT.value: (Action.REVISIT, Action.REVISIT_CONFIRM, Action.REOPEN),
}


class TaskError(DomainError):
    """A task that cannot be opened here; the message says which and why."""


@dataclass
class TaskPull:
    """What one sync did with tasks."""

    tasks: int = 0  # kept after the sync
    reported: int = 0  # inspections the server now counts for their task
    photos_fetched: int = 0
    photos_missing: int = 0  # a report's photo the server would not give (tried next sync)


def sync_tasks(ctx: AppContext, client: SyncClient) -> TaskPull | None:
    """Report what was done, then fetch the tasks; None from a server without tasks."""
    reported = report_done(ctx, client)
    answer = client.tasks()
    if answer is None:
        return None
    with ctx.db.transaction() as s:
        now = clock.now()
        n = task_repo.replace_tasks(s, (t.model_dump() for t in answer.tasks), now)
        task_repo.replace_escalations(s, (e.model_dump() for e in answer.escalations))
        task_repo.keep_approvals(s, (a.model_dump() for a in answer.approvals), now)
    pull = TaskPull(tasks=n, reported=reported or 0)
    _fetch_photos(ctx, client, [sha for t in answer.tasks for sha in t.photos], pull)
    return pull


def report_done(ctx: AppContext, client: SyncClient) -> int | None:
    """Tell the server of each finished, pushed inspection that did a task; how many it
    counted. A receipt of ``not_pushed`` leaves the link to be told again next sync."""
    with ctx.db.read() as s:
        todo = task_repo.to_report(s)
    counted = 0
    for i in range(0, len(todo), MAX_LINKS):
        part = todo[i : i + MAX_LINKS]
        links = [TaskLink(task_id=w.task_id or "", inspection_id=w.inspection_id) for w in part]
        answer = client.tasks_done(TaskLinks(links=links))
        if answer is None:
            return None
        with ctx.db.transaction() as s:
            task_repo.mark_reported(
                s, [(r.inspection_id, r.status) for r in answer.receipts], clock.now()
            )
        counted += sum(r.status in ("done", "already") for r in answer.receipts)
    return counted


def _fetch_photos(ctx: AppContext, client: SyncClient, shas: list[str], pull: TaskPull) -> None:
    store = BlobStore(ctx.home.report_photos)
    for sha in dict.fromkeys(shas):
        if store.verify(sha) is None:
            continue
        try:
            client.download(sha, store.original(sha))
        except ServerUnreachable:
            raise
        except SyncError:
            pull.photos_missing += 1  # refused (the task moved on): asked again next sync
            continue
        pull.photos_fetched += 1


def photo_path(ctx: AppContext, sha: str) -> Path | None:
    """A report photo's original on this device, when it has arrived whole."""
    store = BlobStore(ctx.home.report_photos)
    return store.original(sha) if store.verify(sha) is None else None


def list_tasks(ctx: AppContext, *, include_done: bool = True) -> list[Task]:
    """The kept tasks, by deadline, done ones last."""
    with ctx.db.read() as s:
        rows = task_repo.tasks(s)
    if include_done:
        return rows
    return [t for t in rows if t.server_status != "done"]


def get_task(ctx: AppContext, task_id: str) -> Task:
    with ctx.db.read() as s:
        task = task_repo.task(s, task_id)
    if task is None:
        raise TaskError(f"task {task_id}: not among this device's tasks (sync to fetch them)")
    return task


def count_to_do(ctx: AppContext) -> tuple[int, int]:
    """(tasks still to do, of which overdue), for 今日's count."""
    today = clock.today()
    states = [t.state(today) for t in list_tasks(ctx, include_done=False)]
    todo = [s for s in states if s in (TaskState.OPEN, TaskState.OVERDUE)]
    return len(todo), sum(s is TaskState.OVERDUE for s in todo)


def hazard_of(ctx: AppContext, task: Task) -> Finding | None:
    """The hazard a 复查 / 回头看 task names, when this device holds it."""
    if not task.hazard_id:
        return None
    try:
        return findings.get_finding(ctx, task.hazard_id)
    except NotFoundError:
        return None


def hazard_named(ctx: AppContext, hazard_id: str) -> tuple[str, str] | None:
    """(site name, description) of a hazard this device holds, for a line on 今日."""
    try:
        hazard = findings.get_finding(ctx, hazard_id)
        return sites.get_site(ctx, hazard.site_id).name, hazard.description
    except NotFoundError:
        return None


def escalations(ctx: AppContext) -> list[Escalation]:
    """督办 / 挂牌督办 in force in this device's area."""
    with ctx.db.read() as s:
        return task_repo.escalations(s)


def escalations_of(ctx: AppContext, target_id: str) -> list[Escalation]:
    """The escalations of one task or hazard (finding)."""
    return [e for e in escalations(ctx) if target_id in (e.target_id, e.hazard_id)]


def approvals(ctx: AppContext, hazard_id: str) -> list[CloseApproval]:
    """The signed 销号 approvals received for a hazard (check them before use)."""
    with ctx.db.read() as s:
        return task_repo.approvals(s, hazard_id)


def open_task(
    ctx: AppContext,
    task_id: str,
    *,
    inspector_id: str,
    site_id: str | None = None,
    checklists: list[ChecklistRef] | None = None,
    location: str = "",
) -> Inspection:
    """Open the inspection a task asks for, at the task's site (a report's task that names
    no registered site takes ``site_id``), of the kind the task asks (检查, 专项 for 拉网式,
    复查, 回头看). An inspection opened for it and not finished is given back instead of
    a second one."""
    task = get_task(ctx, task_id)
    if task.server_status == "done":
        raise TaskError(f"task {task_id}: already done by inspection {task.done_inspection_id}")
    if task.inspection_id is not None and not task.inspection_finished:
        return inspections.get_inspection(ctx, task.inspection_id)
    where = task.site_id or (site_id or "").strip()
    if not where:
        raise TaskError(
            f"task {task_id}: names no registered site, only the place 「{task.place}」; "
            "choose the site it is (register it first if it is new)"
        )
    if task.site_id and site_id and site_id != task.site_id:
        raise TaskError(f"task {task_id}: is for site {task.site_id}, not {site_id}")
    kind = INSPECTION_KIND.get(task.kind)
    if kind is None:
        raise TaskError(f"task {task_id}: kind {task.kind!r} is unknown to this version")
    return inspections.start_inspection(
        ctx,
        site_id=where,
        inspector_ids=[inspector_id],
        actor_id=inspector_id,
        kind=kind,
        checklists=checklists,
        location=location,
        task_id=task.id,
    )


def work_of(ctx: AppContext, inspection_id: str) -> tuple[str | None, str | None]:
    """(task id, campaign id) an inspection was opened for."""
    with ctx.db.read() as s:
        w = task_repo.work_of(s, inspection_id)
    return (w.task_id, w.campaign_id) if w is not None else (None, None)


def hazard_steps(ctx: AppContext, task: Task) -> tuple[Finding, list[Action]] | None:
    """A 复查 / 回头看 task whose hazard this device holds: the hazard and the steps of the
    task's kind its finding view offers now (none, e.g., for a 复查 of a hazard not yet
    交办: the view then shows what it does allow). None for other tasks."""
    wanted = HAZARD_STEPS.get(task.kind)
    hazard = hazard_of(ctx, task) if wanted is not None else None
    if wanted is None or hazard is None:
        return None
    offered = finding_actions(Status(hazard.status), hazard.major_status)
    return hazard, [a for a in offered if a in wanted]


def finish_hazard_task(ctx: AppContext, task_id: str, *, actor_id: str) -> Inspection | None:
    """Finish the open inspection of a 复查 / 回头看 task once its hazard has taken a loop
    step since the inspection opened; the summary names the steps. The sync then reports
    it as the task's (POST /v1/tasks/done). None while the hazard has taken none: the
    inspection stays open, to be resumed."""
    task = get_task(ctx, task_id)
    if task.inspection_id is None or task.inspection_finished or not task.hazard_id:
        return None
    insp = inspections.get_inspection(ctx, task.inspection_id)
    steps = [
        ACTION_LABELS_ZH[Action(e.action)]
        for e in findings.history(ctx, task.hazard_id)
        if e.at >= insp.started_at and e.action in set(Action)
    ]
    if not steps:
        return None
    hazard = findings.get_finding(ctx, task.hazard_id)
    what = "复查" if task.kind == TaskKind.RECHECK.value else "回头看"
    summary = f"{what}隐患「{hazard.description[:60]}」：{'，'.join(steps)}"
    return inspections.finish_inspection(ctx, insp.id, actor_id=actor_id, summary=summary)


def finish_tasks_of_hazard(ctx: AppContext, finding_id: str, *, actor_id: str) -> list[Task]:
    """After a loop step of finding_id taken outside a task's finding view (the command
    line): each 复查 / 回头看 task whose open inspection is at that hazard is finished as
    finish_hazard_task does. The tasks so finished, as they now are."""
    done = []
    for task in list_tasks(ctx, include_done=False):
        if task.kind not in HAZARD_STEPS or task.inspection_id is None:
            continue
        if task.inspection_finished:
            continue
        hazard = hazard_of(ctx, task)
        at_it = hazard is not None and hazard.id == finding_id
        if at_it and finish_hazard_task(ctx, task.id, actor_id=actor_id) is not None:
            done.append(get_task(ctx, task.id))
    return done
