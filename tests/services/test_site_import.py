# SPDX-License-Identifier: Apache-2.0
"""Importing a township's register: preview first, every bad cell named, all or nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from fieldcheck.core.errors import DuplicateSiteError
from fieldcheck.core.uscc import make_uscc
from fieldcheck.services.context import AppContext
from fieldcheck.services.sites import site_import, sites
from fieldcheck.storage import outbox

A = make_uscc("91410105MA44XKQ0T")
B = make_uscc("92410105MA9FQ2KL3")
C = make_uscc("91410105MA47T3RB1")
BAD = A[:17] + ("0" if A[17] != "0" else "1")  # a wrong check character


def _register(path: Path, rows: list[list[object]], *, title: str = "名册") -> Path:
    """A register as townships keep it: a title over the table, 联系人 over 姓名 | 电话."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    ws.append(["金水区丰产路街道 九小场所台账（2026年11月）"])
    ws.merge_cells("A1:G1")
    ws.append(["序号", "单位名称", "统一社会信用代码", "地址", "联系人", None, "所属网格"])
    ws.append([None, None, None, None, "姓名", "电话", None])
    for col in "ABCDG":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("E2:F2")
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _count(ctx: AppContext) -> int:
    return len(sites.search_sites(ctx, ""))


def test_a_clean_register_previews_then_imports_every_row(ctx: AppContext, tmp_path: Path) -> None:
    path = _register(
        tmp_path / "台账.xlsx",
        [
            [1, "老王烩面馆", A, "丰产路12号", "王建军", 13812345678, "410105001"],
            [None],  # a blank line between blocks
            [2, "顺发五金店", B.lower(), "丰产路18号", "李顺发", "0371-65123456", None],
            [3, "好又多超市", None, "丰产路20号", None, None, None],
        ],
    )
    preview = site_import.preview_import(ctx, path, jurisdiction="410105002")
    assert preview.problems == [] and preview.ok
    assert [(r.sheet, r.row) for r in preview.rows] == [("名册", 4), ("名册", 6), ("名册", 7)]
    got = [
        (r.site.name, r.site.uscc, r.site.contact_phone, r.site.jurisdiction) for r in preview.rows
    ]
    assert got == [
        ("老王烩面馆", A, "13812345678", "410105001"),  # a number cell read as its digits
        ("顺发五金店", B, "0371-65123456", "410105002"),  # blank 所属网格: the default
        ("好又多超市", None, "", "410105002"),
    ]
    assert preview.rows[0].site.contact_name == "王建军"  # 联系人/姓名 under the merged header
    assert "序号" in preview.ignored
    assert _count(ctx) == 0  # a preview writes nothing
    done = site_import.import_sites(ctx, preview, actor_id="grid-1")
    assert [s.name for s in done] == ["老王烩面馆", "顺发五金店", "好又多超市"]
    assert {s.name for s in sites.search_sites(ctx, "丰产路")} == {s.name for s in done}
    with ctx.db.read() as s:
        assert outbox.pending_by_entity(s)["site"] == 3  # each travels to the server


def test_every_bad_cell_is_named_and_nothing_is_imported(ctx: AppContext, tmp_path: Path) -> None:
    sites.register_site(
        ctx, {"name": "老字号药店", "uscc": C, "address": "经三路1号", "jurisdiction": "410105001"},
        actor_id="t",
    )  # fmt: skip
    path = _register(
        tmp_path / "有错.xlsx",
        [
            [1, "甲饭店", BAD, "丰产路1号", "甲", "13812345678", "410105001"],
            [2, "乙商店", A, None, "乙", "13812345678", "410105001"],
            [3, "丙商店", A, "丰产路3号", "丙", "1381234567", "410105001"],
            [4, "丁药店", C, "丰产路4号", "丁", "13812345678", "410105001"],
            [5, "戊厂", 914101051234567000, "丰产路5号", "戊", "13812345678", "410105001"],
            [6, "己店", B, "丰产路6号", "己", "13912345678", "410105001"],
            [7, "庚店", B, "丰产路7号", "庚", "13912345678", "410105001"],
        ],
    )
    preview = site_import.preview_import(ctx, path)
    found = {(p.cell, p.column, p.value, p.code) for p in preview.problems}
    assert found == {
        ("名册!C4", "统一社会信用代码", BAD, "uscc"),
        ("名册!D5", "地址", "", "required"),
        ("名册!F6", "联系人/电话", "1381234567", "phone"),
        ("名册!C7", "统一社会信用代码", C, "duplicate_register"),
        ("名册!C8", "统一社会信用代码", "914101051234567040", "uscc_number"),  # as stored
        ("名册!C10", "统一社会信用代码", B, "duplicate_file"),
    }
    by_code = {p.code: p for p in preview.problems}
    assert all(p.file == "有错.xlsx" and p.sheet == "名册" for p in preview.problems)
    assert "check character" in by_code["uscc"].detail
    assert by_code["duplicate_register"].other == "老字号药店"
    assert by_code["duplicate_file"].other == "名册!C9"
    assert by_code["uscc"].message().startswith("有错.xlsx 名册!C4 (统一社会信用代码): ")
    assert not preview.ok
    with pytest.raises(site_import.ImportRefusedError, match="6 problem"):
        site_import.import_sites(ctx, preview, actor_id="t")
    assert _count(ctx) == 1  # only the site registered before


