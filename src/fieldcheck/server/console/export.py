# SPDX-License-Identifier: Apache-2.0
"""Console exports: the ledger as .xlsx (streamed, the device ledger's columns), 通报 PDF."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter
from openpyxl import Workbook

from fieldcheck.reports.ledger_xlsx import COLUMNS, DATE_FORMAT, FONT
from fieldcheck.server.console.queries import LEVEL_ZH, STATUS_ZH
from fieldcheck.server.console.ranking import METRIC_ZH

CHUNK = 256 * 1024
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system (after Feb 1900)


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
# The read model's columns the export reads: the statement selects these and no others.
EXPORT_COLUMNS = (
    "site_name", "uscc", "description", "place", "basis", "level", "measures", "responsible",
    "funds", "safety_plan", "found_on", "deadline", "status", "open", "assigned_on",
    "rectified_on", "verified_on", "closed_on", "revisited_on", "reopened", "notices",
)  # fmt: skip


def _cells(today: date) -> list[Callable[[Any, int], object]]:
    """One function per ledger column, from a read-model row and its 序号 to the cell value."""

    def column(field: str) -> Callable[[Any, int], object]:
        if not field:
            return lambda _row, n: n
        if field == "overdue":  # the column asks 是否逾期, as on the device
            return lambda r, _n: (
                "是" if r.open and r.deadline is not None and r.deadline < today else "否"
            )
        if field == "level":
            return lambda r, _n: LEVEL_ZH.get(r.level, r.level)
        if field == "status":
            return lambda r, _n: STATUS_ZH.get(r.status, r.status)
        if field == "revisit_outcome":  # the read model keeps whether it was ever found back
            return lambda r, _n: "反弹" if r.reopened else "未反弹" if r.revisited_on else ""
        name = FIELDS.get(field, field)
        return lambda r, _n: getattr(r, name)

    return [column(field) for _h, _w, field, _d in COLUMNS]


def ledger_xlsx(rows: Iterable[Any], title: str, today: date) -> Iterator[bytes]:
    """The workbook, written row by row by XlsxWriter in constant-memory mode.

    Each row's XML goes to a temporary file as it is written (inline strings, no shared
    string table held in memory), so memory stays flat however many rows; the finished
    file is sent in chunks. XlsxWriter writes 100,000 rows about five times faster than
    openpyxl's write-only mode (bench/bench_console.py measures both on the same rows).
    Each cell that holds something is written by its typed writer, dates as their serial
    numbers: write_row's per-cell type dispatch, the blank cells (half of a row) and the
    datetime conversion were two fifths of the time.
    """
    cells = _cells(today)
    with tempfile.TemporaryDirectory(prefix="fc-export-") as tmp:
        path = Path(tmp) / "ledger.xlsx"
        wb = xlsxwriter.Workbook(
            str(path),
            {"constant_memory": True, "tmpdir": tmp, "default_date_format": DATE_FORMAT},
        )
        ws = wb.add_worksheet("隐患台账")
        plain = wb.add_format({"font_name": FONT})
        text = wb.add_format({"font_name": FONT, "num_format": "@"})  # 18-character codes
        for c, (_h, width, field, _d) in enumerate(COLUMNS):
            ws.set_column(c, c, width, text if field == "uscc" else plain)
        ws.freeze_panes(2, 2)
        ws.write(0, 0, title, wb.add_format({"font_name": FONT, "font_size": 14, "bold": True}))
        head = wb.add_format(
            {"font_name": FONT, "bold": True, "bg_color": "#D9E1F2", "align": "center"}
        )
        ws.write_row(1, 0, [h for h, *_ in COLUMNS], head)
        day = wb.add_format({"font_name": FONT, "num_format": DATE_FORMAT})
        dates = [c for c, (*_x, is_date) in enumerate(COLUMNS) if is_date]
        texts = [c for c, (*_x, is_date) in enumerate(COLUMNS) if not is_date and c]
        number, string = ws.write_number, ws.write_string
        n = 0
        for row in rows:
            n += 1
            r = n + 1
            values = [cell(row, n) for cell in cells]
            number(r, 0, n)
            # Only the cells that hold something, each by its own writer: an empty or
            # None cell is no cell in the file, as write_row would leave it.
            for c in dates:  # a date is its serial number in the Chinese date form
                if isinstance(v := values[c], date):
                    number(r, c, (v - EXCEL_EPOCH).days, day)
            for c in texts:
                if v := values[c]:
                    string(r, c, v) if v.__class__ is str else ws.write(r, c, v)
        ws.autofilter(1, 0, max(1, n + 1), len(COLUMNS) - 1)
        ws.repeat_rows(1)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        wb.close()
        with path.open("rb") as f:
            while chunk := f.read(CHUNK):
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
