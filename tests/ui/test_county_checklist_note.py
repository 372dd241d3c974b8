# SPDX-License-Identifier: Apache-2.0
"""One bad county checklist file is named in the window (file, line, what, in Chinese,
English in en) and left out; the bundled library still loads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.inspections.checklists import county_dir
from fieldcheck.ui.shell import catalog
from fieldcheck.ui.shell.main import install_translators
from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.settings_store import Settings
from fieldcheck.ui.shell.state import AppState

BAD = """kind: checklist
id: county-bad
title: 县自制检查表
version: "1"
items:
  - id: a
    promt: 是否设置监护人员
    deadline_days: 3
"""


@pytest.fixture
def bad_home(tmp_path: Path) -> Iterator[AppContext]:
    ctx = open_context(tmp_path / "home")
    folder = county_dir(ctx.home)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "县表.yaml").write_text(BAD, encoding="utf-8")
    yield ctx
    ctx.close()


def _window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    window = MainWindow(AppState(ctx, Settings()))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.library_check.outcome is not None, timeout=60_000)
    return window


def test_the_window_names_the_bad_county_file_and_the_library_still_loads(
    qtbot: QtBot, bad_home: AppContext, tmp_path: Path
) -> None:
    window = _window(qtbot, bad_home)
    assert window.library_check.outcome == "succeeded"
    note = window.skipped_note
    assert note.isVisibleTo(window)
    text = note.text()
    assert "已跳过有问题的县检查表：县表.yaml 第 6 行第 5 列：缺少字段“prompt”；" in text, text
    assert "内置检查表照常可用" in text
    assert "县表.yaml 第 7 行第 5 列：未知字段“promt”（可能拼错了）" in note.toolTip()
    assert catalog.all_checklists()  # the bundled sets are there
    assert "county-bad" not in {c.id for c in catalog.all_checklists()}
    note.show_details()
    assert note.details is not None
    assert "unknown field 'promt'" in note.details.detailedText()  # the checker's own words
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.grab().save(str(tmp_path / "county_note.png"))


def test_the_note_in_english(qtbot: QtBot, bad_home: AppContext) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QLocale()
    translators = install_translators(app, QLocale("en"))
    try:
        text = _window(qtbot, bad_home).skipped_note.text()
        assert (
            "Left out a county checklist: 县表.yaml line 6, column 5: missing field “prompt”;"
            in text
        ), text
        assert "the bundled ones still work" in text
    finally:
        for t in translators:
            app.removeTranslator(t)
        QLocale.setDefault(before)


def test_no_note_without_county_files(qtbot: QtBot, tmp_path: Path) -> None:
    ctx = open_context(tmp_path / "plain")
    try:
        window = MainWindow(AppState(ctx, Settings()))
        qtbot.addWidget(window)
        assert not hasattr(window, "library_check")  # nothing loaded at start-up
    finally:
        ctx.close()
