# SPDX-License-Identifier: Apache-2.0
"""Import a township's site register from a spreadsheet: preview first, then all or nothing.

``preview_import`` reads the file and checks every row as ``register_site`` would (the
统一社会信用代码 with its check character, phone numbers, required fields), plus codes
already registered and codes used twice in the file. Each problem names the file, sheet,
row, column header, value and what is wrong. ``import_sites`` writes a preview with no
problems in one transaction: every site, or none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fieldcheck.checklists.workbook import merged_over_data
from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError
from fieldcheck.core.models import Site
from fieldcheck.services.context import AppContext
from fieldcheck.services.journal import record_change
from fieldcheck.services.sites.site_register import (
    REQUIRED,
    ImportProblem,
    find_layout,
    problem_at,
    row_site,
)
from fieldcheck.services.sites.site_table import TableError, read_table
from fieldcheck.services.sites.sites import check_unique_uscc
from fieldcheck.storage import site_repo


@dataclass
class ImportRow:
    """A row that would become a site."""

    sheet: str
    row: int
    site: Site
    uscc_cell: str = ""  # where its 统一社会信用代码 is, e.g. 名册!B5
    uscc_header: str = ""


@dataclass
class ImportPreview:
    """What an import would register, and every problem that stops it."""

    file: Path
    encoding: str = ""
    columns: list[tuple[str, str]] = field(default_factory=list)  # (header in the file, field)
    ignored: list[str] = field(default_factory=list)  # headers of columns not imported
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problems


class ImportRefusedError(DomainError):
    """The file has problems; nothing was imported. problems lists every one."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        lines = "\n  - ".join(p.message() for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(
            f"nothing was imported: {len(problems)} problem(s)\n  - {lines}{more}"
            if problems
            else "nothing was imported: the file has no sites"
        )


def preview_import(ctx: AppContext, path: Path, *, jurisdiction: str = "") -> ImportPreview:
    """Read path and check every row; nothing is written. jurisdiction fills blank 所属网格."""
    preview = ImportPreview(file=path)
    try:
        table = read_table(path)
    except TableError as exc:
        preview.problems.append(ImportProblem("", 0, "", "", "", exc.code, exc.detail))
        return _named(preview)
    preview.encoding = table.encoding
    laid_out = 0
    for sheet in table.sheets:
        layout = find_layout(sheet)
        if layout is None:
            continue  # a sheet of notes or sums: nothing in it looks like a register
        laid_out += 1
        fields = {name for _, name in layout.columns.values()}
        for name in REQUIRED:
            if name not in fields:
                label = "地址" if name == "address" else "单位名称"
                at = (layout.header_row, 1)
                preview.problems.append(
                    problem_at(
                        sheet, at, label, "", "no_column", f"no {label} column in the header"
                    )
                )
        if any(p.code == "no_column" for p in preview.problems):
            continue
        for merge, covered in merged_over_data(
            sheet.wide_merges, sheet.own, layout.header_row, layout.last_header_row
        ):
            preview.problems.append(
                ImportProblem(
                    sheet.title,
                    layout.header_row,
                    f"{sheet.title}!{merge}",
                    "",
                    "",
                    "merged_header",
                    f"{merge} 是合并单元格: column {covered} holds values but has no header "
                    "of its own; unmerge the header cells and give each column its header",
                    other=merge,
                )
            )
        if any(p.code == "merged_header" for p in preview.problems):
            continue
        preview.columns.extend(layout.columns.values())
        preview.ignored.extend(layout.ignored)
        for r in range(layout.last_header_row + 1, sheet.max_row + 1):
            if not any((r, c) in sheet.own for c in layout.columns):
                continue  # a blank row, or one covered only by a merged cell from above
            site, problems = row_site(sheet, r, layout, jurisdiction)
            preview.problems.extend(problems)
            if site is not None:
                code_at = next((c for c, (_, n) in layout.columns.items() if n == "uscc"), 0)
                code_header = layout.columns[code_at][0] if code_at else ""
                cell = sheet.ref((r, code_at)) if code_at else ""
                preview.rows.append(ImportRow(sheet.title, r, site, cell, code_header))
    if not laid_out:
        preview.problems.append(
            ImportProblem(
                "", 0, "", "", "", "no_header", "no header row with 单位名称 (or 企业名称)"
            )
        )
    elif not preview.rows and not preview.problems:
        preview.problems.append(
            ImportProblem("", 0, "", "", "", "empty", "no sites below the header")
        )
    _duplicates(ctx, preview)
    return _named(preview)


def _duplicates(ctx: AppContext, preview: ImportPreview) -> None:
    """Codes already in the register, and codes used by two rows of the file."""
    codes = [r.site.uscc for r in preview.rows if r.site.uscc]
    with ctx.db.read() as s:
        registered = {k: (r.name, r.id) for k, r in site_repo.sites_by_uscc(s, codes).items()}
    first: dict[str, ImportRow] = {}
    keep = []
    for row in preview.rows:
        code = row.site.uscc
        if code and code in registered:
            name, ident = registered[code]
            preview.problems.append(
                ImportProblem(
                    row.sheet,
                    row.row,
                    row.uscc_cell,
                    row.uscc_header,
                    code,
                    "duplicate_register",
                    f"already registered as {name} ({ident})",
                    other=name,
                )
            )
        elif code and code in first:
            earlier = first[code]
            preview.problems.append(
                ImportProblem(
                    row.sheet,
                    row.row,
                    row.uscc_cell,
                    row.uscc_header,
                    code,
                    "duplicate_file",
                    f"the same code as {earlier.uscc_cell} of this file",
                    other=earlier.uscc_cell,
                )
            )
        else:
            keep.append(row)
            if code:
                first[code] = row
    preview.rows = keep


def _named(preview: ImportPreview) -> ImportPreview:
    preview.problems = sorted({_with_file(p, preview.file.name) for p in preview.problems})
    return preview


def _with_file(p: ImportProblem, name: str) -> ImportProblem:
    return ImportProblem(p.sheet, p.row, p.cell, p.column, p.value, p.code, p.detail, name, p.other)


def import_sites(ctx: AppContext, preview: ImportPreview, *, actor_id: str) -> list[Site]:
    """Register every site of a clean preview in one transaction, or none of them."""
    if not preview.ok:
        raise ImportRefusedError(preview.problems)
    now = clock.now()
    with ctx.db.transaction() as s:
        for row in preview.rows:
            check_unique_uscc(s, row.site)  # registered since the preview: all is rolled back
            site_repo.add_site(s, row.site, now)
            record_change(
                s, actor_id=actor_id, action="site.import", entity="site", record=row.site
            )
    return [r.site for r in preview.rows]
