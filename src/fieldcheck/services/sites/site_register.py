# SPDX-License-Identifier: Apache-2.0
"""Reading a site register: which column holds which field, and each row as a site or
the problems that stop it.

The header row is the first of the top rows with a 单位名称-like header; a grouped header
(联系人 over 姓名 | 电话) spans two rows. A row is checked as ``register_site`` would
(the 统一社会信用代码 with its check character, phone numbers, required fields).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from fieldcheck.core.models import Site
from fieldcheck.core.phone import phone_problem
from fieldcheck.core.terms import RiskLevel
from fieldcheck.core.uscc import uscc_problem
from fieldcheck.services.sites.site_table import Sheet

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
HEADER_SEARCH_ROWS = 20
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
REQUIRED = ("name", "address")


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


def norm(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value))
    text = re.sub(r"\s+|\*|※|[(（]必填[)）]", "", text)
    return text.rstrip(":：")


def cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass
class Layout:
    header_row: int
    last_header_row: int
    columns: dict[int, tuple[str, str]]  # column -> (header as written, field)
    ignored: list[str]


def find_layout(sheet: Sheet) -> Layout | None:
    """Where the header is and which column holds which field; None with no 单位名称 header."""
    header_row = next(
        (
            r
            for r in range(1, min(sheet.max_row, HEADER_SEARCH_ROWS) + 1)
            if any(
                HEADERS.get(norm(sheet.cells[(r, c)])) == "name"
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
        written = cell_text(top)
        key = norm(top)
        if two_rows and (below, c) in sheet.own and (header_row, c) in sheet.merged_wide:
            sub = cell_text(sheet.cells[(below, c)])
            written = f"{written}/{sub}"
            key = SUB_HEADERS.get(norm(sub), key + norm(sub))
            if key not in HEADERS:
                key = norm(sub)
        name = HEADERS.get(key)
        if name is None or name in taken:
            if (header_row, c) in sheet.own or two_rows:
                ignored.append(written)
            continue
        taken.add(name)
        columns[c] = (written, name)
    return Layout(header_row, below if two_rows else header_row, columns, ignored)


def problem_at(sheet: Sheet, at: tuple[int, int], column: str, value: str, code: str, detail: str,
             other: str = "") -> ImportProblem:  # fmt: skip
    return ImportProblem(
        sheet.title, at[0], sheet.ref(at), column, value, code, detail, other=other
    )


def row_site(
    sheet: Sheet, r: int, layout: Layout, default_jurisdiction: str
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
                problem_at(
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
        value = cell_text(raw)
        if name == "uscc" and isinstance(raw, int | float):
            problems.append(
                problem_at(
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
                problems.append(problem_at(sheet, at, written, value, "uscc", why))
                continue
        if name == "contact_phone" and (why := phone_problem(value)) is not None:
            problems.append(problem_at(sheet, at, written, value, "phone", why))
            continue
        if name == "risk_level":
            level = RISK_WORDS.get(norm(value).lower())
            if level is None:
                problems.append(
                    problem_at(
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
            problem_at(sheet, at, label, "", "required", f"{label} is empty; every site needs it")
        )
    if problems:
        return None, problems
    try:
        return Site.model_validate(data), []
    except ValidationError as exc:
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else ""
            at = where.get(name, (r, 1))
            value = cell_text(err.get("input", ""))
            problems.append(
                problem_at(sheet, at, header.get(name, name), value, "invalid", err["msg"])
            )
        return None, problems
