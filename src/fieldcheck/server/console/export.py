# SPDX-License-Identifier: Apache-2.0
"""Console exports: the ledger as .xlsx (streamed, the device ledger's columns), 通报 PDF."""

from __future__ import annotations

import io
import itertools
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Any

import xlsxwriter
from openpyxl import Workbook
from xlsxwriter.utility import xl_col_to_name

from fieldcheck.reports.ledger_xlsx import COLUMNS, DATE_FORMAT, FONT
from fieldcheck.server.console import xlsx_rows
from fieldcheck.server.console.queries import STATUS_ZH, level_text
from fieldcheck.server.console.ranking import METRIC_ZH, NOTHING

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
# The read model's columns the export reads: the statement selects these and no others.
EXPORT_COLUMNS = (
    "site_name", "uscc", "description", "place", "basis", "level", "major_status", "measures",
    "responsible", "funds", "safety_plan", "found_on", "deadline", "status", "open", "assigned_on",
    "rectified_on", "verified_on", "closed_on", "revisited_on", "reopened", "notices",
)  # fmt: skip


def row_values(today: date, fields: Sequence[str]) -> Callable[[Sequence[Any], int], list[Any]]:
    """From a read-model row (its columns named by ``fields``) and its 序号 to the ledger's
    cell values, column by column. The row is read by position, one C call for the plain
    columns (reading each by name was a sixth of the export's time)."""
    at = {name: i for i, name in enumerate(fields)}
    source = [at[FIELDS.get(f, f)] if f in at or f in FIELDS else 0 for _h, _w, f, _d in COLUMNS]
    plain = itemgetter(*source)
    col = {f: c for c, (_h, _w, f, _d) in enumerate(COLUMNS)}
    c_over, c_level, c_status, c_back = (
        col[f] for f in ("overdue", "level", "status", "revisit_outcome")
    )
    i_open, i_due, i_level, i_major, i_status, i_reopened, i_revisited = (
        at[f]
        for f in ("open", "deadline", "level", "major_status", "status", "reopened", "revisited_on")
    )

    def values(r: Sequence[Any], n: int) -> list[Any]:
        out = list(plain(r))
        out[0] = n
        due = r[i_due]
        # 是否逾期, as on the device
        out[c_over] = "是" if r[i_open] and due is not None and due < today else "否"
        # 重大隐患 only once an expert confirmed it, as the console's pages say
        out[c_level] = level_text(r[i_level], r[i_major])
        out[c_status] = STATUS_ZH.get(r[i_status], r[i_status])
        # the read model keeps whether it was ever found back at 回头看
        out[c_back] = "反弹" if r[i_reopened] else "未反弹" if r[i_revisited] else ""
        return out

    return values


def ledger_xlsx(rows: Iterable[Any], title: str, today: date) -> Iterator[bytes]:
    """The workbook, its data rows streamed to a temporary file as they come.

    XlsxWriter writes the workbook around them (``_shell``), with a stand-in row where
    they go; ``xlsx_rows`` writes the rows themselves, one string a row, and splices them
    in: XlsxWriter's per-cell calls were four fifths of the export's time. Memory stays
    flat however many rows; the finished file is sent in chunks.
    """
    dates = [is_date for *_x, is_date in COLUMNS]
    it = iter(rows)
    first = next(it, None)
    with tempfile.TemporaryDirectory(prefix="fc-export-") as tmp:
        folder = Path(tmp)
        styles = _style_ids(folder, title)
        body = folder / "rows.xml"
        with body.open("w", encoding="utf-8", newline="") as f:
            n = 0
            if first is not None:
                value = row_values(today, first._fields)
                rows = itertools.chain([first], it)
                values = (value(row, n) for n, row in enumerate(rows, start=1))
                n = xlsx_rows.write_rows(f, values, 2, styles, dates)
        shell, path = folder / "shell.xlsx", folder / "ledger.xlsx"
        _shell(shell, title, n)
        if n:
            xlsx_rows.splice(shell, body, n + 2, path)
        else:
            path = shell
        with path.open("rb") as f:
            while chunk := f.read(CHUNK):
                yield chunk


def _shell(path: Path, title: str, n: int) -> None:
    """Everything but the data rows, by XlsxWriter: title, header, columns, panes, filter
    and print setup for n rows; the last row (n + 2) holds a stand-in cell per column,
    each written as that column's values are (``_style_ids`` reads their styles)."""
    wb = xlsxwriter.Workbook(
        str(path),
        {"constant_memory": True, "tmpdir": str(path.parent), "default_date_format": DATE_FORMAT},
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
    for c, (*_x, is_date) in enumerate(COLUMNS if n else []):
        if is_date:
            ws.write_number(n + 1, c, 1, day)
        elif c == 0:  # 序号
            ws.write_number(n + 1, c, 1)
        else:
            ws.write_string(n + 1, c, "x")
    ws.autofilter(1, 0, max(1, n + 1), len(COLUMNS) - 1)
    ws.repeat_rows(1)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    wb.close()


def _style_ids(folder: Path, title: str) -> list[int]:
    """Each column's style id, as XlsxWriter gives them: read from a one-row shell."""
    probe = folder / "probe.xlsx"
    _shell(probe, title, 1)
    with zipfile.ZipFile(probe) as z:
        sheet = z.read(xlsx_rows.SHEET).decode("utf-8")
    probe.unlink()
    found = dict(re.findall(r'<c r="([A-Z]+)3" s="(\d+)"', sheet))
    return [int(found[xl_col_to_name(c)]) for c in range(len(COLUMNS))]


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
                NOTHING if d["index"] is None else d["index"],
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
