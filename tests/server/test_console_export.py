# SPDX-License-Identifier: Apache-2.0
"""The ledger export writes its rows itself (console/xlsx_rows): the sheet is, byte for
byte, what XlsxWriter's own per-cell writers make of the same rows, and reads back."""

from __future__ import annotations

import io
import zipfile
from collections import namedtuple
from datetime import date, timedelta
from pathlib import Path

import xlsxwriter
from openpyxl import load_workbook

from fieldcheck.reports.ledger_xlsx import COLUMNS, DATE_FORMAT, FONT
from fieldcheck.server.console import export

TODAY = date(2026, 12, 3)
Row = namedtuple("Row", ["id", "found_at", *export.EXPORT_COLUMNS])  # type: ignore[misc]
AWKWARD = [  # what the escaping has to get right
    "<script>alert(1)</script> & 'x' \"y\"",
    '"><img src=x onerror=alert(1)>',
    "_x0041_ is not A",
    "bell\x07 and tab\t and\nnewline",
    " leading space",
    "trailing space ",
    "\x0bvertical tab first",
    "煤气罐（液化石油气）未固定",
]


def _rows(n: int) -> list[Row]:
    out = []
    for i in range(n):
        found = TODAY - timedelta(days=i % 300)
        text = AWKWARD[i % len(AWKWARD)]
        out.append(
            Row(
                str(i),
                None,
                f"单位{i}",
                f"91410105MA{i:08d}",
                text,
                "后厨" if i % 2 else "",
                "《消防法》第二十八条",
                "major" if i % 5 == 0 else "general",
                "suspected" if i % 10 == 0 else "confirmed" if i % 5 == 0 else None,
                text,
                "张三",
                "",
                "",
                found,
                found + timedelta(days=15) if i % 3 else None,
                ("assigned", "verified", "closed")[i % 3],
                i % 3 == 0,
                found,
                found + timedelta(days=3) if i % 2 else None,
                None,
                None,
                found + timedelta(days=40) if i % 7 == 0 else None,
                i % 7 == 0,
                "金安监责改〔2026〕1号" if i % 4 == 0 else "",
            )
        )
    return out


def _per_cell(rows: list[Row], title: str, path: Path) -> None:
    """The same workbook through XlsxWriter's own writers, one call per cell."""
    wb = xlsxwriter.Workbook(
        str(path),
        {"constant_memory": True, "tmpdir": str(path.parent), "default_date_format": DATE_FORMAT},
    )
    ws = wb.add_worksheet("隐患台账")
    plain = wb.add_format({"font_name": FONT})
    text = wb.add_format({"font_name": FONT, "num_format": "@"})
    for c, (_h, width, field, _d) in enumerate(COLUMNS):
        ws.set_column(c, c, width, text if field == "uscc" else plain)
    ws.freeze_panes(2, 2)
    ws.write(0, 0, title, wb.add_format({"font_name": FONT, "font_size": 14, "bold": True}))
    head = wb.add_format(
        {"font_name": FONT, "bold": True, "bg_color": "#D9E1F2", "align": "center"}
    )
    ws.write_row(1, 0, [h for h, *_ in COLUMNS], head)
    day = wb.add_format({"font_name": FONT, "num_format": DATE_FORMAT})
    for n, row in enumerate(rows, start=1):
        for c, v in enumerate(export.row_values(TODAY, Row._fields)(row, n)):
            if isinstance(v, date):
                ws.write_number(n + 1, c, (v - date(1899, 12, 30)).days, day)
            elif isinstance(v, int):
                ws.write_number(n + 1, c, v)
            elif v:
                ws.write_string(n + 1, c, v)
    ws.autofilter(1, 0, max(1, len(rows) + 1), len(COLUMNS) - 1)
    ws.repeat_rows(1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    wb.close()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}  # (a time)


def test_the_sheet_is_what_xlsxwriter_writes_cell_by_cell(tmp_path: Path) -> None:
    for n in (0, 1, 2, 57):
        rows = _rows(n)
        ours = b"".join(export.ledger_xlsx(rows, "金水区隐患台账", TODAY))
        _per_cell(rows, "金水区隐患台账", tmp_path / f"ref{n}.xlsx")
        theirs = (tmp_path / f"ref{n}.xlsx").read_bytes()
        assert _parts(ours).keys() == _parts(theirs).keys()
        for name, data in _parts(theirs).items():
            assert _parts(ours)[name] == data, (n, name)


def level_at(back: tuple[object, ...]) -> object:
    return back[[f for _h, _w, f, _d in COLUMNS].index("level")]


def test_the_workbook_reads_back_with_the_ledger_s_columns_and_values() -> None:
    rows = _rows(40)
    rows[3] = rows[3]._replace(description="<r>not rich text</r>")  # escaped, not markup
    data = b"".join(export.ledger_xlsx(rows, "金水区隐患台账", TODAY))
    ws = load_workbook(io.BytesIO(data)).active
    assert ws is not None
    assert ws["A1"].value == "金水区隐患台账"
    assert [c.value for c in ws[2]] == [h for h, *_ in COLUMNS]
    assert ws.auto_filter.ref == f"A2:V{len(rows) + 2}" and ws.freeze_panes == "C3"
    got = list(ws.iter_rows(min_row=3, values_only=True))
    assert len(got) == len(rows)
    for n, (row, back) in enumerate(zip(rows, got, strict=True), start=1):
        assert back[0] == n and back[1] == row.site_name and back[2] == row.uscc
        # (control characters travel as Excel's _xHHHH_, a literal _xHHHH_ as _x005F_xHHHH_;
        # Excel reads both back, openpyxl leaves them)
        escaped = row.description.replace("_x0041_", "_x005F_x0041_")
        assert back[3] == escaped.replace("\x07", "_x0007_").replace("\x0b", "_x000B_")
        assert back[11].date() == row.found_on  # a real date, in the Chinese date form
        assert ws.cell(n + 2, 12).number_format == DATE_FORMAT
        assert (back[12].date() if back[12] else None) == row.deadline
        # 重大隐患 only once an expert confirmed it (the console's pages say the same)
        level = {"suspected": "疑似重大隐患", "confirmed": "重大隐患"}.get(row.major_status)
        assert level_at(back) == (level or "一般隐患"), (n, row.level, row.major_status)
    assert got[3][3] == "<r>not rich text</r>"
