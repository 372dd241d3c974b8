# SPDX-License-Identifier: Apache-2.0
"""The English translation loads and every source string has a translation."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldcheck import paths
from fieldcheck.ui.main import install_translators
from fieldcheck.ui.main_window import MainWindow
from fieldcheck.ui.state import AppState


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
