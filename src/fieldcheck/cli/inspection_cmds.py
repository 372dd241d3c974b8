# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck inspection open|answer|finish|list`: a visit, as the window's 检查 screen runs it."""

from __future__ import annotations

import argparse
from typing import Any

from fieldcheck.cli.output import emit
from fieldcheck.core import timefmt
from fieldcheck.core.models import ChecklistRef, Inspection
from fieldcheck.core.terms import InspectionKind, ItemOutcome
from fieldcheck.services.context import open_context
from fieldcheck.services.inspections import inspections


def inspection_json(insp: Inspection) -> dict[str, Any]:
    return insp.model_dump(mode="json")


def _checklist(text: str) -> ChecklistRef:
    name, sep, version = text.partition("@")
    if not sep or not name or not version:
        raise argparse.ArgumentTypeError(f"{text!r}: give a checklist as ID@VERSION")
    return ChecklistRef(checklist_id=name, version=version)


def cmd_open(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        insp = inspections.start_inspection(
            ctx,
            site_id=args.site,
            inspector_ids=args.inspector,
            actor_id=args.by or args.inspector[0],
            kind=InspectionKind(args.kind),
            checklists=args.checklist,
            location=args.location,
        )
    emit(inspection_json(insp), args.json, insp.id)
    return 0


def cmd_answer(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        result = inspections.record_item_result(
            ctx,
            inspection_id=args.inspection_id,
            checklist_id=args.checklist_id,
            item_id=args.item_id,
            outcome=ItemOutcome(args.outcome),
            actor_id=args.by,
            note=args.note,
        )
    data = result.model_dump(mode="json")
    emit(data, args.json, f"{result.item_id}: {result.outcome.value}")
    return 0


def cmd_finish(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        insp = inspections.finish_inspection(
            ctx, args.inspection_id, actor_id=args.by, summary=args.summary
        )
    finished = timefmt.local(insp.finished_at) if insp.finished_at else None
    emit(inspection_json(insp), args.json, f"{insp.id} finished at {finished:%H:%M}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        found = inspections.inspections_of_site(ctx, args.site)
    lines = [
        f"{i.id}  {timefmt.local(i.started_at):%Y-%m-%d %H:%M}-"
        f"{f'{timefmt.local(i.finished_at):%H:%M}' if i.finished_at else 'open'}  {i.kind.value}"
        for i in found
    ]
    emit([inspection_json(i) for i in found], args.json, lines)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `inspection open|answer|finish|list`."""
    group = sub.add_parser("inspection", help="inspections (检查): open, answer items, finish")
    isub = group.add_subparsers(dest="inspection_command", metavar="ACTION", required=True)

    p = isub.add_parser("open", help="begin an inspection of a site")
    p.add_argument("--site", required=True, help="site id")
    p.add_argument("--inspector", action="append", required=True, help="person id (repeat)")
    p.add_argument("--kind", default="routine", choices=[k.value for k in InspectionKind])
    p.add_argument("--checklist", action="append", type=_checklist, metavar="ID@VERSION")
    p.add_argument("--location", default="")
    p.add_argument("--by", help="who records it (default: the first inspector)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_open)

    p = isub.add_parser("answer", help="record one checklist item's outcome")
    p.add_argument("inspection_id")
    p.add_argument("checklist_id")
    p.add_argument("item_id")
    p.add_argument("outcome", choices=[o.value for o in ItemOutcome])
    p.add_argument("--note", default="")
    p.add_argument("--by", required=True, help="who answers (a person id)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_answer)

    p = isub.add_parser("finish", help="close an inspection")
    p.add_argument("inspection_id")
    p.add_argument("--summary", default="")
    p.add_argument("--by", required=True, help="who closes it (a person id)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_finish)

    p = isub.add_parser("list", help="a site's inspections, newest first")
    p.add_argument("--site", required=True, help="site id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
