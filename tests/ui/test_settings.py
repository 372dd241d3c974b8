# SPDX-License-Identifier: Apache-2.0
"""First run and settings: who I am (home.settings), prefix and server (the database); ops."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from ui_helpers import person_id, sign, type_chinese, visit

from fieldcheck.core.errors import StorageError
from fieldcheck.core.terms import Role
from fieldcheck.demo.major import DEMO_PASSPHRASE
from fieldcheck.services import device_settings
from fieldcheck.services.context import AppContext
from fieldcheck.services.device_settings import DeviceSettings
from fieldcheck.services.documents import notices
from fieldcheck.services.major import keys
from fieldcheck.services.sites import sites
from fieldcheck.ui.documents.issue_dialog import IssueDialog
from fieldcheck.ui.shell.first_run import FirstRunWizard
from fieldcheck.ui.shell.messages import plain_words
from fieldcheck.ui.shell.ops import run_op
from fieldcheck.ui.shell.settings_store import Settings, load_settings, save_settings
from fieldcheck.ui.shell.settings_view import SettingsView
from fieldcheck.ui.shell.state import AppState


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
    type_chinese(form.jurisdiction, "41010500")  # 8 digits: no 行政区划 level has 8
    assert not wizard.who.validatePage() and "9 位" in wizard.who.error.text()
    form.jurisdiction.clear()
    type_chinese(form.jurisdiction, "410105001")
    assert wizard.who.validatePage()
    wizard.key.initializePage()
    wizard.key.first.setText("field-day-2026")
    wizard.key.second.setText("field-day-2062")
    assert not wizard.key.validatePage() and "不一样" in wizard.key.error.text()
    wizard.key.second.setText("field-day-2026")
    assert wizard.key.validatePage()
    type_chinese(wizard.unit.prefix, "金丰")
    wizard.accept()
    saved = load_settings(ctx.home.settings)
    me = sites.get_person(ctx, saved.person_id)
    # The key exists and opens with the passphrase given: the first notice can be signed.
    assert keys.unlock_key(ctx, me.id, "field-day-2026") is not None
    assert (me.name, me.role, saved.jurisdiction, device_settings.load(ctx).unit_prefix) == (
        "王秀兰",
        "grid",
        "410105001",
        "金丰",
    )
    assert "unit_prefix" not in json.loads(ctx.home.settings.read_text(encoding="utf-8"))


def test_the_first_run_wizard_never_mentions_flags_or_environment_variables(
    qtbot: QtBot, ctx: AppContext
) -> None:
    wizard = FirstRunWizard(AppState(ctx))
    qtbot.addWidget(wizard)
    texts = [w.text() for w in wizard.findChildren(QLabel)]
    texts += [wizard.page(i).subTitle() for i in wizard.pageIds()]
    joined = "\n".join(texts)
    assert "--" not in joined and "FIELDCHECK_" not in joined and "环境变量" not in joined


def test_the_prefix_typed_in_the_first_run_wizard_is_in_the_issued_number(
    qtbot: QtBot, demo_ctx: AppContext
) -> None:
    state = AppState(demo_ctx)
    wizard = FirstRunWizard(state)
    qtbot.addWidget(wizard)
    assert wizard.unit.prefix.text() == "金水"  # what the database holds (the demo's)
    form = wizard.who.form
    form.people.setCurrentIndex(form.people.findData(person_id(demo_ctx, Role.GRID, "李建国")))
    assert wizard.who.validatePage()
    wizard.unit.prefix.clear()
    type_chinese(wizard.unit.prefix, "金丰")
    wizard.accept()
    insp = visit(state)
    dialog = IssueDialog(state, insp)
    qtbot.addWidget(dialog)
    sign(qtbot, dialog.receipt.pad)
    dialog.passphrase.setText(DEMO_PASSPHRASE)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30_000)
    assert dialog.preview is not None
    qtbot.addWidget(dialog.preview)
    number = notices.list_notices(demo_ctx)[0].number
    assert number.startswith("（金丰）整改〔"), number


def test_device_settings_left_in_an_old_settings_file_move_to_the_database(
    ctx: AppContext,
) -> None:
    ctx.home.settings.write_text(
        json.dumps({"person_id": "p1", "unit_prefix": "金丰", "server_url": "https://x.cn"}),
        encoding="utf-8",
    )
    state = AppState(ctx)
    assert state.device() == DeviceSettings(unit_prefix="金丰", server_url="https://x.cn")
    assert set(json.loads(ctx.home.settings.read_text(encoding="utf-8"))) == {
        "person_id",
        "jurisdiction",
        "language",
    }
    assert state.settings.person_id == "p1"


def test_settings_file_round_trip_and_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, Settings(person_id="p1", jurisdiction="410105001", language="en"))
    assert load_settings(path) == Settings(person_id="p1", jurisdiction="410105001", language="en")
    assert json.loads(path.read_text(encoding="utf-8"))["jurisdiction"] == "410105001"
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
    assert (state.device().unit_prefix, saved.language, saved.person_id) == (
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
