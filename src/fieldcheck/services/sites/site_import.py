# SPDX-License-Identifier: Apache-2.0
"""Import a township's site register from a spreadsheet: preview first, then all or nothing.

``preview_import`` reads the file and checks every row as ``register_site`` would (the
统一社会信用代码 with its check character, phone numbers, required fields), plus codes
already registered and codes used twice in the file. Each problem names the file, sheet,
row, column header, value and what is wrong. ``import_sites`` writes a preview with no
problems in one transaction: every site, or none.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError
from fieldcheck.core.models import RiskLevel, Site
from fieldcheck.core.phone import phone_problem
from fieldcheck.core.uscc import uscc_problem
from fieldcheck.services.context import AppContext
from fieldcheck.services.journal import record_change
from fieldcheck.services.sites.site_table import Sheet, TableError, read_table
from fieldcheck.services.sites.sites import check_unique_uscc
from fieldcheck.storage import queries
from fieldcheck.storage.records import site_to_row

# Column headers as registers write them (after NFKC, no spaces, no * or (必填)).
HEADERS: dict[str, str] = {
    **dict.fromkeys(
        ["单位名称", "企业名称", "名称", "单位", "场所名称", "店名", "商户名称"], "name"
    ),
    **dict.fromkeys(
        ["统一社会信用代码", "社会信用代码", "信用代码", "统一代码", "营业执照号"], "uscc"
    ),
    **dict.fromkeys(
        ["地址", "单位地址", "经营地址", "详细地址", "场所地址", "注册地址"], "address"
    ),
    **dict.fromkeys(["行业", "所属行业", "行业类别", "行业类型"], "industry"),
    **dict.fromkeys(["场所类型", "单位类型", "场所类别", "类型"], "kind_of_place"),
    **dict.fromkeys(["所属网格", "网格", "网格编码", "网格代码", "所属网格编码"], "jurisdiction"),
    **dict.fromkeys(["法定代表人", "法人", "法人代表", "法定代表人姓名"], "legal_rep"),
    **dict.fromkeys(["联系人", "联系人姓名", "安全负责人", "负责人"], "contact_name"),
    **dict.fromkeys(
        [
            "联系电话",
            "电话",
            "手机",
            "手机号",
            "联系方式",
            "联系人电话",
            "联系人手机",
            "负责人电话",
        ],
        "contact_phone",
    ),
    **dict.fromkeys(["风险等级", "风险分级"], "risk_level"),
}
# A grouped header's sub-columns: 联系人 over 姓名 | 电话.
SUB_HEADERS = {"姓名": "联系人姓名", "电话": "联系人电话", "手机": "联系人电话"}
RISK_WORDS = {
    "低": RiskLevel.LOW,
    "低风险": RiskLevel.LOW,
    "一般": RiskLevel.MEDIUM,
    "一般风险": RiskLevel.MEDIUM,
    "较大": RiskLevel.HIGH,
    "较大风险": RiskLevel.HIGH,
    "重大": RiskLevel.MAJOR,
    "重大风险": RiskLevel.MAJOR,
    **{r.value: r for r in RiskLevel},
}
REQUIRED = ("name", "address")
HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True, order=True)
class ImportProblem:
    """One thing wrong with the file, named as people find it in the spreadsheet.

    code says what is wrong (the window words it in its language); detail says it in
    English; other is the register's site or the file's earlier row a duplicate points to.
    """

    sheet: str
    row: int  # 0: the file (or sheet) as a whole
    cell: str  # e.g. 名册!C5, or C5 in a CSV; '' for the file
    column: str  # the column's header as written in the file
    value: str
    code: str
    detail: str
    file: str = ""
    other: str = ""

    def message(self) -> str:
        """The problem in one English line, for the command line and the log."""
        where = " ".join(p for p in (self.file, self.cell) if p)
        column = f" ({self.column})" if self.column else ""
        got = f" (got {self.value!r})" if self.value else ""
        return f"{where}{column}: {self.detail}{got}"


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


def _norm(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value))
    text = re.sub(r"\s+|\*|※|[(（]必填[)）]", "", text)
    return text.rstrip(":：")


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass
class _Layout:
    header_row: int
    last_header_row: int
    columns: dict[int, tuple[str, str]]  # column -> (header as written, field)
    ignored: list[str]


def _layout(sheet: Sheet) -> _Layout | None:
    """Where the header is and which column holds which field; None with no 单位名称 header."""
    header_row = next(
        (
            r
            for r in range(1, min(sheet.max_row, HEADER_SEARCH_ROWS) + 1)
            if any(
                HEADERS.get(_norm(sheet.cells[(r, c)])) == "name"
                for (rr, c) in sheet.own
                if rr == r and (r, c) in sheet.cells
            )
        ),
        0,
    )
    if not header_row:
        return None
    width = max((c for (_, c) in sheet.cells), default=0)
    grouped = any((header_row, c) in sheet.merged_wide for c in range(1, width + 1))
    below = header_row + 1
    two_rows = grouped and any(
        (below, c) in sheet.own and (header_row, c) in sheet.merged_wide
        for c in range(1, width + 1)
    )
    columns: dict[int, tuple[str, str]] = {}
    ignored: list[str] = []
    taken: set[str] = set()
    for c in range(1, width + 1):
        top = sheet.cells.get((header_row, c))
        if top is None:
            continue
        written = _text(top)
        key = _norm(top)
        if two_rows and (below, c) in sheet.own and (header_row, c) in sheet.merged_wide:
            sub = _text(sheet.cells[(below, c)])
            written = f"{written}/{sub}"
            key = SUB_HEADERS.get(_norm(sub), key + _norm(sub))
            if key not in HEADERS:
                key = _norm(sub)
        name = HEADERS.get(key)
        if name is None or name in taken:
            if (header_row, c) in sheet.own or two_rows:
                ignored.append(written)
            continue
        taken.add(name)
        columns[c] = (written, name)
    return _Layout(header_row, below if two_rows else header_row, columns, ignored)


def _problem(sheet: Sheet, at: tuple[int, int], column: str, value: str, code: str, detail: str,
             other: str = "") -> ImportProblem:  # fmt: skip
    return ImportProblem(
        sheet.title, at[0], sheet.ref(at), column, value, code, detail, other=other
    )


def _row_site(
    sheet: Sheet, r: int, layout: _Layout, default_jurisdiction: str
) -> tuple[Site | None, list[ImportProblem]]:
    data: dict[str, Any] = {}
    problems: list[ImportProblem] = []
    where: dict[str, tuple[int, int]] = {}
    header: dict[str, str] = {}
    for c, (written, name) in layout.columns.items():
        at = (r, c)
        where[name], header[name] = at, written
        if at in sheet.unsaved:
            problems.append(
                _problem(
                    sheet,
                    at,
                    written,
                    "",
                    "formula",
                    "formula has no saved value; open and save the file in Excel or WPS",
                )
            )
            continue
        raw = sheet.cells.get(at)
        if raw is None:
            continue
        value = _text(raw)
        if name == "uscc" and isinstance(raw, int | float):
            problems.append(
                _problem(
                    sheet,
                    at,
                    written,
                    value,
                    "uscc_number",
                    "the code is stored as a number, which keeps only 15 digits; "
                    "format the column as text and type the code again",
                )
            )
            continue
        if name == "uscc":
            value = value.upper()
            if (why := uscc_problem(value)) is not None:
                problems.append(_problem(sheet, at, written, value, "uscc", why))
                continue
        if name == "contact_phone" and (why := phone_problem(value)) is not None:
            problems.append(_problem(sheet, at, written, value, "phone", why))
            continue
        if name == "risk_level":
            level = RISK_WORDS.get(_norm(value).lower())
            if level is None:
                problems.append(
                    _problem(
                        sheet,
                        at,
                        written,
                        value,
                        "risk_level",
                        "must be 低风险, 一般风险, 较大风险 or 重大风险",
                    )
                )
                continue
            value = level.value
        data[name] = value
    if not data.get("jurisdiction") and default_jurisdiction:
        data["jurisdiction"] = default_jurisdiction
    for name in (*REQUIRED, "jurisdiction"):
        at = where.get(name, (r, min(layout.columns)))
        if data.get(name) or (name in where and any(p.cell == sheet.ref(at) for p in problems)):
            continue
        label = header.get(name, "所属网格")
        problems.append(
            _problem(sheet, at, label, "", "required", f"{label} is empty; every site needs it")
        )
    if problems:
        return None, problems
    try:
        return Site.model_validate(data), []
    except ValidationError as exc:
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else ""
            at = where.get(name, (r, 1))
            value = _text(err.get("input", ""))
            problems.append(
                _problem(sheet, at, header.get(name, name), value, "invalid", err["msg"])
            )
        return None, problems


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
        layout = _layout(sheet)
        if layout is None:
            continue  # a sheet of notes or sums: nothing in it looks like a register
        laid_out += 1
        fields = {name for _, name in layout.columns.values()}
        for name in REQUIRED:
            if name not in fields:
                label = "地址" if name == "address" else "单位名称"
                at = (layout.header_row, 1)
                preview.problems.append(
                    _problem(sheet, at, label, "", "no_column", f"no {label} column in the header")
                )
        if any(p.code == "no_column" for p in preview.problems):
            continue
        preview.columns.extend(layout.columns.values())
        preview.ignored.extend(layout.ignored)
        for r in range(layout.last_header_row + 1, sheet.max_row + 1):
            if not any((r, c) in sheet.own for c in layout.columns):
                continue  # a blank row, or one covered only by a merged cell from above
            site, problems = _row_site(sheet, r, layout, jurisdiction)
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
        registered = {k: (r.name, r.id) for k, r in queries.sites_by_uscc(s, codes).items()}
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
            s.add(site_to_row(row.site, now))
            record_change(
                s, actor_id=actor_id, action="site.import", entity="site", record=row.site
            )
    return [r.site for r in preview.rows]
