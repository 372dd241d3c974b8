# SPDX-License-Identifier: Apache-2.0
"""UI fixtures: offscreen Qt, the demo data, and me as the demo's grid worker."""

from __future__ import annotations

import os
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QLocale, QThreadPool
from PySide6.QtWidgets import QApplication
from ui_helpers import person_id

from fieldcheck.core.terms import Role
from fieldcheck.services.context import AppContext
from fieldcheck.ui.shell.main import install_translators
from fieldcheck.ui.shell.settings_store import Settings
from fieldcheck.ui.shell.state import AppState


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The window's English translation installed, for the length of a test."""
    before = QLocale()
    translators = install_translators(qapp, QLocale("en"))
    yield
    for t in translators:
        qapp.removeTranslator(t)
    QLocale.setDefault(before)


@pytest.fixture
def state(demo_ctx: AppContext) -> Iterator[AppState]:
    """The demo as 李建国, a grid worker of grid 410105001."""
    me = person_id(demo_ctx, Role.GRID, "李建国")
    st = AppState(demo_ctx, Settings(person_id=me, jurisdiction="410105001"))
    yield st
    QThreadPool.globalInstance().waitForDone(10_000)  # no background op outlives its data
