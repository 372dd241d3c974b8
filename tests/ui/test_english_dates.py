# SPDX-License-Identifier: Apache-2.0
"""The English window writes its dates in English (3 Dec 2026); the Chinese one as before."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldcheck.core import clock, timefmt
from fieldcheck.ui.evidence.photo_caption import time_text
from fieldcheck.ui.shell.labels import date_text, datetime_text
from fieldcheck.ui.shell.main import install_translators
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.shell.today import TodayView

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# 08:33 UTC is 16:33 in China, the device's default zone.
AT = datetime(2026, 12, 3, 8, 33, tzinfo=UTC)


def _english(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    app = qapp
    before = QLocale()
    translators = install_translators(app, QLocale("en"))
    try:
        yield
    finally:
        for t in translators:
            app.removeTranslator(t)
        QLocale.setDefault(before)


def test_chinese_dates_unchanged() -> None:
    assert timefmt.zone_name() == "Asia/Shanghai"
    assert date_text(date(2026, 12, 3)) == "2026年12月3日"
    assert datetime_text(AT) == "2026年12月3日 16:33"
    assert datetime_text(AT.isoformat()) == timefmt.datetime_text(AT)
    assert date_text(None, blank="—") == "—"
    assert time_text(datetime(2026, 12, 1, 9, 32), None) == "2026年12月1日 09:32（相机时间）"


def test_english_dates(english: None) -> None:
    assert date_text(date(2026, 12, 3)) == "3 Dec 2026"
    assert datetime_text(AT) == "3 Dec 2026 16:33"
    assert datetime_text(AT.isoformat()) == "3 Dec 2026 16:33"
    assert date_text(AT) == "3 Dec 2026"  # the day in China, not in UTC
    assert datetime_text("", blank="—") == "—"
    camera = time_text(datetime(2026, 12, 1, 9, 32), None)
    assert camera.startswith("1 Dec 2026 09:32")
    # Papers and the CLI keep the Chinese forms whatever the window's language.
    assert timefmt.date_text(date(2026, 12, 3)) == "2026年12月3日"


def test_today_screen_in_english(qtbot: QtBot, state: AppState, english: None) -> None:
    view = TodayView(state)
    qtbot.addWidget(view)
    assert view.greeting.text().endswith(" · " + _english(clock.today()))
    assert "年" not in view.greeting.text()
    row = view.overdue_table.entries[0]
    assert row.deadline is not None
    assert view.overdue_table.item(0, 4).text() == _english(row.deadline)


def test_today_screen_in_chinese(qtbot: QtBot, state: AppState) -> None:
    view = TodayView(state)
    qtbot.addWidget(view)
    assert view.greeting.text().endswith(timefmt.date_text(clock.today()))
    row = view.overdue_table.entries[0]
    assert view.overdue_table.item(0, 4).text() == timefmt.date_text(row.deadline)
