# SPDX-License-Identifier: Apache-2.0
"""A home on a read-only mount opens in the window for reading, and says so.

Before: the window reported "the database is damaged" and showed nothing.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from ui_helpers import person_id

from fieldcheck.core.terms import Role
from fieldcheck.services import context
from fieldcheck.ui.shell.main import start
from fieldcheck.ui.shell.settings_store import Settings, save_settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "storage"))
from disks import remount, tmpfs


def test_a_read_only_home_opens_for_reading_and_says_so(
    qtbot: QtBot, demo_home: Path, tmp_path: Path
) -> None:
    with context.open_context(demo_home) as ctx:
        me = person_id(ctx, Role.GRID, "李建国")
        save_settings(ctx.home.settings, Settings(person_id=me, jurisdiction="410105001"))
    with tmpfs(tmp_path / "stick", "64m") as stick:
        shutil.copytree(demo_home, stick / "home")
        remount(stick, "ro")
        startup = start(stick / "home")
        window = startup.window
        qtbot.addWidget(window)
        try:
            qtbot.waitUntil(lambda: window.ready or startup.failed is not None, timeout=30_000)
            assert startup.failed is None, startup.failed
            assert not window.findChildren(QMessageBox)
            note = window.findChild(QLabel, "readOnlyNote")
            assert note is not None and "只读" in note.text() and note.isVisible()
            assert "只读" in window.windowTitle()
            window.resize(1366, 768)
            window.show_screen("ledger")
            ledger: Any = window.views["ledger"]
            qtbot.waitUntil(lambda: ledger.model.rowCount() > 0, timeout=20_000)
            if shots := os.environ.get("FIELDCHECK_SHOTS"):
                QApplication.processEvents()
                window.grab().save(str(Path(shots) / "read_only_home.png"))
        finally:
            window.close()
            startup.close()
            app = QApplication.instance()
            for translator in app.findChildren(QTranslator) if app else []:
                app.removeTranslator(translator)  # type: ignore[union-attr]
