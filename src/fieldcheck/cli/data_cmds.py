# SPDX-License-Identifier: Apache-2.0
"""Commands on the local store: demo, status, ledger, audit verify."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from fieldcheck.core.loop import STATUS_LABELS_ZH, Status
from fieldcheck.core.terms import LEVEL_ZH, SUSPECTED_MAJOR_ZH, Level, level_zh
from fieldcheck.services.context import open_context
from fieldcheck.services.findings import ledger as ledger_service


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=None))


def cmd_demo(args: argparse.Namespace) -> int:
    from fieldcheck import paths
    from fieldcheck.demo.run import run_demo

    root = paths.home(args.home).root
    summary = run_demo(root, jurisdiction=args.jurisdiction, seed=args.seed)
    if summary["restarted"]:
        print(f"an earlier demo run in {root} was interrupted: its partial data was removed")
    print(
        f"demo data in {root}: {summary['sites']} sites, "
        f"{summary['inspections']} inspections, {summary['findings']} findings"
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        c = ledger_service.counts(ctx)
    if args.json:
        _print_json(c)
        return 0
    print(f"data: {ctx.home.root}")
    print(
        f"sites {c['sites']}  inspections {c['inspections']}  findings {c['findings']}  "
        f"photos {c['photos']}  overdue {c['overdue']}  unsynced {c['unsynced']['changes']}"
    )
    for st, n in c["by_status"].items():
        print(f"  {STATUS_LABELS_ZH[Status(st)]:6} {st:20} {n}")
    suspected = c["suspected_major"]
    for lv, n in c["by_level"].items():
        if lv == Level.MAJOR:  # confirmed, and those still awaiting the expert
            print(f"  {LEVEL_ZH[Level.MAJOR]:6} {'major':20} {n - suspected}")
            print(f"  {SUSPECTED_MAJOR_ZH:6} {'suspected_major':20} {suspected}")
        else:
            print(f"  {LEVEL_ZH[Level(lv)]:6} {lv:20} {n}")
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    f = ledger_service.ledger_filter(
        status=args.status,
        level=args.level,
        overdue=args.overdue,
        due_within_days=args.due_within,
        text=args.text or "",
        site_id=args.site,
        limit=args.limit,
    )
    with open_context(args.home) as ctx:
        entries = ledger_service.ledger(ctx, f)
    if args.json:
        for e in entries:
            _print_json(e.as_json())
        return 0
    for e in entries:
        flag = " 逾期" if e.overdue else ""
        deadline = e.deadline.isoformat() if e.deadline else "-"
        # Major only once an expert confirmed it; before, the inspector's suspicion.
        level = level_zh(e.level, e.major_status)
        print(
            f"{e.id}  {STATUS_LABELS_ZH[Status(e.status)]:5} {level} "
            f"{deadline}{flag}  {e.site_name}: {e.description}"
        )
    print(f"{len(entries)} hazards", file=sys.stderr)
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        count, problem = ledger_service.audit_verify(ctx)
    if problem:
        print(f"audit chain BROKEN: {problem} ({count} entries read)")
        return 1
    print(f"audit chain intact: {count} entries")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="seed a realistic demo data set")
    p.add_argument("--jurisdiction", default="410105001", help="grid code for all demo sites")
    p.add_argument("--seed", type=int, default=2026, help="random seed (same seed, same data)")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("status", help="counts of what is stored and not yet synced")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("ledger", help="list hazards (隐患台账)")
    p.add_argument("--status", choices=[s.value for s in Status])
    p.add_argument("--level", choices=[lv.value for lv in Level])
    p.add_argument("--overdue", action="store_true", help="only overdue hazards (逾期)")
    p.add_argument("--due-within", type=int, metavar="DAYS", help="open hazards due within DAYS")
    p.add_argument("--site", metavar="SITE_ID")
    p.add_argument("--text", metavar="TEXT", help="free text in description, place, site")
    p.add_argument("--limit", type=int)
    p.add_argument("--json", action="store_true", help="one JSON object per hazard")
    p.set_defaults(handler=cmd_ledger)

    p = sub.add_parser("audit", help="the hash-chained audit log")
    asub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = asub.add_parser("verify", help="check that no entry was edited, inserted or deleted")
    v.set_defaults(handler=cmd_audit_verify)
