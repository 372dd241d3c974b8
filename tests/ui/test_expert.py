# SPDX-License-Identifier: Apache-2.0
"""专家审核 and 双签字: the expert confirms with their key; the site signs on the pad."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot
from ui_helpers import person_id, type_chinese

from fieldcheck.core.terms import Role
from fieldcheck.demo.major import DEMO_PASSPHRASE
from fieldcheck.services.findings.findings import history as findings_history
from fieldcheck.services.major import cosign, keys, major
from fieldcheck.services.major.signoff import Purpose
from fieldcheck.ui.major.expert_view import ExpertView
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.signature_pad import SignaturePad

PASS = DEMO_PASSPHRASE  # the demo's inspectors and experts have keys sealed with it


def _draw(qtbot: QtBot, pad: SignaturePad) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 40))
    for x in range(30, 300, 15):
        qtbot.mouseMove(pad, QPoint(x, 40 + (x % 45)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 60))


def test_signature_pad_exports_what_was_drawn(qtbot: QtBot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 160)
    pad.show()
    assert pad.is_empty()
    _draw(qtbot, pad)
    assert not pad.is_empty()
    png = pad.to_png()
    assert png.startswith(b"\x89PNG")
    image = QImage.fromData(png)
    assert image.width() == 900
    inked = sum(
        1
        for x in range(0, 900, 3)
        for y in range(0, image.height(), 3)
        if image.pixelColor(x, y).alpha() > 0
    )
    assert inked > 50  # ink where the stroke went, transparent elsewhere
    pad.clear()
    assert pad.is_empty()


def test_expert_confirms_then_site_signs(qtbot: QtBot, state: AppState) -> None:
    ctx = state.ctx
    expert = person_id(ctx, Role.EXPERT)
    me = state.actor_id
    assert keys.current_key(ctx, expert) is not None and keys.current_key(ctx, me) is not None
    state.settings = replace(state.settings, person_id=expert)
    view = ExpertView(state)
    qtbot.addWidget(view)
    waiting = len(view.reviews)
    assert waiting > 0 and view.confirm_button.isEnabled()
    finding_id = view.reviews[0].finding.id
    view.passphrase.setText("wrong passphrase")
    view.decide(Purpose.CONFIRM)
    assert len(major.review_queue(ctx)) == waiting  # wrong passphrase: nothing signed
    view.queue.setCurrentRow(0)
    view.passphrase.setText(PASS)
    view.decide(Purpose.CONFIRM)
    assert len(view.reviews) == waiting - 1
    assert view.passphrase.text() == ""  # never kept in the window
    assert finding_id in cosign.awaiting_site(ctx)

    state.settings = replace(state.settings, person_id=me)  # the inspector on site
    view.refresh()
    view.tabs.setCurrentIndex(1)
    row = next(
        i
        for i in range(view.awaiting.count())
        if view.awaiting.item(i).data(Qt.ItemDataRole.UserRole) == finding_id
    )
    view.awaiting.setCurrentRow(row)
    assert view.cosign_button.isEnabled()
    view.open_cosign()
    dialog = view.dialog
    type_chinese(dialog.site_step.rep_name, "赵强")
    dialog.passphrase.setText(PASS)
    dialog.submit()
    assert "签名区" in dialog.error.text()  # no signature drawn yet
    dialog.site_step.pad.resize(400, 160)
    _draw(qtbot, dialog.site_step.pad)
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert finding_id not in cosign.awaiting_site(ctx)


def test_refusal_needs_a_witness(qtbot: QtBot, state: AppState) -> None:
    from fieldcheck.ui.major.cosign_dialog import CoSignDialog

    dialog = CoSignDialog(state, "any", "summary")
    qtbot.addWidget(dialog)
    assert dialog.site_step.rep_name.text() == ""  # typed on site, never guessed
    dialog.site_step.refused.setChecked(True)
    assert not dialog.site_step.pad.isEnabled()
    type_chinese(dialog.site_step.rep_name, "赵强")
    dialog.passphrase.setText(PASS)
    dialog.submit()
    assert dialog.error.text() == "拒签须填写见证人"


def test_the_on_site_sequence_signs_each_step_with_its_own_person(
    qtbot: QtBot, state: AppState
) -> None:
    """No 我是 switch: the window stays on the grid worker; expert and inspector each sign."""
    from fieldcheck.ui.major.onsite_sign import OnSiteSignDialog

    ctx = state.ctx
    view = ExpertView(state)  # the window's person is the grid worker, not the expert
    qtbot.addWidget(view)
    view.queue.setCurrentRow(0)
    # 设置's person grants nothing and withholds nothing: the chosen expert's passphrase does.
    assert view.confirm_button.isEnabled() and view.onsite_button.isEnabled()
    assert view.expert.currentData() == person_id(ctx, Role.EXPERT)
    finding_id = view.reviews[0].finding.id
    dialog = OnSiteSignDialog(state, finding_id, view)
    qtbot.addWidget(dialog)
    assert "第 1 步" in dialog.progress.text() and dialog.expert.count() > 0
    dialog.expert_pass.setText("not the expert's passphrase")
    assert not dialog.sign_expert() and dialog.stack.currentIndex() == 0
    dialog.expert_pass.setText(PASS)
    assert dialog.sign_expert()
    done = dialog.done_label.text()
    assert "✓ 第 1 步完成" in done and "重大事故隐患" in done
    assert finding_id in cosign.awaiting_site(ctx)
    # The company's screen shows the expert's conclusion, with the representative's name.
    assert "判定为重大事故隐患" in dialog.conclusion_label.text()
    assert dialog.site_step.rep_name.text()
    assert not dialog.site_done()  # nothing drawn yet
    dialog.site_step.pad.resize(400, 160)
    dialog.site_step.pad.show()
    _draw(qtbot, dialog.site_step.pad)
    assert dialog.site_done() and "第 3 步" in dialog.progress.text()
    assert finding_id in cosign.awaiting_site(ctx)  # not recorded before the inspector signs
    dialog.inspector_pass.setText(PASS)
    assert dialog.sign_inspector()
    assert "双签字全部完成" in dialog.done_label.text()
    assert finding_id not in cosign.awaiting_site(ctx)
    assert state.actor_id == state.settings.person_id  # nobody switched identity


def test_the_window_s_person_grants_nothing_the_expert_s_passphrase_does(
    qtbot: QtBot, state: AppState
) -> None:
    """The window stays the grid worker's: the chosen expert decides with their own key."""
    ctx = state.ctx
    assert state.me() is not None and state.me().role is Role.GRID  # type: ignore[union-attr]
    view = ExpertView(state)
    qtbot.addWidget(view)
    waiting = len(view.reviews)
    view.queue.setCurrentRow(0)
    finding_id = view.reviews[0].finding.id
    expert = person_id(ctx, Role.EXPERT)
    assert view.expert.currentData() == expert
    view.passphrase.setText("the grid worker's own guess")
    view.decide(Purpose.CONFIRM)
    assert len(major.review_queue(ctx)) == waiting  # not the expert's passphrase: nothing
    view.queue.setCurrentRow(0)
    view.passphrase.setText(PASS)
    view.decide(Purpose.CONFIRM)
    assert finding_id in cosign.awaiting_site(ctx)
    steps = [e for e in findings_history(ctx, finding_id) if str(e.action).startswith("major_")]
    assert steps[-1].actor_id == expert  # recorded and signed as the expert, not 设置's person
