# SPDX-License-Identifier: Apache-2.0
"""Excel import: merged cells, blank rows and formula cells as people really make them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from fieldcheck.checklists.loader import read_files
from fieldcheck.services.inspections import checklists as service

HEADER = [
    "分组",
    "编号",
    "检查内容",
    "检查方法",
    "隐患等级",
    "判定依据",
    "法律依据",
    "整改措施",
    "整改期限（天）",
]


def workbook(path: Path, rows: list[list[object]], merges: tuple[str, ...] = ()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "检查表"
    ws.append(["编号", "county-youxian"])
    ws.append(["名称", "县有限空间检查表"])
    ws.append(["版本", "2026.2"])
    ws.append(["适用场所", "污水池、化粪池"])
    ws.append([])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    for merged in merges:
        ws.merge_cells(merged)
    wb.save(path)
    return path


def good_rows() -> list[list[object]]:
    return [
        [
            "作业管理",
            "y1",
            "是否履行作业审批",
            "查看审批单",
            "重大",
            "gongmao-2023 第十三条第（二）项",
            "",
            "停止作业",
            "立即",
        ],
        [
            None,
            "y2",
            "是否设置监护人员",
            "现场查看",
            "重大",
            "gongmao-2023 第十三条第（二）项\nfangwu-shizheng-2024 第十一条第（三）项",
            "",
            "设监护",
            0,
        ],
        [],
        [
            "应急",
            "y3",
            "是否制定应急预案",
            "查看预案",
            "一般",
            "",
            "anquan-shengchan-fa-2021 第二十一条",
            "制定预案",
            "30天",
        ],
    ]


def test_merged_groups_and_blank_rows_import(tmp_path: Path) -> None:
    src = workbook(tmp_path / "in.xlsx", good_rows(), merges=("A7:A8",))
    out = tmp_path / "out" / "county.yaml"
    assert service.import_xlsx(src, out) == []
    [located] = read_files([out]).docs
    checklist = located.doc
    assert checklist.id == "county-youxian" and checklist.version == "2026.2"
    assert [i.id for i in checklist.items] == ["y1", "y2", "y3"]
    assert [i.group for i in checklist.items] == ["作业管理", "作业管理", "应急"]
    assert [i.deadline_days for i in checklist.items] == [0, 0, 30]
    assert [str(x) for x in checklist.items[1].criteria] == [
        "gongmao-2023 第十三条第（二）项",
        "fangwu-shizheng-2024 第十一条第（三）项",
    ]
    assert checklist.scope.kinds_of_place == ("污水池", "化粪池")
    assert "legal_basis" not in out.read_text(encoding="utf-8")


def test_problems_name_the_sheet_and_cell(tmp_path: Path) -> None:
    rows = good_rows()
    rows[0][5] = "gongmao-2023 第十三条第（九）项"
    rows[1][4] = "很大"
    rows[3][8] = "下周"
    rows[3][6] = "安全生产法第二十一条"
    out = tmp_path / "out.yaml"
    found = [str(p) for p in service.import_xlsx(workbook(tmp_path / "in.xlsx", rows), out)]
    assert "检查表!E8: 隐患等级 must be 一般 or 重大 (got '很大')" in found
    assert "检查表!I10: 整改期限 must be days (got '下周')" in found
    assert any(m.startswith("检查表!G10: cannot read link '安全生产法第二十一条'") for m in found)
    assert not out.exists()
    rows = good_rows()
    rows[0][5] = "gongmao-2023 第十三条第（九）项"
    found = [str(p) for p in service.import_xlsx(workbook(tmp_path / "in.xlsx", rows), out)]
    assert found == [
        "检查表!F7: criteria: gongmao-2023 has no clause '第十三条第（九）项' "
        "(did you mean '第十三条第（二）项'?)"
    ]
    assert not out.exists()


def _with_cached_value(path: Path, cell: str, value: str | None) -> None:
    """Give a formula cell the value Excel would have saved (openpyxl never does)."""
    with zipfile.ZipFile(path) as zin:
        parts = {name: zin.read(name) for name in zin.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    pattern = rf'<c r="{cell}"([^>]*)><f>([^<]*)</f><v\s*/?>(</v>)?</c>'
    cached = (
        f'<c r="{cell}" t="str"><f>\\2</f><v>{value}</v></c>'
        if value
        else f'<c r="{cell}"><f>\\2</f></c>'
    )
    sheet, n = re.subn(pattern, cached, sheet)
    assert n == 1, sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as zout:
        for name, data in parts.items():
            zout.writestr(name, data)


def test_formula_cells_use_the_saved_value_or_are_reported(tmp_path: Path) -> None:
    rows = good_rows()
    rows[3][2] = '=CONCAT("是否制定","应急预案")'
    src = workbook(tmp_path / "in.xlsx", rows)
    _with_cached_value(src, "C10", "是否制定应急预案")
    out = tmp_path / "out.yaml"
    assert service.import_xlsx(src, out) == []
    assert read_files([out]).docs[0].doc.items[2].prompt == "是否制定应急预案"
    src = workbook(tmp_path / "in2.xlsx", rows)
    _with_cached_value(src, "C10", None)
    found = [str(p) for p in service.import_xlsx(src, tmp_path / "out2.yaml")]
    assert len(found) == 1 and found[0].startswith("检查表!C10: formula has no saved value")


def test_missing_header_unknown_column_and_not_a_workbook(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["随便", "写点"])  # type: ignore[union-attr]
    wb.save(tmp_path / "no-header.xlsx")
    [p] = service.import_xlsx(tmp_path / "no-header.xlsx", tmp_path / "o.yaml")
    assert str(p) == "Sheet: no header row with 检查内容"
    (tmp_path / "fake.xlsx").write_text("not a zip")
    [p] = service.import_xlsx(tmp_path / "fake.xlsx", tmp_path / "o.yaml")
    assert "not a readable .xlsx workbook" in str(p)
    rows = good_rows()
    src = workbook(tmp_path / "extra.xlsx", rows)
    wb2 = openpyxl.load_workbook(src)
    wb2.active.cell(6, 10, "备注栏")  # type: ignore[union-attr]
    wb2.save(src)
    found = [str(x) for x in service.import_xlsx(src, tmp_path / "o.yaml")]
    assert found[0].startswith("检查表!J6: unknown column '备注栏'")


@pytest.mark.parametrize("missing", ["id", "title", "version"])
def test_missing_checklist_metadata_is_reported(tmp_path: Path, missing: str) -> None:
    src = workbook(tmp_path / "in.xlsx", good_rows())
    wb = openpyxl.load_workbook(src)
    ws = wb.active
    assert ws is not None
    ws.delete_rows({"id": 1, "title": 2, "version": 3}[missing])
    wb.save(src)
    found = [str(p) for p in service.import_xlsx(src, tmp_path / "o.yaml")]
    assert any(f"missing field '{missing}'" in m for m in found)


def _bomb(path: Path, unpacked_mb: int) -> Path:
    """A valid-looking workbook whose one sheet unpacks to unpacked_mb of XML."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(b"<worksheet><sheetData>")
            block = b" " * (1024 * 1024)
            for _ in range(unpacked_mb):
                fh.write(block)
            fh.write(b"</sheetData></worksheet>")
    return path


