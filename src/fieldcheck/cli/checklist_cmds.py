# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck checklists ...`: validate, list, search, show, import-xlsx, schema."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path
from typing import Any

from fieldcheck import paths
from fieldcheck.checklists.models import Checklist, CriteriaSet
from fieldcheck.checklists.schema import write_schemas
from fieldcheck.cli.output import emit_json
from fieldcheck.services.inspections import checklists as service

STATUS_ZH = {"in_force": "现行", "trial": "试行", "superseded": "已废止", "unverified": "未核实"}
COMPLETENESS_ZH = {
    "complete": "全文",
    "partial": "部分",
    "excerpt": "摘录",
    "referenced": "仅编号·正文未收录",
}


def _json(value: Any) -> None:
    emit_json(value, indent=1)


def _pad(text: str, width: int) -> str:
    """text padded to width terminal columns (CJK characters take two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - used, 0)


def _home(args: argparse.Namespace) -> paths.Home:
    return paths.home(args.home)


def cmd_validate(args: argparse.Namespace) -> int:
    loaded = service.validate_paths([Path(p) for p in args.paths], with_bundled=not args.alone)
    for note in loaded.notes:
        print(note, file=sys.stderr)
    for problem in loaded.problems:
        print(problem)
    if loaded.problems:
        print(f"{len(loaded.problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"ok: all valid ({len(loaded.docs)} documents checked)", file=sys.stderr)
    return 0


def _row(doc: CriteriaSet | Checklist) -> dict[str, Any]:
    if isinstance(doc, Checklist):
        return {
            "id": doc.id,
            "kind": "checklist",
            "title": doc.title,
            "version": doc.version,
            "status": "",
            "completeness": "",
            "count": len(doc.items),
        }
    return {
        "id": doc.id,
        "kind": doc.kind,
        "title": doc.title,
        "version": "",
        "status": doc.status.value,
        "completeness": doc.completeness.value,
        "superseded_by": doc.superseded_by,
        "supersedes": list(doc.supersedes),
        "single_source": sum(c.single_source for c in doc.clauses),
        "count": len(doc.clauses),
        "major_hazards": sum(c.major_hazard for c in doc.clauses),
    }


def _library(args: argparse.Namespace) -> service.Library:
    """The library; a county file left out for its problems is named on stderr."""
    lib = service.load_library(_home(args))
    for problem in lib.skipped:
        print(
            f"skipped (the rest of the library is loaded): {problem}",
            file=sys.stderr,
        )
    return lib


def cmd_list(args: argparse.Namespace) -> int:
    lib = _library(args)
    docs: list[CriteriaSet | Checklist] = [*lib.criteria_sets(), *lib.checklists()]
    rows = [_row(d) for d in docs]
    if args.json:
        _json(rows)
        return 0
    width = max(len(r["id"]) for r in rows)
    for r in rows:
        state = STATUS_ZH.get(r["status"], "")
        if r["completeness"]:
            state += f"·{COMPLETENESS_ZH.get(r['completeness'], r['completeness'])}"
        version = f" v{r['version']}" if r["version"] else ""
        head = f"{r['id']:{width}} {r['kind']:9} {_pad(state, 22)} {r['count']:4}"
        print(f"{head}  {r['title']}{version}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    lib = _library(args)
    hits = lib.search(" ".join(args.query), limit=args.limit)
    if args.json:
        _json(
            [
                {
                    "set_id": h.set_id,
                    "set_title": h.entry.set_title,
                    "kind": h.entry.set_kind,
                    "ref": h.ref,
                    "text": h.entry.text,
                    "status": h.entry.status,
                    "major_hazard": h.entry.major_hazard,
                    "score": h.score,
                }
                for h in hits
            ]
        )
        return 0
    for h in hits:
        flags = " [重大]" if h.entry.major_hazard else ""
        flags += " [已废止]" if h.entry.status == "superseded" else ""
        text = h.entry.text.replace("\n", " ")
        print(f"{h.set_id} {h.ref}{flags}: {text[:80]}{'…' if len(text) > 80 else ''}")
    if not hits:
        print("no match", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    lib = _library(args)
    if any(s.id == args.id for s in lib.criteria_sets()):
        doc: CriteriaSet | Checklist = lib.criteria(args.id)
    else:
        doc = lib.checklist(args.id, args.version)
    if args.json:
        _json(doc.model_dump(mode="json"))
        return 0
    print(f"{doc.title}  ({doc.id})")
    if isinstance(doc, CriteriaSet):
        state = f"{STATUS_ZH[doc.status]}·{COMPLETENESS_ZH[doc.completeness]}"
        print(f"{doc.issuing_body}  {doc.document_number}  {state}")
        for note in (doc.completeness_note, doc.caution):
            if note:
                print(f"  注意：{note}")
        if not doc.bundled:
            print(f"  正文未收录；判定由{doc.decided_by}作出。")
        for c in doc.clauses:
            mark = "★" if c.major_hazard else " "
            single = "（单一来源）" if c.single_source else ""
            print(f"{mark} {c.ref}{single}: {c.text or '（正文未收录）'}")
        return 0
    for item in doc.items:
        level = "重大" if item.default_level == "major" else "一般"
        print(f"{item.id} [{level}] {item.prompt}")
        if item.finding:
            print(f"    隐患表述: {item.finding}")
        for link in item.criteria:
            print(f"    判定依据: {link}")
        if item.legal_basis:
            print(f"    法律依据: {item.legal_basis}")
    return 0


def cmd_import_xlsx(args: argparse.Namespace) -> int:
    out = Path(args.out)
    problems = service.import_xlsx(Path(args.file), out, _home(args))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s); {out} was not written", file=sys.stderr)
        return 1
    print(f"wrote {out}", file=sys.stderr)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    for path in write_schemas(Path(args.out) if args.out else paths.checklists_dir() / "schema"):
        print(path)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `checklists` and its sub-commands."""
    group = sub.add_parser("checklists", help="criteria sets and checklists")
    cmds = group.add_subparsers(dest="checklists_command", metavar="ACTION", required=True)
    p = cmds.add_parser("validate", help="check YAML files; print file:line:column: problems")
    p.add_argument("paths", nargs="+", metavar="PATH", help="YAML files or directories")
    p.add_argument("--alone", action="store_true", help="do not resolve links in bundled sets")
    p.set_defaults(handler=cmd_validate)
    p = cmds.add_parser("list", help="list criteria sets and checklists")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = cmds.add_parser("search", help="search clauses and items (Chinese substring)")
    p.add_argument("query", nargs="+")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_search)
    p = cmds.add_parser("show", help="print one criteria set or checklist")
    p.add_argument("id")
    p.add_argument("--version", help="checklist version (default: newest)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)
    p = cmds.add_parser("import-xlsx", help="convert an Excel checklist to YAML")
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--out", required=True, metavar="FILE.yaml")
    p.set_defaults(handler=cmd_import_xlsx)
    p = cmds.add_parser("schema", help="write the JSON Schemas for editors")
    p.add_argument("--out", metavar="DIR", help="default: the bundled checklists/schema")
    p.set_defaults(handler=cmd_schema)
