# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck site ...`: the site register (被检查单位), as the window's 单位 screen has it."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fieldcheck.cli.output import emit, emit_json
from fieldcheck.core.models import Site
from fieldcheck.core.terms import RiskLevel
from fieldcheck.services.context import SYSTEM_ACTOR, open_context
from fieldcheck.services.sites import site_merge, sites

FIELDS = (
    "name",
    "uscc",
    "address",
    "industry",
    "kind_of_place",
    "jurisdiction",
    "legal_rep",
    "contact_name",
    "contact_phone",
    "risk_level",
)


def site_json(site: Site) -> dict[str, Any]:
    """A site as the --json output gives it (the record's own fields)."""
    return site.model_dump(mode="json")


def _site_line(site: Site) -> str:
    return f"{site.id}  {site.name}  {site.address}  {site.jurisdiction}  {site.risk_level}"


def cmd_add(args: argparse.Namespace) -> int:
    data = {k: v for k in FIELDS if (v := getattr(args, k, None)) not in (None, "")}
    with open_context(args.home) as ctx:
        site = sites.register_site(ctx, data, actor_id=args.by or SYSTEM_ACTOR)
    emit(site_json(site), args.json, site.id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        found = sites.search_sites(
            ctx, args.search or "", jurisdiction=args.jurisdiction, limit=args.limit
        )
    emit([site_json(s) for s in found], args.json, [_site_line(s) for s in found])
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        site = sites.get_site(ctx, args.site_id)
    data = site_json(site)
    lines = [f"{k:14} {v if v not in (None, '') else '—'}" for k, v in data.items()]
    emit(data, args.json, lines)
    return 0


def _import_json(preview: Any, imported: bool) -> dict[str, Any]:
    return {
        "file": str(preview.file),
        "encoding": preview.encoding,
        "imported": len(preview.rows) if imported else 0,
        "dry_run": not imported,
        "columns": [{"header": h, "field": f} for h, f in preview.columns],
        "ignored_columns": preview.ignored,
        "sites": [{"sheet": r.sheet, "row": r.row, **site_json(r.site)} for r in preview.rows],
        "problems": [asdict(p) | {"message": p.message()} for p in preview.problems],
    }


def cmd_import(args: argparse.Namespace) -> int:
    """Preview (always) and import (unless --dry-run) a register; any problem imports nothing."""
    from fieldcheck.services.sites import site_import

    with open_context(args.home) as ctx:
        preview = site_import.preview_import(
            ctx, Path(args.file), jurisdiction=args.jurisdiction or ""
        )
        write = preview.ok and not args.dry_run
        if write:
            site_import.import_sites(ctx, preview, actor_id=args.by or SYSTEM_ACTOR)
    if args.json:
        emit_json(_import_json(preview, write))
    else:
        for r in preview.rows:
            where = f"{r.sheet}!{r.row}" if r.sheet else str(r.row)
            print(f"{where:>12}  {r.site.name}  {r.site.uscc or '—'}  {r.site.address}")
        if preview.ignored:
            print(f"columns not imported: {'、'.join(preview.ignored)}")
        for p in preview.problems:
            print(p.message(), file=sys.stderr)
        if write:
            print(f"imported {len(preview.rows)} site(s) from {preview.file.name}")
        elif preview.problems:
            print(
                f"nothing was imported: {len(preview.problems)} problem(s) in {preview.file.name}",
                file=sys.stderr,
            )
        else:
            print(f"dry run: {len(preview.rows)} site(s) would be imported; nothing was written")
    return 1 if preview.problems else 0


def cmd_merge(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        done = site_merge.merge_sites(ctx, args.keep, args.other, actor_id=args.by or SYSTEM_ACTOR)
    emit(
        asdict(done),
        args.json,
        f"merged {done.other_id} into {done.keep_id} ({done.uscc}): {done.inspections} "
        f"inspections, {done.findings} findings and {done.notices} documents now show under "
        f"{done.keep_id}; nothing signed was changed",
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `site add|list|show` (other verbs, e.g. import, register into the same group)."""
    site = sub.add_parser("site", help="the site register (被检查单位)")
    ssub = site.add_subparsers(dest="site_command", metavar="ACTION", required=True)

    add = ssub.add_parser("add", help="register a site")
    add.add_argument("--name", required=True)
    add.add_argument("--address", required=True)
    add.add_argument("--jurisdiction", required=True, help="grid / township code")
    add.add_argument("--uscc", help="统一社会信用代码 (18 characters)")
    add.add_argument("--industry", default="")
    add.add_argument("--kind-of-place", dest="kind_of_place", default="", help="e.g. 九小场所")
    add.add_argument("--legal-rep", dest="legal_rep", default="")
    add.add_argument("--contact-name", dest="contact_name", default="")
    add.add_argument("--contact-phone", dest="contact_phone", default="")
    add.add_argument("--risk-level", dest="risk_level", choices=[r.value for r in RiskLevel])
    add.add_argument("--by", help="who registers it (a person id)")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_add)

    lst = ssub.add_parser("list", help="sites by name; --search matches name, address or code")
    lst.add_argument("--search", help="text in the name, address or credit code")
    lst.add_argument("--jurisdiction", help="only sites of this grid / township (prefix)")
    lst.add_argument("--limit", type=int, default=200)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)

    show = ssub.add_parser("show", help="one site's record")
    show.add_argument("site_id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)

    imp = ssub.add_parser(
        "import",
        help="import sites from an .xlsx or .csv register: all rows or none",
        description="Every row is checked first (credit code, duplicates in the register and "
        "in the file, required cells, phone numbers); any problem imports nothing.",
    )
    imp.add_argument("file", help=".xlsx, or .csv in UTF-8 or GBK")
    imp.add_argument("--jurisdiction", help="grid / township code for rows without 所属网格")
    imp.add_argument(
        "--dry-run", action="store_true", help="only preview: check every row, write nothing"
    )
    imp.add_argument("--by", help="who imports (a person id)")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=cmd_import)

    merge = ssub.add_parser(
        "merge",
        help="merge OTHER into KEEP (same 统一社会信用代码); every record and signature is kept",
    )
    merge.add_argument("keep", metavar="KEEP", help="the site id that stays in the register")
    merge.add_argument("other", metavar="OTHER", help="the duplicate site id")
    merge.add_argument("--by", help="who merges them (a person id)")
    merge.add_argument("--json", action="store_true")
    merge.set_defaults(handler=cmd_merge)