def test_a_zip_bomb_is_refused_small(tmp_path: Path) -> None:
    """Refused from the archive's own figures, before any unpacking; the time it takes
    (goal < 2 s) is the benchmark checklists_zip_bomb_refused, not an assertion here."""
    import resource

    bomb = _bomb(tmp_path / "bomb.xlsx", 400)
    assert bomb.stat().st_size < 1024 * 1024  # ~400 KB on disk
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    [p] = service.import_xlsx(bomb, tmp_path / "out.yaml")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert "refused" in p.message and "MB" in p.message, p
    assert grown_mb < 200, grown_mb
    assert not (tmp_path / "out.yaml").exists()


def test_an_xxe_workbook_is_refused_by_name(tmp_path: Path) -> None:
    import zipfile

    src = tmp_path / "xxe.xlsx"
    with zipfile.ZipFile(src, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        )
    [p] = service.import_xlsx(src, tmp_path / "out.yaml")
    assert "refused" in p.message and "DTD" in p.message


def test_a_header_merged_over_the_next_column_is_refused_by_name(tmp_path: Path) -> None:
    """检查内容 merged over 检查方法 (C6:D6): column D's values would have no header."""
    src = workbook(tmp_path / "in.xlsx", good_rows(), merges=("C6:D6",))
    ws = openpyxl.load_workbook(src).worksheets[0]
    assert ws["D6"].value is None  # openpyxl (like Excel) keeps only the merge's first value
    out = tmp_path / "out.yaml"
    found = [str(p) for p in service.import_xlsx(src, out)]
    assert any(
        m.startswith("检查表!C6:D6: C6:D6 是合并单元格: column D holds values") for m in found
    ), found
    assert not out.exists()


def test_a_merged_title_over_empty_columns_still_imports(tmp_path: Path) -> None:
    rows = [[*r, None] for r in good_rows()]
    src = workbook(tmp_path / "in.xlsx", rows, merges=("I6:J6",))  # nothing below J
    assert service.import_xlsx(src, tmp_path / "out.yaml") == []
