# SPDX-License-Identifier: Apache-2.0
"""Cold start: the window shows first, the data opens behind it, failures in plain words."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from ui_helpers import person_id

from fieldcheck.core.terms import Role
from fieldcheck.services import context
from fieldcheck.services.sites import sites
from fieldcheck.ui.shell.main import start
from fieldcheck.ui.shell.settings_store import Settings, save_settings
from fieldcheck.ui.shell.startup import Startup


@pytest.fixture
def my_demo(demo_home: Path) -> Iterator[Path]:
    """The demo with settings saying I am 李建国 of grid 410105001."""
    with context.open_context(demo_home) as ctx:
        me = person_id(ctx, Role.GRID, "李建国")
        save_settings(ctx.home.settings, Settings(person_id=me, jurisdiction="410105001"))
    yield demo_home
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for translator in app.findChildren(QTranslator):  # start() installs them; later tests
        app.removeTranslator(translator)  # expect the untranslated source texts


def _started(qtbot: QtBot, home: Path) -> Startup:
    startup = start(home)
    qtbot.addWidget(startup.window)
    return startup


def test_the_window_shows_before_the_data_is_open(
    qtbot: QtBot, my_demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_open = context.open_context

    def slow_open(root: Any = None, **kw: Any) -> context.AppContext:
        assert release.wait(20), "the test never let the data open"
        return real_open(root, **kw)

    monkeypatch.setattr(context, "open_context", slow_open)
    startup = _started(qtbot, my_demo)
    window = startup.window
    try:
        qtbot.waitExposed(window)
        assert window.isVisible() and not window.ready
        assert window.opening.text() == "正在打开数据…"
        assert not window.nav.isEnabled()
        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
        assert window.views == {}  # no screen was built over data that is not there
        with qtbot.waitSignal(window.opened, timeout=20_000):
            release.set()
        today: Any = window.views["today"]
        assert window.stack.currentWidget() is today and window.nav.isEnabled()
        mine = sites.search_sites(startup.ctx, "", jurisdiction="410105001", limit=500)  # type: ignore[arg-type]
        assert today.tile_sites.count == len(mine) > 0
        assert window.sync_status.count_label.text().endswith("待上传")
        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
        assert window.current_key() == "ledger"
    finally:
        release.set()
        window.close()
        startup.close()


def test_a_corrupt_database_is_reported_in_plain_words(qtbot: QtBot, my_demo: Path) -> None:
    (my_demo / "fieldcheck.db").write_bytes(b"this is not a database " * 400)
    startup = _started(qtbot, my_demo)
    window = startup.window
    try:
        qtbot.waitUntil(lambda: startup.failed is not None, timeout=20_000)
        assert "损坏" in window.opening.text()
        assert not window.ready and not window.nav.isEnabled()
        boxes = window.findChildren(QMessageBox)
        assert boxes and "损坏" in boxes[0].text()
        assert startup.ctx is None
    finally:
        window.close()
        startup.close()


def test_a_new_person_meets_the_first_run_wizard_after_the_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    startup = _started(qtbot, tmp_path / "fresh")
    window = startup.window
    try:
        qtbot.waitUntil(lambda: startup.wizard is not None, timeout=20_000)
        assert window.isVisible() and not window.ready
        assert startup.wizard is not None
        # the data is open: the window says what it waits for, not 正在打开数据…
        assert window.status_note.text() == "等待首次设置"
        assert window.opening.text() == "请先在“欢迎使用 fieldcheck”中完成首次设置。"
        startup.wizard.reject()  # leaving before saying who I am closes the app
        assert not window.isVisible()
    finally:
        startup.close()


def test_the_window_shell_imports_no_storage_or_services() -> None:
    code = (
        "import sys, fieldcheck.ui.shell.main, fieldcheck.ui.shell.main_window\n"
        "import fieldcheck.ui.shell.startup\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel')"
        " or m.startswith(('fieldcheck.storage', 'fieldcheck.services')))\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
