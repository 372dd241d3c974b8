# SPDX-License-Identifier: Apache-2.0
"""The English translation loads and every source string has a translation."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldcheck import paths
from fieldcheck.ui.shell.main import install_translators
from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.state import AppState


def test_every_string_is_translated() -> None:
    tree = ET.parse(paths.resources_dir() / "translations" / "fieldcheck_en.ts")
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation").get("type") == "unfinished"
    ]  # type: ignore[union-attr]
    assert unfinished == []


def test_window_in_english(qtbot: QtBot, state: AppState) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QLocale()
    translators = install_translators(app, QLocale("en"))
    try:
        window = MainWindow(state)
        qtbot.addWidget(window)
        titles = [window.nav.item(i).text() for i in range(window.nav.count())]
        assert titles[:4] == ["Today", "Sites", "Inspect", "Ledger"]
        assert window.sync_status.count_label.text().endswith("photos, 7 documents to upload")
        window.nav.setCurrentRow(3)
        ledger_view = window.views["ledger"]
        assert ledger_view.model.headers[1] == "Description"  # type: ignore[attr-defined]
    finally:
        for t in translators:
            app.removeTranslator(t)
        QLocale.setDefault(before)


FULL_WIDTH_OPEN = "（【〔"
FULL_WIDTH_CLOSE = "）】〕"


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def test_no_full_width_brackets_in_english() -> None:
    """Full-width brackets only inside Chinese examples (第（一）项, 〔2026〕), never English."""
    tree = ET.parse(paths.resources_dir() / "translations" / "fieldcheck_en.ts")
    bad = []
    for m in tree.iter("message"):
        text = m.findtext("translation") or ""
        for i, ch in enumerate(text):
            if ch in FULL_WIDTH_OPEN and not (i > 0 and _cjk(text[i - 1])):
                bad.append(text)
            after_cjk = i + 1 < len(text) and _cjk(text[i + 1])
            inside = i > 0 and (_cjk(text[i - 1]) or text[i - 1].isdigit())
            if ch in FULL_WIDTH_CLOSE and not (after_cjk or inside):
                bad.append(text)
    assert bad == []


def test_strike_off_and_close_are_different_words() -> None:
    tree = ET.parse(paths.resources_dir() / "translations" / "fieldcheck_en.ts")
    english = {m.findtext("source"): m.findtext("translation") for m in tree.iter("message")}
    assert english["销号"] == "Strike off" and english["关闭"] == "Close"
    assert english["机械加工"] == "Machining" and english["小微企业"] == "Small business"
