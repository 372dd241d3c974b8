# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck export ledger --out FILE.xlsx`: the 隐患台账 for Excel and WPS."""

from __future__ import annotations

import argparse

from fieldcheck.services.context import open_context
from fieldcheck.services.findings.export import export_ledger


def cmd_ledger(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        count = export_ledger(ctx, args.out)
    print(f"{args.out}: {count} hazards")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = sub.add_parser("export", help="export data for offices")
    esub = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    p = esub.add_parser("ledger", help="the 隐患台账 as an .xlsx workbook, one row per hazard")
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=cmd_ledger)
