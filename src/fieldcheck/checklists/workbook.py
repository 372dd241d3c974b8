# SPDX-License-Identifier: Apache-2.0
"""What is checked of an Excel workbook before and beside reading it, for checklist
workbooks and site registers alike: the file bounded before any parser sees it (zip
bomb, XML entities) and header cells merged over columns that hold data.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

Cell = tuple[int, int]


MAX_UNPACKED = 64 * 1024 * 1024  # a checklist workbook unpacks to a few MB at most
MAX_RATIO = 200  # text compresses ~10x; a zip bomb several thousand times
MAX_ENTRIES = 2000


def workbook_problem(source: Path) -> str | None:
    """Why a workbook is refused before any parser sees it (zip bomb, XML entities)."""
    try:
        with zipfile.ZipFile(source) as z:
            infos = z.infolist()
            if len(infos) > MAX_ENTRIES:
                return f"{len(infos)} parts inside; a workbook has far fewer"
            total = sum(i.file_size for i in infos)
            if total > MAX_UNPACKED:
                return f"unpacks to {total // 2**20} MB (limit {MAX_UNPACKED // 2**20} MB)"
            for info in infos:
                ratio = info.file_size // max(info.compress_size, 1)
                if ratio > MAX_RATIO and info.file_size > 1024 * 1024:
                    return f"{info.filename} is compressed {ratio}:1 (a zip bomb?)"
                if info.filename.endswith((".xml", ".rels")):
                    head = z.read(info)  # bounded by the total checked above
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        return f"{info.filename} declares a DTD or entities; a workbook has none"
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as exc:
        return f"not a readable .xlsx workbook ({exc})"
    return None


def merged_over_data(
    merges: Sequence[CellRange], own: set[Cell], header_row: int, last_header_row: int = 0
) -> list[tuple[str, str]]:
    """Header cells merged over the columns beside them when those columns hold data:
    (the merge, e.g. B6:D6, and the covered columns with values below, e.g. C、D).
    Such a column has no header of its own (nor a sub-header in a second header row),
    so it would be dropped without a word."""
    last = max(last_header_row, header_row)
    found = []
    for m in merges:
        if not m.min_row <= header_row <= m.max_row:
            continue
        covered = [
            get_column_letter(c)
            for c in range(m.min_col + 1, m.max_col + 1)
            if not any(header_row < r <= last and col == c for r, col in own)
            and any(r > last and col == c for r, col in own)
        ]
        if covered:
            found.append((m.coord, "、".join(covered)))
    return found
