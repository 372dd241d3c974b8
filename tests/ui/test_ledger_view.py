# SPDX-License-Identifier: Apache-2.0
"""隐患台账: the lazy model pages through the ledger; filters narrow it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from ui_helpers import screen_at_1366, type_chinese

from fieldcheck.services.findings import ledger
from fieldcheck.ui.findings import ledger_model
from fieldcheck.ui.findings.ledger_model import LedgerModel
from fieldcheck.ui.findings.ledger_view import LedgerView
from fieldcheck.ui.shell.state import AppState


def test_model_loads_one_page_then_fetches_more(monkeypatch, state: AppState) -> None:
    monkeypatch.setattr(ledger_model, "PAGE", 30)
    model = LedgerModel(state.ctx)
    f = ledger.ledger_filter()
    model.set_filter(f)
    assert model.total is None  # counting is the caller's background job
    model.set_total(ledger.ledger_filter(level="major"), 5)
    assert model.total is None  # a count for another filter is ignored
    model.set_total(f, 200)
    assert model.total == 200
    assert model.rowCount() == 30 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 200
    ids = [model.entry(r).id for r in range(200)]
    assert ids == [e.id for e in ledger.ledger(state.ctx)]  # same order, no gap or repeat


def test_filters_narrow_the_ledger(qtbot: QtBot, state: AppState) -> None:
    view = LedgerView(state)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.total == 200)
    assert (
        view.count.text() == "共 200 项隐患（已载入 200 项，向下滚动载入更多）"
        or view.count.text() == "共 200 项隐患"
    )
    view.overdue.setChecked(True)
    n_overdue = ledger.ledger_size(state.ctx, ledger.ledger_filter(overdue=True))
    qtbot.waitUntil(lambda: view.model.total == n_overdue)
    assert "逾期" in view.model.index(0, 4).data()
    view.overdue.setChecked(False)
    view.level.setCurrentIndex(view.level.findData("major"))
    assert all(view.model.entry(r).level == "major" for r in range(view.model.rowCount()))
    assert {view.model.entry(r).major_status for r in range(view.model.rowCount())} == {"confirmed"}
    view.level.setCurrentIndex(view.level.findText("疑似重大，待专家确认"))
    shown = [view.model.entry(r) for r in range(view.model.rowCount())]
    assert shown and {(e.level, e.major_status) for e in shown} == {("major", "suspected")}
    view.level.setCurrentIndex(0)
    type_chinese(view.text, "灭火器")
    qtbot.waitUntil(lambda: view.model.total is not None and view.model.total < 200)
    assert all("灭火器" in view.model.entry(r).description for r in range(view.model.rowCount()))
    assert view.count.text().startswith(f"共 {view.model.total} 项")


def test_today_options_set_the_filter_widgets(qtbot: QtBot, state: AppState) -> None:
    view = LedgerView(state)
    qtbot.addWidget(view)
    view.apply_options({"due_within_days": 7})
    assert view.due_week.isChecked()
    expected = ledger.ledger_size(state.ctx, ledger.ledger_filter(due_within_days=7))
    qtbot.waitUntil(lambda: view.model.total == expected)


def test_enter_opens_the_current_hazard(qtbot: QtBot, state: AppState) -> None:
    from PySide6.QtCore import Qt

    view = LedgerView(state)
    qtbot.addWidget(view)
    view.table.setCurrentIndex(view.model.index(3, 1))
    with qtbot.waitSignal(state.open_finding) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [view.model.entry(3).id]


def test_export_writes_the_whole_ledger_to_excel(qtbot: QtBot, state: AppState, tmp_path) -> None:
    from openpyxl import load_workbook

    view = LedgerView(state)
    qtbot.addWidget(view)
    out = tmp_path / "台账.xlsx"
    view.export_to(str(out))
    qtbot.waitUntil(lambda: view.count.text().startswith("已导出"), timeout=20_000)
    assert load_workbook(out).active.max_row > 200  # header rows plus one row per hazard


def test_columns_sort_and_the_deadline_is_in_view_at_1366(qtbot: QtBot, state: AppState) -> None:
    from PySide6.QtCore import Qt

    view = screen_at_1366(qtbot, state, "ledger")
    assert isinstance(view, LedgerView)
    header = view.table.horizontalHeader()
    deadline = header.sectionViewportPosition(7) + header.sectionSize(7)
    assert deadline <= view.table.viewport().width(), "整改期限 is cut off"
    assert header.sectionSize(1) >= 250  # the description takes the spare width
    header.sectionClicked.emit(7)  # as a click on 整改期限 does
    view.table.sortByColumn(7, Qt.SortOrder.AscendingOrder)
    dates = [view.model.entry(r).deadline for r in range(view.model.rowCount())]
    known = [d for d in dates if d is not None]
    assert known == sorted(known) and len(known) > 10
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    names = [view.model.entry(r).site_name for r in range(view.model.rowCount())]
    assert names == sorted(names, reverse=True)
    clause = next(
        view.model.data(view.model.index(r, 5))
        for r in range(view.model.rowCount())
        if view.model.entry(r).clause_ref and view.model.entry(r).criteria_id
    )
    assert clause.startswith("《")  # the standard's name with the clause


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_dates_and_levels_are_shown_whole(
    qtbot: QtBot, state: AppState, language: str, request: pytest.FixtureRequest
) -> None:
    """发现时间 and 整改期限 cut their dates ('2026年12月…') while the description had room;
    等级 cut 'General hazard' to 'General ha…' (and 重大隐患（专家已确认） in Chinese)."""
    if language == "en":
        request.getfixturevalue("english")
    view = screen_at_1366(qtbot, state, "ledger")
    assert isinstance(view, LedgerView)
    header, metrics = view.table.horizontalHeader(), view.table.fontMetrics()
    for col in (3, 6, 7):
        texts = [
            str(view.model.data(view.model.index(r, col)) or "")
            for r in range(view.model.rowCount())
        ]
        if col == 3:  # every level a hazard can have, not only those of the demo
            texts += [ledger_model.level_text(lv, ms) for lv, ms in ledger_model.LEVEL_CASES]
            assert ("General hazard" in texts) == (language == "en")
        widest = max(metrics.horizontalAdvance(t) for t in texts)
        assert header.sectionSize(col) >= widest + 8, (col, header.sectionSize(col), widest)
    deadline = header.sectionViewportPosition(7) + header.sectionSize(7)
    assert deadline <= view.table.viewport().width(), "整改期限 is cut off"
    assert header.sectionSize(1) >= 250


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_status_is_shown_whole(
    qtbot: QtBot, state: AppState, language: str, request: pytest.FixtureRequest
) -> None:
    """状态 cut 'Failed verification' to 'Failed verific…' and 'Rectifying · overdue' to
    'Rectifying · …' at 1366 in English, while the description kept its 250 px."""
    from PySide6.QtCore import Qt

    if language == "en":
        request.getfixturevalue("english")
    view = screen_at_1366(qtbot, state, "ledger")
    assert isinstance(view, LedgerView)
    header, metrics = view.table.horizontalHeader(), view.table.fontMetrics()
    # every status a hazard can have, overdue where it can be, not only those of the demo
    texts = [ledger_model.status_text(s, overdue) for s, overdue in ledger_model.STATUS_CASES]
    assert len(texts) == 12
    assert ("Rectifying · overdue" in texts) == (language == "en")
    widest = max(metrics.horizontalAdvance(t) for t in texts)
    assert header.sectionSize(4) >= widest + 8, (header.sectionSize(4), widest)
    rows = range(view.model.rowCount())
    shown = {str(view.model.index(r, 4).data()) for r in rows}
    assert any(" · " in t for t in shown) and shown <= set(texts)
    for r in rows:  # the whole text in the tooltip
        index = view.model.index(r, 4)
        assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data()
    deadline = header.sectionViewportPosition(7) + header.sectionSize(7)
    assert deadline <= view.table.viewport().width(), "整改期限 is cut off"
    assert header.sectionSize(1) >= 250, header.sectionSize(1)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_description_keeps_its_width_with_only_the_bundled_font(
    demo_home: Path, tmp_path: Path, language: str
) -> None:
    """With no system CJK font (only the bundled one, wider in Latin letters) the
    description had 233 px in English and 244 in Chinese at 1366, under the 250 the
    system font gives; 等级 and 状态 stay whole."""
    if shutil.which("fc-list") is None:
        pytest.skip("fc-list is missing: cannot check that the system fonts are hidden")
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{tmp_path / "none"}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen"}
    found = subprocess.run(["fc-list"], env=env, capture_output=True, text=True, timeout=60)
    assert found.stdout.strip() == "", "the empty fontconfig still finds system fonts"
    child = Path(__file__).with_name("ledger_child.py")
    out = subprocess.run(
        [sys.executable, str(child), str(demo_home), language],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    shown = json.loads(out.stdout.strip().splitlines()[-1])
    sections = shown["sections"]
    assert sections[1] >= 250, sections
    assert sections[3] >= shown["level"] + 8 and sections[4] >= shown["status"] + 8, shown
    assert shown["deadline_end"] <= shown["viewport"], "整改期限 is cut off"


def test_only_a_major_hazard_is_coloured_major(qtbot: QtBot, state: AppState) -> None:
    """One awaiting the expert is not called major in words, nor in colour: the ledger and
    the Today lists give it a colour of its own."""
    from PySide6.QtCore import Qt

    from fieldcheck.ui.shell.labels import MAJOR_COLOR, SUSPECTED_COLOR
    from fieldcheck.ui.widgets.hazard_table import HazardTable

    model = LedgerModel(state.ctx)
    model.set_filter(ledger.ledger_filter())
    while model.canFetchMore():
        model.fetchMore()
    level = LedgerModel.COLUMNS.index("level")
    seen: dict[tuple[str, str | None], set[str | None]] = {}
    for r in range(model.rowCount()):
        e = model.entry(r)
        brush = model.index(r, level).data(Qt.ItemDataRole.ForegroundRole)
        seen.setdefault((e.level, e.major_status), set()).add(
            None if brush is None else brush.color().name()
        )
    assert seen[("major", "suspected")] == {SUSPECTED_COLOR.name()}
    assert seen[("major", "confirmed")] == {MAJOR_COLOR.name()}
    assert seen[("general", None)] == {None}
    assert SUSPECTED_COLOR.name() != MAJOR_COLOR.name()
    table = HazardTable()
    qtbot.addWidget(table)
    entries = ledger.ledger(state.ctx, ledger.ledger_filter(level="major"))
    table.set_entries(entries)
    for row, e in enumerate(entries):
        want = SUSPECTED_COLOR if e.major_status == "suspected" else MAJOR_COLOR
        assert table.item(row, 2).foreground().color().name() == want.name()
