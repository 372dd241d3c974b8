# SPDX-License-Identifier: Apache-2.0
"""设置 names the bodies the documents cite; a notice missing one says where to set it.

A device set up in the window (first run, then 设置) could not issue a 整改通知书: the
逾期上报机关 had no field in the window, and the refusal said
"(set with: notice setup --escalate-to NAME)", a command a grid worker never sees.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot
from ui_helpers import type_chinese, visit

from fieldcheck.core import clock
from fieldcheck.core.terms import NoticeKind
from fieldcheck.services.documents import doc_settings, notices
from fieldcheck.services.documents.notice_data import MissingFieldsError
from fieldcheck.ui.shell.messages import plain_words
from fieldcheck.ui.shell.settings_view import SettingsView
from fieldcheck.ui.shell.state import AppState


def _preview(state: AppState, inspection_id: str) -> None:
    notices.preview_notice(
        state.ctx,
        inspection_id,
        NoticeKind.RECTIFICATION,
        state.actor_id,
        deadline=clock.today() + timedelta(days=7),
    )


def test_settings_set_the_escalation_body_a_notice_needs(qtbot: QtBot, state: AppState) -> None:
    ctx = state.ctx
    doc_settings.configure(ctx, {"escalate_to": ""}, actor_id=state.actor_id)  # a new unit
    inspection_id = visit(state)
    with pytest.raises(MissingFieldsError) as refused:
        _preview(state, inspection_id)
    words = plain_words(refused.value)[0]
    assert "逾期上报机关（在“设置”中填写）" in words
    assert "notice setup" not in words

    view = SettingsView(state)
    qtbot.addWidget(view)
    field = view.bodies["escalate_to"]
    assert field.text() == ""
    assert view.bodies["appeal_court"].text() == "郑州铁路运输法院"  # the demo's, shown
    type_chinese(field, "郑州市金水区应急管理局")
    view.save()
    assert view.saved.text() == "已保存"
    assert doc_settings.current(ctx)["escalate_to"] == "郑州市金水区应急管理局"
    assert doc_settings.current(ctx)["appeal_court"] == "郑州铁路运输法院"  # untouched
    _preview(state, inspection_id)  # now the notice can be drawn up
