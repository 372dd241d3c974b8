# SPDX-License-Identifier: Apache-2.0
"""The code table: GB/T 2260 areas and the county's own townships and grids, from a CSV.

A row is ``code,name`` with optional ``parent`` and ``level`` columns (a header row names
them). Without them, GB/T 2260 lengths decide: 2 province, 4 city, 6 county, 9 township,
12 and longer grid; the parent is the longest code of the file (or the table) that
prefixes the code.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.engine import Connection

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server.console.tables import JurisdictionRow
from fieldcheck.server.tables import table_of

J = table_of(JurisdictionRow)
LEVELS = {2: "province", 4: "city", 6: "county", 9: "township"}
LEVEL_ZH = {
    "province": "省",
    "city": "市",
    "county": "县（区）",
    "township": "乡镇（街道）",
    "grid": "村（社区）/网格",
}


def level_of(code: str) -> str:
    return LEVELS.get(len(code), "grid")


def _valid(code: str) -> bool:
    return 0 < len(code) <= 40 and all(c.isalnum() or c in "-_" for c in code)


def parse_csv(text: str) -> list[dict[str, str]]:
    """Rows of the file as dicts with code, name, parent, level; FieldcheckError on bad rows."""
    text = text.lstrip("\ufeff")
    sample = text.splitlines()[0] if text.strip() else ""
    has_header = "code" in sample.lower() or "代码" in sample
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    header = ["code", "name", "parent", "level"]
    if has_header:
        names = {"代码": "code", "名称": "name", "上级": "parent", "级别": "level"}
        header = [names.get(h.strip(), h.strip().lower()) for h in rows[0]]
        rows = rows[1:]
    out: list[dict[str, str]] = []
    for n, raw in enumerate(rows, start=2 if has_header else 1):
        if not raw or not "".join(raw).strip():
            continue
        rec = {k: (raw[i].strip() if i < len(raw) else "") for i, k in enumerate(header)}
        code, name = rec.get("code", ""), rec.get("name", "")
        if not _valid(code) or not name:
            raise FieldcheckError(f"line {n}: need a code (letters, digits, - _) and a name")
        level = rec.get("level") or level_of(code)
        if level not in LEVEL_ZH:
            raise FieldcheckError(f"line {n}: level {level!r} is not one of {sorted(LEVEL_ZH)}")
        out.append({"code": code, "name": name, "parent": rec.get("parent", ""), "level": level})
    return out


def import_rows(conn: Connection, rows: Iterable[dict[str, str]]) -> int:
    """Insert or replace the entries; returns how many."""
    rows = list(rows)
    known = {r.code for r in conn.execute(select(J.c.code))} | {r["code"] for r in rows}
    n = 0
    for r in sorted(rows, key=lambda r: len(r["code"])):
        parent = r["parent"] or next(
            (r["code"][:k] for k in range(len(r["code"]) - 1, 0, -1) if r["code"][:k] in known),
            None,
        )
        conn.execute(J.delete().where(J.c.code == r["code"]))
        conn.execute(
            J.insert().values(code=r["code"], name=r["name"], parent=parent, level=r["level"])
        )
        n += 1
    return n


def names(conn: Connection, codes: Iterable[str]) -> dict[str, str]:
    codes = list(set(codes))
    if not codes:
        return {}
    return {
        r.code: r.name for r in conn.execute(select(J.c.code, J.c.name).where(J.c.code.in_(codes)))
    }


def children(conn: Connection, code: str) -> list[tuple[str, str]]:
    """The child jurisdictions of code in the table, (code, name), by code."""
    rows = conn.execute(select(J.c.code, J.c.name).where(J.c.parent == code).order_by(J.c.code))
    return [(r.code, r.name) for r in rows]


def label(conn: Connection, code: str) -> str:
    """The name of code, or the code itself when the table does not know it."""
    return names(conn, [code]).get(code, code)
