# SPDX-License-Identifier: Apache-2.0
"""单位 → 从表格导入…: a preview table before anything is written; bad cells named in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldcheck.core.uscc import make_uscc
from fieldcheck.services.sites import sites
from fieldcheck.services.sites.site_register import ImportProblem
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.sites.site_import_dialog import REASONS, reason_text, where_text
from fieldcheck.ui.sites.sites_view import SitesView

A = make_uscc("91410105MA44XKQ0T")
B = make_uscc("92410105MA9FQ2KL3")
ENGLISH = re.compile(r"[A-Za-z]{2,}[\s,.;:'`()-]+[A-Za-z]{2,}")


def _csv(path: Path, *rows: str) -> Path:
    head = "单位名称,统一社会信用代码,地址,行业,场所类型,联系电话"
    path.write_bytes("\n".join([head, *rows]).encode("gbk"))
    return path


def _cells(table: object, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]  # type: ignore[attr-defined]


def test_preview_then_import_selects_the_first_new_site(
    qtbot: QtBot, state: AppState, tmp_path: Path
) -> None:
    view = SitesView(state)
    qtbot.addWidget(view)
    before = len(sites.search_sites(state.ctx, "", limit=10_000))
    path = _csv(
        tmp_path / "名册.csv",
        f"丰产路老王烩面馆,{A},丰产路12号,餐饮,九小场所,13812345678",
        f"丰产路顺发五金店,{B},丰产路18号,零售,九小场所,0371-65123456",
    )
    view.import_file(path)
    dialog = view.import_dialog
    assert dialog.import_button.text() == "导入 2 家" and dialog.import_button.isEnabled()
    assert dialog.problems.isHidden()
    assert _cells(dialog.rows, 0)[:4] == ["2", "丰产路老王烩面馆", A, "丰产路12号"]
    assert _cells(dialog.rows, 1)[6] == "410105001"  # my grid, as the file has no 所属网格
    assert "2 家单位可以导入" in dialog.summary.text()
    assert len(sites.search_sites(state.ctx, "", limit=10_000)) == before  # nothing yet
    dialog.import_button.click()
    assert len(sites.search_sites(state.ctx, "", limit=10_000)) == before + 2
    selected = view.selected()
    assert selected is not None and selected.name == "丰产路老王烩面馆"


def test_bad_cells_are_listed_in_chinese_and_nothing_can_be_imported(
    qtbot: QtBot, state: AppState, tmp_path: Path
) -> None:
    view = SitesView(state)
    qtbot.addWidget(view)
    bad = A[:17] + ("0" if A[17] != "0" else "1")
    path = _csv(
        tmp_path / "名册.csv",
        f"甲饭店,{bad},一号,餐饮,九小场所,13812345678",
        f"乙饭店,{B},,餐饮,九小场所,1381234567",
        f"丙饭店,{B},三号,餐饮,九小场所,",
        f"丁饭店,{B},四号,餐饮,九小场所,",
    )
    view.import_file(path)
    dialog = view.import_dialog
    assert not dialog.import_button.isEnabled() and dialog.import_button.text() == "导入 1 家"
    assert "有 4 处问题，一家也没有导入" in dialog.summary.text()
    rows = [_cells(dialog.problems, r) for r in range(dialog.problems.rowCount())]
    expected_reason = f"最后一位校验码应为“{A[17]}”，请核对营业执照"
    assert rows == [
        ["第 2 行（B2）", "统一社会信用代码", bad, expected_reason],
        ["第 3 行（C3）", "地址", "", "“地址”没有填写：每家单位都必须填写"],
        ["第 3 行（F3）", "联系电话", "1381234567", REASONS["phone"]],
        ["第 5 行（B5）", "统一社会信用代码", B, "与本表 B4 的代码重复（一企一档）"],
    ]
    dialog.confirm()  # even forced, a preview with problems writes nothing
    assert sites.search_sites(state.ctx, "丙饭店") == []


def test_every_reason_and_place_is_chinese(qapp: QApplication) -> None:
    for code in [*REASONS, "uscc", "unknown"]:
        p = ImportProblem(
            "名册",
            4,
            "名册!C4",
            "地址",
            "91410105",
            code,
            "english detail",
            "a.xlsx",
            "名册!C3",
        )
        for text in (reason_text(p), where_text(p)):
            assert re.search(r"[\u4e00-\u9fff]", text), (code, text)
            assert not ENGLISH.search(text), (code, text)
    assert (
        where_text(ImportProblem("名册", 4, "名册!C4", "", "", "x", ""))
        == "工作表“名册” 第 4 行（C4）"
    )
    merged = ImportProblem("名册", 2, "名册!B2:C3", "", "", "merged_header", "", other="B2:C3")
    assert reason_text(merged).startswith("B2:C3 是合并单元格")
