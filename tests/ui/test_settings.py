# SPDX-License-Identifier: Apache-2.0
"""First run and settings: who I am, prefix, server; stored in home.settings; ops."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from ui_helpers import type_chinese

from fieldcheck.core.errors import StorageError
from fieldcheck.services import sites
from fieldcheck.services.context import AppContext
from fieldcheck.ui.first_run import FirstRunWizard
from fieldcheck.ui.messages import plain_words
from fieldcheck.ui.ops import run_op
from fieldcheck.ui.settings_store import Settings, load_settings, save_settings
from fieldcheck.ui.settings_view import SettingsView
from fieldcheck.ui.state import AppState


def test_first_run_registers_me_and_saves_settings(qtbot: QtBot, ctx: AppContext) -> None:
    state = AppState(ctx)
    assert not state.settings.complete
    wizard = FirstRunWizard(state)
    qtbot.addWidget(wizard)
    wizard.show()
    form = wizard.who.form
    assert form.people.currentData() == "__new__"
    assert not wizard.who.validatePage() and "姓名" in wizard.who.error.text()
    type_chinese(form.name, "王秀兰")
    type_chinese(form.jurisdiction, "410105001")
    assert wizard.who.validatePage()
    type_chinese(wizard.unit.prefix, "金丰")
    wizard.accept()
    saved = load_settings(ctx.home.settings)
    me = sites.get_person(ctx, saved.person_id)
    assert (me.name, me.role, saved.jurisdiction, saved.unit_prefix) == (
        "王秀兰",
        "grid",
        "410105001",
        "金丰",
    )


def test_settings_file_round_trip_and_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, Settings(person_id="p1", unit_prefix="金丰", language="en"))
    assert load_settings(path) == Settings(person_id="p1", unit_prefix="金丰", language="en")
    assert json.loads(path.read_text(encoding="utf-8"))["unit_prefix"] == "金丰"
    path.write_text("{broken", encoding="utf-8")
    with pytest.raises(StorageError, match=r"settings\.json"):
        load_settings(path)


def test_settings_view_saves_language_and_prefix(qtbot: QtBot, state: AppState) -> None:
    view = SettingsView(state)
    qtbot.addWidget(view)
    assert "指纹" in view.key_state.text()  # the demo enrolled my key
    view.prefix.clear()
    type_chinese(view.prefix, "金水丰产")
    view.language.setCurrentIndex(view.language.findData("en"))
    view.save()
    saved = load_settings(state.ctx.home.settings)
    assert (saved.unit_prefix, saved.language, saved.person_id) == (
        "金水丰产",
        "en",
        state.actor_id,
    )


def test_ops_report_success_and_failure_on_the_ui_thread(qtbot: QtBot) -> None:
    got: list[object] = []
    run_op(
        None,
        lambda progress: (progress(1, 2, "half"), 42)[1],
        success=got.append,
        progress=lambda d, t, text: got.append((d, t, text)),
    )
    qtbot.waitUntil(lambda: 42 in got)
    assert (1, 2, "half") in got
    failures: list[BaseException] = []
    run_op(None, lambda _p: 1 / 0, failure=failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], ZeroDivisionError)


def test_errors_are_told_in_plain_words() -> None:
    from fieldcheck.core.errors import InvalidValueError, StorageFullError

    head, detail = plain_words(InvalidValueError("uscc", "X", "must be 18 characters"))
    assert "统一社会信用代码" in head and "改正" in head and "18" in detail
    assert "磁盘" in plain_words(StorageFullError("disk full"))[0]
