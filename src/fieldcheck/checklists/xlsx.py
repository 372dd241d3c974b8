# SPDX-License-Identifier: Apache-2.0
"""Import a checklist from an Excel workbook (layout in checklists/README.md).

Workbooks are read as people make them: merged cells count for every cell they
cover, blank rows are skipped, and formula cells use the value Excel or WPS saved
(a formula never calculated is reported, never guessed). Problems name the cell.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from fieldcheck.checklists.models import Checklist
from fieldcheck.checklists.problems import Problem
from fieldcheck.checklists.validate import Located, cross_check, validate_document
from fieldcheck.checklists.workbook import Cell, merged_over_data, workbook_problem
from fieldcheck.checklists.yamlread import Parsed

COLUMNS = {
    "分组": "group",
    "编号": "id",
    "序号": "id",
    "检查内容": "prompt",
    "检查方法": "how_to_check",
    "隐患等级": "default_level",
    "判定依据": "criteria",
    "法律依据": "law",
    "参考依据": "references",
    "整改措施": "measures",
    "整改期限(天)": "deadline_days",
}
META = {
    "编号": "id",
    "名称": "title",
    "版本": "version",
    "适用场所": "kinds_of_place",
    "适用行业": "industries",
    "编制单位": "author",
    "说明": "notes",
}
LEVELS = {
    "一般": "general",
    "一般隐患": "general",
    "一般事故隐患": "general",
    "general": "general",
    "重大": "major",
    "重大隐患": "major",
    "重大事故隐患": "major",
    "major": "major",
}
SPLIT = re.compile(r"[\n；;]+")
LIST_SPLIT = re.compile(r"[\n；;、，,]+")


def _norm(value: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value))).rstrip(":")


class _Sheet:
    """The cell values of one worksheet after merges and formulas are resolved."""

    def __init__(self, path: Path) -> None:
        formulas = openpyxl.load_workbook(path, data_only=False)
        values = openpyxl.load_workbook(path, data_only=True)
        ws = formulas.worksheets[0]
        self.title = ws.title
        self.problems: list[Problem] = []
        self.cells: dict[Cell, Any] = {}
        self.own: set[Cell] = set()  # cells with a value of their own (not a merge fill)
        self.bad: set[Cell] = set()  # cells already reported as unreadable
        saved = values[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                at = (cell.row, cell.column)
                if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
                    value = saved.cell(*at).value
                    if value is None:
                        self.problems.append(
                            self.problem(
                                at,
                                "formula has no saved value; "
                                "open and save the file in Excel or WPS, or type the value",
                            )
                        )
                        self.bad.add(at)
                        continue
                self.cells[at] = value.strip() if isinstance(value, str) else value
                self.own.add(at)
        self.wide_merges = [m for m in ws.merged_cells.ranges if m.max_col > m.min_col]
        for merged in ws.merged_cells.ranges:
            top = self.cells.get((merged.min_row, merged.min_col))
            if top is None:
                continue
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    self.cells.setdefault((r, c), top)
        self.max_row = max((r for r, _ in self.cells), default=0)

    def name(self, at: Cell) -> str:
        return f"{self.title}!{get_column_letter(at[1])}{at[0]}"

    def problem(self, at: Cell, message: str) -> Problem:
        return Problem(self.name(at), 0, 0, message)


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _links(sheet: _Sheet, at: Cell, value: object) -> list[dict[str, str]] | Problem:
    links = []
    for part in SPLIT.split(_text(value)):
        pieces = part.strip().split(None, 1)
        if not pieces:
            continue
        if len(pieces) != 2:
            return sheet.problem(
                at,
                f"cannot read link {part.strip()!r}; write "
                "'set-id clause-ref', e.g. 'gongmao-2023 第十三条第（一）项'",
            )
        links.append({"criteria_id": pieces[0], "ref": pieces[1].strip()})
    return links


def _field(sheet: _Sheet, name: str, at: Cell, value: object) -> object:
    text = _text(value)
    if name in ("criteria", "law", "references"):
        return _links(sheet, at, value)
    if name == "default_level":
        level = LEVELS.get(_norm(text).lower())
        return level or sheet.problem(at, f"隐患等级 must be 一般 or 重大 (got {text!r})")
    if name == "deadline_days":
        if _norm(text) in ("立即", "当场", "立即整改", "当场整改"):
            return 0
        match = re.fullmatch(r"(\d+)(天|日)?", _norm(text))
        return (
            int(match[1]) if match else sheet.problem(at, f"整改期限 must be days (got {text!r})")
        )
    return text


def _read(sheet: _Sheet) -> tuple[dict[str, Any], Parsed, list[Problem]]:
    problems = list(sheet.problems)
    data: dict[str, Any] = {"kind": "checklist", "items": []}
    parsed = Parsed(data=data)
    header_row = next((r for (r, c), v in sorted(sheet.cells.items()) if _norm(v) == "检查内容"), 0)
    if not header_row:
        raise _Unusable(Problem(sheet.title, 0, 0, "no header row with 检查内容"))
    parsed.values[()] = (header_row, 1)
    scope: dict[str, list[str]] = {}
    for r in range(1, header_row):
        label = _norm(sheet.cells.get((r, 1), ""))
        if label not in META:
            continue
        value = next((sheet.cells[(r, c)] for c in range(2, 30) if (r, c) in sheet.cells), "")
        field = META[label]
        parsed.values[(field,)] = parsed.values[("scope", field)] = (r, 2)
        if field in ("kinds_of_place", "industries"):
            scope[field] = [p.strip() for p in LIST_SPLIT.split(_text(value)) if p.strip()]
        else:
            data[field] = _text(value)
    if scope:
        data["scope"] = scope
    for coord, covered in merged_over_data(sheet.wide_merges, sheet.own, header_row):
        problems.append(
            Problem(
                f"{sheet.title}!{coord}",
                0,
                0,
                f"{coord} 是合并单元格: column {covered} holds values but has no header of its "
                "own (合并的表头); unmerge the header cells and give each column its header",
            )
        )
    columns: dict[int, str] = {}
    for (r, c), v in sorted(sheet.cells.items()):
        if r == header_row and (r, c) in sheet.own:
            name = COLUMNS.get(_norm(v)) or COLUMNS.get(_norm(v).replace("(天)", "") + "(天)")
            if name is None:
                known = "、".join(COLUMNS)
                problems.append(sheet.problem((r, c), f"unknown column {v!r}; known: {known}"))
            else:
                columns[c] = name
    for r in range(header_row + 1, sheet.max_row + 1):
        if not any((r, c) in sheet.own or (r, c) in sheet.bad for c in columns):
            continue  # blank row, or only covered by a merged cell from above
        item: dict[str, Any] = {}
        index = len(data["items"])
        parsed.values[("items", index)] = (r, 1)
        for c, name in columns.items():
            if (r, c) in sheet.bad:
                parsed.keys[("items", index, name)] = (r, c)  # marks the field as reported
            if (r, c) not in sheet.cells:
                continue
            value = _field(sheet, name, (r, c), sheet.cells[(r, c)])
            if isinstance(value, Problem):
                problems.append(value)
                parsed.keys[("items", index, name)] = (r, c)  # marks the field as reported
                continue
            item[name] = value
            parsed.values[("items", index, name)] = (r, c)
            for j in range(len(value) if isinstance(value, list) else 0):
                parsed.values[("items", index, name, j)] = (r, c)
        if "id" not in columns.values():
            item["id"] = f"{index + 1:02d}"  # no 编号 column: number by row order
        data["items"].append(item)
    return data, parsed, problems


class _Unusable(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _in_cells(sheet: _Sheet, problem: Problem) -> Problem:
    at = (max(problem.line, 1), max(problem.column, 1))
    return sheet.problem(at, problem.message)


def _dump(checklist: Checklist) -> str:
    data = checklist.model_dump(mode="json", exclude_defaults=True)
    for item in data["items"]:
        item.pop("legal_basis", None)  # derived from law links when loaded
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return "# yaml-language-server: $schema=../schema/checklist.schema.json\n" + body


def convert(source: Path, out: Path, context: Sequence[Located]) -> list[Problem]:
    """Read source, validate against context (the other sets), write YAML to out."""
    refused = workbook_problem(source)
    if refused is not None:
        return [Problem(str(source), 0, 0, f"refused: {refused}")]
    try:
        sheet = _Sheet(source)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        return [Problem(str(source), 0, 0, f"not a readable .xlsx workbook ({exc})")]
    try:
        _, parsed, problems = _read(sheet)
    except _Unusable as stop:
        return [stop.problem]
    result = validate_document(sheet.title, parsed)
    if isinstance(result, list):
        # a cell already reported as unreadable need not be reported missing as well
        reported = {f"items[{loc[1]}]: missing field {loc[2]!r}" for loc in parsed.keys}
        fresh = [_in_cells(sheet, p) for p in result if p.message not in reported]
        return sorted({*problems, *fresh})
    links = [p for p in cross_check([*context, result]) if p.where == sheet.title]
    problems.extend(_in_cells(sheet, p) for p in links)
    if problems:
        return sorted(set(problems))
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=out.name, suffix=".tmp", dir=out.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        assert isinstance(result.doc, Checklist)  # kind is always checklist here
        fh.write(_dump(result.doc))
    os.replace(tmp, out)
    return []
