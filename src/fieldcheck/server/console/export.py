# SPDX-License-Identifier: Apache-2.0
"""Console exports: the ledger as .xlsx (streamed, the device ledger's columns), 通报 PDF."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from fieldcheck.reports.ledger_xlsx import COLUMNS, DATE_FORMAT, FONT
from fieldcheck.server.console.queries import LEVEL_ZH, METRIC_ZH, STATUS_ZH

CHUNK = 256 * 1024


# The device ledger's field names, and the read model's columns holding them.
FIELDS = {
    "site": "site_name",
    "found": "found_on",
    "rectified": "rectified_on",
    "verified": "verified_on",
    "closed": "closed_on",
    "assigned": "assigned_on",
    "revisited": "revisited_on",
}


def _value(row: Any, field: str, n: int, today: date) -> object:
    if not field:
        return n
    if field == "overdue":
        return "逾期" if row.open and row.deadline is not None and row.deadline < today else ""
    if field == "level":
        return LEVEL_ZH.get(row.level, row.level)
    if field == "status":
        return STATUS_ZH.get(row.status, row.status)
    if field == "revisit_outcome":  # the read model keeps whether it was ever found back
        return "反弹" if row.reopened else "未反弹" if row.revisited_on else ""
    return getattr(row, FIELDS.get(field, field))


def ledger_xlsx(rows: Iterable[Any], title: str, today: date) -> Iterator[bytes]:
    """The workbook, written row by row in openpyxl's write-only mode to a spooled file.

    Memory stays flat however many rows: openpyxl streams the sheet XML to disk, and the
    finished file is sent in chunks.
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("隐患台账")
    for c, (_h, width, _f, _d) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "C3"
    head = WriteOnlyCell(ws, value=title)
    head.font = Font(name=FONT, size=14, bold=True)
    ws.append([head])
    fill = PatternFill("solid", fgColor="D9E1F2")
    bold = Font(name=FONT, bold=True)
    header = []
    for h, _w, _f, _d in COLUMNS:
        cell = WriteOnlyCell(ws, value=h)
        cell.font = bold
        cell.fill = fill
        header.append(cell)
    ws.append(header)
    n = 0
    for row in rows:
        n += 1
        out: list[object] = []
        for _h, _w, field, is_date in COLUMNS:
            value = _value(row, field, n, today)
            if is_date and value is not None:
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = DATE_FORMAT
                out.append(cell)
            else:
                out.append(value)
        ws.append(out)
    ws.auto_filter.ref = f"A2:{get_column_letter(len(COLUMNS))}{max(2, n + 2)}"
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as tmp:
        wb.save(tmp)
        tmp.seek(0)
        while chunk := tmp.read(CHUNK):
            yield chunk


def ranking_xlsx(title: str, data: dict[str, Any]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "排名"
    ws.append([title])
    ws.append([data["p"].label])
    keys = list(METRIC_ZH)
    ws.append(
        ["名次", "单位", "代码", *[METRIC_ZH[k] for k in keys], "综合指数", "较上期升降", "后三位"]
    )
    for d in data["rows"]:
        ws.append(
            [
                d["rank"],
                d["name"],
                d["code"],
                *[None if d["metrics"][k] is None else round(d["metrics"][k], 4) for k in keys],
                d["index"],
                d["movement"],
                "是" if d["bottom"] else "",
            ]
        )
    ws.append([])
    ws.append(["权重", *[f"{METRIC_ZH[k]} {w}" for k, w in data["weights"].items()]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def bulletin_pdf(
    title: str, subtitle: str, table: Sequence[Sequence[str]], *, author: str
) -> bytes:
    """A 通报 through the project's ReportLab documents (fieldcheck.reports.bulletin)."""
    from fieldcheck.reports.bulletin import bulletin

    highlight = [i for i, row in enumerate(table) if i and "后三位" in row[0]]
    return bulletin(title, subtitle, table, issuer=author, highlight_rows=highlight)
