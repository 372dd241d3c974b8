# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck finding add|act|withdraw|show`: hazards and their steps, as the 隐患 dialog
takes them."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from fieldcheck.cli.output import emit
from fieldcheck.core import timefmt
from fieldcheck.core.loop import Action
from fieldcheck.core.major import finding_actions, waits_text
from fieldcheck.core.models import Basis, Finding
from fieldcheck.core.terms import Level
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import tasks
from fieldcheck.services.major import close_approval


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def finding_json(finding: Finding) -> dict[str, Any]:
    return finding.model_dump(mode="json")


def _line(finding: Finding) -> str:
    return f"{finding.id}  {finding.status.value}  {finding.description}"


def _print(finding: Finding, as_json: bool) -> None:
    emit(finding_json(finding), as_json, _line(finding))


def cmd_add(args: argparse.Namespace) -> int:
    basis = Basis(
        checklist_id=args.checklist_id,
        item_id=args.item_id,
        criteria_id=args.criteria_id,
        clause_ref=args.clause_ref,
    )
    with open_context(args.home) as ctx:
        finding = findings.record_finding(
            ctx,
            inspection_id=args.inspection,
            description=args.description,
            actor_id=args.by,
            place=args.place,
            basis=basis,
            level=Level(args.level),
            suspected_major=args.suspected_major,
            measures=args.measures,
            deadline=args.deadline,
        )
    _print(finding, args.json)
    return 0


def _finish_tasks(ctx: AppContext, finding_id: str, by: str) -> None:
    """A step at a 复查 / 回头看 task's hazard finishes the task's inspection, as in the window."""
    for task in tasks.finish_tasks_of_hazard(ctx, finding_id, actor_id=by):
        print(f"task {task.id}: inspection {task.inspection_id} finished", file=sys.stderr)


def cmd_act(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        finding = findings.transition(
            ctx,
            args.finding_id,
            Action(args.action),
            actor_id=args.by,
            note=args.note,
            deadline=args.deadline,
        )
        _finish_tasks(ctx, finding.id, args.by)
    _print(finding, args.json)
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        finding = findings.withdraw_finding(
            ctx, args.finding_id, actor_id=args.by, reason=args.reason
        )
    _print(finding, args.json)
    return 0


def cmd_revisit(args: argparse.Namespace) -> int:
    from fieldcheck.core.loop import RevisitOutcome

    with open_context(args.home) as ctx:
        finding = findings.record_revisit(
            ctx,
            args.finding_id,
            RevisitOutcome(args.outcome),
            actor_id=args.by,
            note=args.note,
            deadline=args.deadline,
        )
        _finish_tasks(ctx, finding.id, args.by)
    _print(finding, args.json)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        finding = findings.get_finding(ctx, args.finding_id)
        events = findings.history(ctx, args.finding_id)
        frozen = findings.is_frozen(ctx, args.finding_id)
        waits = close_approval.waits(ctx, finding)
        escalated = close_approval.escalations(ctx, finding.id)
    allowed = [a.value for a in finding_actions(finding.status, finding.major_status, waits)]
    data = {
        "finding": finding_json(finding),
        "frozen": frozen,
        "allowed_actions": allowed,
        "history": [e.model_dump(mode="json") for e in events],
        "escalations": [e.model_dump(mode="json") for e in escalated],
        "close_waits_for": [
            {
                "escalation_id": e.id,
                "level": e.level,
                "level_code": e.level_code,
                "leader": e.leader,
            }
            for e in waits
        ],
    }
    lines = [_line(finding)]
    if escalated:
        lines.append(f"  督办: {close_approval.escalations_text(escalated)}")
    lines += [
        f"  {timefmt.local(e.at):%Y-%m-%d %H:%M}  {e.action}  -> {e.to_status.value}  {e.note}"
        for e in events
    ]
    lines.append(f"  next: {', '.join(allowed) or '—'}")
    if waits:
        lines.append(f"  {waits_text(waits)} (close waits for the listing level's approval)")
    emit(data, args.json, lines)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `finding add|act|withdraw|revisit|show`."""
    group = sub.add_parser(
        "finding", help="hazards (隐患): record, take a step, withdraw, revisit, show"
    )
    fsub = group.add_subparsers(dest="finding_command", metavar="ACTION", required=True)

    p = fsub.add_parser("add", help="record a hazard found during an inspection")
    p.add_argument("--inspection", required=True, help="inspection id")
    p.add_argument("--description", required=True)
    p.add_argument("--place", default="")
    p.add_argument("--measures", default="", help="整改措施")
    p.add_argument("--deadline", type=_date, help="YYYY-MM-DD, a later day than today")
    p.add_argument("--level", default="general", choices=[lv.value for lv in Level])
    p.add_argument("--suspected-major", action="store_true", help="疑似重大事故隐患")
    p.add_argument("--checklist-id")
    p.add_argument("--item-id")
    p.add_argument("--criteria-id")
    p.add_argument("--clause-ref")
    p.add_argument("--by", required=True, help="who found it (a person id)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_add)

    p = fsub.add_parser("act", help="take one step around the loop")
    p.add_argument("finding_id")
    p.add_argument("action", choices=[a.value for a in Action])
    p.add_argument("--note", default="")
    p.add_argument("--deadline", type=_date)
    p.add_argument("--by", required=True, help="who takes the step (a person id)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_act)

    p = fsub.add_parser("withdraw", help="作废: void a hazard recorded in error, with a reason")
    p.add_argument("finding_id")
    p.add_argument("--reason", required=True, help="why the record is void (e.g. recorded twice)")
    p.add_argument("--by", required=True, help="who withdraws it (a person id)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_withdraw)

    p = fsub.add_parser(
        "revisit",
        help="回头看 of a struck-off hazard: held (未反弹) or rebound (反弹, assigned again)",
        description="Photos of the 回头看: 'fieldcheck photo add FINDING FILE --kind revisit'.",
    )
    p.add_argument("finding_id")
    p.add_argument("--outcome", required=True, choices=["held", "rebound"])
    p.add_argument("--note", default="", help="what the 回头看 saw")
    p.add_argument("--deadline", type=_date, help="new 整改期限 (required for rebound)")
    p.add_argument("--by", required=True, help="who made the 回头看 (a person id)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_revisit)

    p = fsub.add_parser("show", help="a hazard, its history and the steps allowed now")
    p.add_argument("finding_id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)