def test_a_code_registered_after_the_preview_rolls_back_the_whole_import(
    ctx: AppContext, tmp_path: Path
) -> None:
    path = _register(
        tmp_path / "r.xlsx",
        [
            [1, "甲", A, "一号", "甲", None, "410105001"],
            [2, "乙", B, "二号", "乙", None, "410105001"],
        ],
    )
    preview = site_import.preview_import(ctx, path)
    assert preview.ok
    sites.register_site(  # someone else registers 乙 in between
        ctx, {"name": "乙", "uscc": B, "address": "二号", "jurisdiction": "410105001"}, actor_id="t"
    )
    with pytest.raises(DuplicateSiteError):
        site_import.import_sites(ctx, preview, actor_id="t")
    assert [s.name for s in sites.search_sites(ctx, "")] == ["乙"]  # 甲 was not half-imported


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_csv_registers_in_gbk_or_utf8_read_the_same(
    ctx: AppContext, tmp_path: Path, encoding: str
) -> None:
    text = (
        "单位名称,统一社会信用代码,地址,行业,场所类型,联系电话\n"
        f"老王烩面馆,{A},丰产路12号,餐饮,九小场所,13812345678\n"
        f"顺发五金店,{BAD},丰产路18号,零售,九小场所,\n"
    )
    path = tmp_path / "台账.csv"
    path.write_bytes(text.encode(encoding))
    preview = site_import.preview_import(ctx, path, jurisdiction="410105001")
    assert preview.encoding == ("gbk" if encoding == "gbk" else "utf-8")
    assert [(r.row, r.site.name, r.site.industry) for r in preview.rows] == [
        (2, "老王烩面馆", "餐饮")
    ]
    assert [(p.sheet, p.cell, p.column, p.code) for p in preview.problems] == [
        ("", "B3", "统一社会信用代码", "uscc")
    ]


def test_files_that_are_not_registers_say_why(ctx: AppContext, tmp_path: Path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    notes = tmp_path / "notes.csv"
    notes.write_text("今天检查了三家\n明天再去\n", encoding="utf-8")
    latin = tmp_path / "bytes.csv"
    latin.write_bytes(b"\xff\xfe\x00\xd8" * 10)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a zip", encoding="utf-8")
    codes = {
        p.name: [x.code for x in site_import.preview_import(ctx, p).problems]
        for p in (xls, notes, latin, fake, tmp_path / "missing.csv")
    }
    assert codes == {
        "old.xls": ["file_type"],
        "notes.csv": ["no_header"],
        "bytes.csv": ["encoding"],
        "fake.xlsx": ["unreadable"],
        "missing.csv": ["unreadable"],
    }


def test_a_header_without_an_address_column_is_refused_by_name(
    ctx: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("企业名称,联系人\n甲,乙\n", encoding="utf-8")
    [problem] = site_import.preview_import(ctx, path).problems
    assert (problem.code, problem.column, problem.cell) == ("no_column", "地址", "A1")


def test_a_header_merged_over_the_next_column_is_refused_by_name(
    ctx: AppContext, tmp_path: Path
) -> None:
    """单位名称 merged over 统一社会信用代码 (B2:C3): the codes below would have no header."""
    path = _register(tmp_path / "台账.xlsx", [[1, "老王烩面馆", A, "丰产路12号", "王建军", 1, "1"]])
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    ws.unmerge_cells("B2:B3")
    ws.unmerge_cells("C2:C3")
    ws.merge_cells("B2:C3")
    wb.save(path)
    assert openpyxl.load_workbook(path).active["C2"].value is None  # type: ignore[index]
    preview = site_import.preview_import(ctx, path)
    assert not preview.ok and preview.rows == []
    [problem] = preview.problems
    assert (problem.code, problem.cell, problem.other) == ("merged_header", "名册!B2:C3", "B2:C3")
    assert "B2:C3 是合并单元格: column C holds values" in problem.message()
