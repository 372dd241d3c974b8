# SPDX-License-Identifier: Apache-2.0
"""A register spreadsheet (xlsx, or csv in UTF-8 or GBK) as cells people can be pointed at.

Workbooks are read as checklists/xlsx.py reads them: merged cells count for every cell
they cover, formula cells use the value Excel or WPS saved (one never calculated is
reported), and a cell is named as people see it: sheet, row, column letter.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.cell_range import CellRange

from fieldcheck.checklists.workbook import workbook_problem

MAX_FILE_BYTES = 20 * 1024 * 1024  # a township's register is a few hundred kB
MAX_ROWS = 20000
Cell = tuple[int, int]


class TableError(Exception):
    """The file cannot be read as a table at all; code says why (for the window's words)."""

    def __init__(self, code: str, detail: str) -> None:
        self.code = code
        self.detail = detail
        super().__init__(detail)


@dataclass
class Sheet:
    """One worksheet's values after merges and formulas; CSV files have one, titled ''."""

    title: str
    cells: dict[Cell, Any] = field(default_factory=dict)
    own: set[Cell] = field(default_factory=set)  # a value of its own, not a merge fill
    merged_wide: set[Cell] = field(default_factory=set)  # inside a merge over 2+ columns
    wide_merges: list[CellRange] = field(default_factory=list)  # the merges over 2+ columns
    unsaved: set[Cell] = field(default_factory=set)  # formulas with no saved value
    max_row: int = 0

    def ref(self, at: Cell) -> str:
        """The cell as people name it, e.g. 单位名册!B7 (or B7 in a CSV)."""
        name = f"{get_column_letter(at[1])}{at[0]}"
        return f"{self.title}!{name}" if self.title else name


@dataclass
class Table:
    """Every sheet of a file, and the encoding a CSV was read in."""

    path: Path
    sheets: list[Sheet]
    encoding: str = ""


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_xlsx(path: Path) -> list[Sheet]:
    refused = workbook_problem(path)
    if refused is not None:
        raise TableError("unreadable", f"refused: {refused}")
    try:
        formulas = openpyxl.load_workbook(path, data_only=False)
        values = openpyxl.load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError("unreadable", f"not a readable .xlsx workbook ({exc})") from None
    sheets = []
    for ws in formulas.worksheets:
        sheet = Sheet(ws.title)
        saved = values[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if _blank(value):
                    continue
                at = (cell.row, cell.column)
                if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
                    value = saved.cell(*at).value
                    if _blank(value):
                        sheet.unsaved.add(at)
                        sheet.own.add(at)
                        continue
                sheet.cells[at] = value.strip() if isinstance(value, str) else value
                sheet.own.add(at)
        sheet.wide_merges = [m for m in ws.merged_cells.ranges if m.max_col > m.min_col]
        for merged in ws.merged_cells.ranges:
            wide = merged.max_col > merged.min_col
            top = sheet.cells.get((merged.min_row, merged.min_col))
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if wide:
                        sheet.merged_wide.add((r, c))
                    if top is not None:
                        sheet.cells.setdefault((r, c), top)
        sheet.max_row = max((r for r, _ in sheet.cells), default=0)
        if sheet.max_row > MAX_ROWS:
            raise TableError(
                "too_many_rows", f"{ws.title}: {sheet.max_row} rows (limit {MAX_ROWS})"
            )
        sheets.append(sheet)
    return sheets


def _decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV and its encoding: UTF-8 (with or without BOM), else GBK/GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), "gbk" if encoding == "gb18030" else "utf-8"
        except UnicodeDecodeError:
            continue
    raise TableError("encoding", "neither UTF-8 nor GBK text; save the file as CSV (UTF-8)")


def _read_csv(path: Path) -> tuple[list[Sheet], str]:
    text, encoding = _decode(path.read_bytes())
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    sheet = Sheet("")
    for r, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        if r > MAX_ROWS:
            raise TableError("too_many_rows", f"more than {MAX_ROWS} rows")
        for c, value in enumerate(row, start=1):
            if not _blank(value):
                sheet.cells[(r, c)] = value.strip()
                sheet.own.add((r, c))
    sheet.max_row = max((r for r, _ in sheet.cells), default=0)
    return [sheet], encoding


def read_table(path: Path) -> Table:
    """The sheets of an .xlsx or .csv file; TableError when it cannot be read at all."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise TableError("unreadable", f"cannot read the file ({exc.strerror})") from None
    if size > MAX_FILE_BYTES:
        raise TableError("too_big", f"{size // 2**20} MB (limit {MAX_FILE_BYTES // 2**20} MB)")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return Table(path, _read_xlsx(path))
    if suffix in (".csv", ".txt"):
        sheets, encoding = _read_csv(path)
        return Table(path, sheets, encoding)
    raise TableError("file_type", f"{suffix or 'no suffix'}: import reads .xlsx and .csv files")
