# SPDX-License-Identifier: Apache-2.0
"""The ledger export's data rows as sheet XML, spliced into a workbook XlsxWriter made.

Profiling the export of 100,000 rows (bench/bench_console.py, py-spy) put about four
fifths of its time in XlsxWriter's per-cell path: a decorated call per cell, a tuple per
cell, then per cell a cell reference, an attribute list and its escaping, and a write to
the temporary file (about 1.1 million cells). Here one row is one string: the columns'
references and style ids are fixed for the sheet, each value is escaped only when it
holds something to escape, and a row is written with one call.

XlsxWriter still writes everything else (the title and header rows, the column widths
and formats, the frozen panes, the autofilter, the print setup, the styles, the package):
it writes the sheet with a stand-in cell at the last row, and ``splice`` puts the rows in
its place when the package is copied, streaming, so memory stays flat. The cells are the
XML XlsxWriter writes in constant-memory mode (inline strings): tests/server/
test_console_export.py compares the sheet byte for byte with XlsxWriter's own per-cell
writers on the same rows.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any

from xlsxwriter.utility import xl_col_to_name

EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system (after Feb 1900)
MAX_CHARS = 32767  # the most an Excel cell holds (UTF-16 units)
SHEET = "xl/worksheets/sheet1.xml"
_MARKUP = re.compile(r"[&<>\x00-\x08\x0b-\x1f]")
_ESCAPED_ESCAPE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_EDGE_SPACE = re.compile(r"^\s|\s$")


def _text(value: str) -> str:
    """One (non-empty) inline string's ``<is>`` as XlsxWriter writes it: control characters as
    _xHHHH_ (a literal _xHHHH_ escaped first), & < > escaped, edge spaces preserved."""
    if len(value) > MAX_CHARS // 2 and len(value.encode("utf-16-le")) // 2 > MAX_CHARS:
        value = value.encode("utf-16-le")[: 2 * MAX_CHARS].decode("utf-16-le", "ignore")
    if not (_MARKUP.search(value) or "_x" in value or value[0].isspace() or value[-1].isspace()):
        return f"<is><t>{value}</t></is>"
    value = _ESCAPED_ESCAPE.sub(r"_x005F\1", value)
    value = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", value)
    preserve = ' xml:space="preserve"' if _EDGE_SPACE.search(value) else ""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<is><t{preserve}>{value}</t></is>"


def write_rows(
    out: IO[str],
    rows: Iterable[Sequence[Any]],
    first: int,
    styles: Sequence[int],
    dates: Sequence[bool],
) -> int:
    """Write each row of values (an empty value leaves no cell) as ``<row>`` elements from
    sheet row ``first`` (0-based); column c gets style id styles[c], and when dates[c] a
    date is its serial number. Returns how many rows were written."""
    refs = [xl_col_to_name(c) for c in range(len(styles))]
    number = [f'" s="{s}"><v>' for s in styles]
    string = [f'" s="{s}" t="inlineStr">' for s in styles]
    n = 0
    write = out.write
    for n, values in enumerate(rows, start=1):
        r = str(first + n)  # sheet rows are 1-based
        parts = [f'<row r="{r}">']
        for c, v in enumerate(values):
            if not v:  # None, "", False: no cell, as the per-cell writers left none
                continue
            cls = v.__class__
            if cls is str:
                parts.append(f'<c r="{refs[c]}{r}{string[c]}{_text(v)}</c>')
            elif dates[c] and isinstance(v, date):
                parts.append(f'<c r="{refs[c]}{r}{number[c]}{(v - EXCEL_EPOCH).days}</v></c>')
            elif cls is int or cls is float:
                parts.append(f'<c r="{refs[c]}{r}{number[c]}{v:.16G}</v></c>')
            else:
                parts.append(f'<c r="{refs[c]}{r}{string[c]}{_text(str(v))}</c>')
        parts.append("</row>")
        write("".join(parts))
    return n


def splice(shell: Path, rows_xml: Path, stand_in_row: int, out: Path) -> None:
    """Copy the package at ``shell`` to ``out`` with the sheet's row ``stand_in_row``
    (1-based; the stand-in XlsxWriter wrote at the last row) replaced by ``rows_xml``."""
    with zipfile.ZipFile(shell) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != SHEET:
                dst.writestr(info, src.read(info), compress_type=zipfile.ZIP_DEFLATED)
                continue
            sheet = src.read(info).decode("utf-8")
            start = sheet.index(f'<row r="{stand_in_row}"')
            end = sheet.index("</sheetData>")
            with dst.open(info, "w", force_zip64=True) as f, rows_xml.open("rb") as body:
                f.write(sheet[:start].encode("utf-8"))
                shutil.copyfileobj(body, f, 1 << 20)
                f.write(sheet[end:].encode("utf-8"))
