# SPDX-License-Identifier: Apache-2.0
"""The 隐患台账 as an .xlsx workbook that opens cleanly in Excel and WPS."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

FONT = "宋体"  # present in every Chinese Office/WPS install
DATE_FORMAT = 'yyyy"年"m"月"d"日"'  # the one Chinese date form (core.timefmt)


@dataclass(frozen=True)
class LedgerRow:
    """One hazard on the ledger."""

    site: str
    uscc: str
    description: str
    place: str
    basis: str
    level: str
    measures: str
    responsible: str
    funds: str
    safety_plan: str
    found: date | None
    deadline: date | None
    status: str
    overdue: bool
    assigned: date | None
    rectified: date | None
    verified: date | None
    closed: date | None
    revisited: date | None
    notices: str
    revisit_outcome: str = ""  # 未反弹 / 反弹 of the latest 回头看


# (header, width in characters, field, is a date)
COLUMNS: list[tuple[str, int, str, bool]] = [
    ("序号", 6, "", False),
    ("被检查单位", 22, "site", False),
    ("统一社会信用代码", 21, "uscc", False),
    ("隐患描述", 40, "description", False),
    ("部位", 12, "place", False),
    ("依据/条款", 30, "basis", False),
    ("隐患等级", 10, "level", False),
    ("整改措施", 30, "measures", False),
    ("责任人", 12, "responsible", False),  # 五落实: 责任、措施、资金、时限、预案
    ("整改资金", 12, "funds", False),
    ("安全措施和应急预案", 30, "safety_plan", False),
    ("发现日期", 12, "found", True),
    ("整改期限", 12, "deadline", True),
    ("状态", 10, "status", False),
    ("是否逾期", 8, "overdue", False),
    ("交办日期", 12, "assigned", True),
    ("整改日期", 12, "rectified", True),
    ("验收日期", 12, "verified", True),
    ("销号日期", 12, "closed", True),
    ("回头看日期", 12, "revisited", True),
    ("回头看结果", 10, "revisit_outcome", False),
    ("文书编号", 34, "notices", False),
]


def write_ledger(rows: Sequence[LedgerRow], path: Path, *, title: str) -> None:
    """Write rows to path: frozen header, widths, wrapped text, real dates, autofilter."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "隐患台账"
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.cell(row=1, column=1, value=title).font = Font(name=FONT, size=14, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    ws.row_dimensions[1].height = 24
    for c, (header, width, _field, _is_date) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=2, column=c, value=header)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        ws.column_dimensions[get_column_letter(c)].width = width
    wrap = Alignment(vertical="top", wrap_text=True)
    for r, row in enumerate(rows, start=3):
        for c, (_header, _width, field, is_date) in enumerate(COLUMNS, start=1):
            if not field:
                value: object = r - 2
            elif field == "overdue":
                value = "是" if row.overdue else "否"  # the column asks 是否逾期
            else:
                value = getattr(row, field)
            cell = ws.cell(row=r, column=c, value=value)
            red = field == "overdue" and row.overdue
            cell.font = Font(name=FONT, color="C00000" if red else None)
            cell.alignment = wrap
            cell.border = border
            if is_date:
                cell.number_format = DATE_FORMAT
            elif field == "uscc":
                cell.number_format = "@"  # keep 18-character codes as text, never numbers
    ws.freeze_panes = "C3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(COLUMNS))}{max(2, len(rows) + 2)}"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(path)
