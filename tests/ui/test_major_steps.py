# SPDX-License-Identifier: Apache-2.0
"""Major hazards in the window: flag a recorded hazard under a clause; the expert's signed 验收."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot
from ui_helpers import person_id, type_chinese

from fieldcheck.core.loop import Action
from fieldcheck.core.terms import Role
from fieldcheck.demo.major import DEMO_PASSPHRASE
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import clauses, inspections
from fieldcheck.services.major import major
from fieldcheck.services.sites import sites
from fieldcheck.ui.findings.finding_dialog import FindingDialog
from fieldcheck.ui.major.accept_dialog import AcceptDialog
from fieldcheck.ui.major.expert_view import ExpertView, awaiting_acceptance
from fieldcheck.ui.shell.state import AppState


def _recorded(state: AppState) -> str:
    """A general hazard I just recorded at a metalworking site."""
    ctx, me = state.ctx, state.actor_id
    site = sites.search_sites(ctx, "五金")[0]
    insp = inspections.start_inspection(ctx, site_id=site.id, inspector_ids=[me], actor_id=me)
    return findings.record_finding(
        ctx,
        inspection_id=insp.id,
        description="抛光车间铝镁粉尘积尘较厚，未见除尘系统",
        place="抛光车间",
        actor_id=me,
    ).id


def test_flagging_a_recorded_hazard_shows_the_clause_word_for_word(
    qtbot: QtBot, state: AppState
) -> None:
    fid = _recorded(state)
    dialog = FindingDialog(state, finding_id=fid)
    qtbot.addWidget(dialog)
    assert not dialog.flag_button.isHidden() and dialog.flag_button.isEnabled()
    dialog.flag_button.click()
    flag = dialog.flag_dialog
    flag.set_box.setCurrentIndex(flag.set_box.findData("gongmao-2023"))
    type_chinese(flag.filter, "粉尘")
    assert flag.clause_list.count() > 0
    criteria_id, ref = flag.chosen()  # type: ignore[misc]
    clause = clauses.find_clause(criteria_id, ref)
    shown = flag.clause_text.text()
    assert clause.text in shown and clause.citation() in shown
    waiting = len(major.review_queue(state.ctx))
    flag.submit()
    after = findings.get_finding(state.ctx, fid)
    assert after.major_status == "suspected" and after.level == "major"
    assert after.basis.clause_ref == ref and after.basis.criteria_id == "gongmao-2023"
    assert len(major.review_queue(state.ctx)) == waiting + 1
    assert dialog.flag_button.isHidden()  # now waiting for the expert


def test_an_expert_cannot_flag(qtbot: QtBot, state: AppState) -> None:
    fid = _recorded(state)
    state.settings = replace(state.settings, person_id=person_id(state.ctx, Role.EXPERT))
    dialog = FindingDialog(state, finding_id=fid)
    qtbot.addWidget(dialog)
    assert not dialog.flag_button.isEnabled() and not dialog.docs_button.isEnabled()


def test_expert_accepts_a_rectified_major_hazard_with_a_signature(
    qtbot: QtBot, state: AppState
) -> None:
    ctx = state.ctx
    state.settings = replace(state.settings, person_id=person_id(ctx, Role.EXPERT))
    view = ExpertView(state)
    qtbot.addWidget(view)
    ready = awaiting_acceptance(ctx)
    assert view.to_accept.count() == len(ready) > 0
    view.tabs.setCurrentIndex(2)
    view.to_accept.setCurrentRow(0)
    assert view.accept_button.isEnabled()
    view.open_accept()
    dialog = view.dialog
    assert isinstance(dialog, AcceptDialog)
    fid = dialog.review.finding.id
    dialog.passphrase.setText("wrong passphrase")
    op = dialog.submit()
    qtbot.waitUntil(lambda: op.outcome == "failed", timeout=20_000)
    assert findings.get_finding(ctx, fid).status == ready[0].status  # nothing signed
    type_chinese(dialog.comment, "防爆电气已更换，复测合格")
    dialog.passphrase.setText(DEMO_PASSPHRASE)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result_finding is not None, timeout=20_000)
    assert findings.get_finding(ctx, fid).status == "verified"
    assert findings.history(ctx, fid)[-1].note == "防爆电气已更换，复测合格"
    assert view.to_accept.count() == len(ready) - 1


def test_the_expert_sees_the_report_and_can_fail_the_acceptance(
    qtbot: QtBot, state: AppState
) -> None:
    ctx = state.ctx
    state.settings = replace(state.settings, person_id=person_id(ctx, Role.EXPERT))
    fid = awaiting_acceptance(ctx)[0].id
    if Action.REPORT_RECTIFICATION in allowed(ctx, fid):
        findings.transition(
            ctx, fid, Action.REPORT_RECTIFICATION, actor_id=state.actor_id, note="已加装防护罩"
        )
    dialog = AcceptDialog(state, fid)
    qtbot.addWidget(dialog)
    assert "报告" in dialog.report.text()
    assert dialog.fail_button.isEnabled()
    assert dialog.fail() is None and "原因" in dialog.error.text()  # a reason first
    type_chinese(dialog.comment, "防护罩未固定")
    assert dialog.fail() is None and "签名密码" in dialog.error.text()  # whoever 设置 names
    dialog.passphrase.setText(DEMO_PASSPHRASE)
    failed = dialog.fail()
    assert failed is not None and failed.status == "failed_verification"
    assert failed.deadline == dialog.new_deadline.date().toPython()
    assert findings.history(ctx, fid)[-1].note == "防护罩未固定"


def allowed(ctx: object, fid: str) -> list[Action]:
    from fieldcheck.core.loop import Status, allowed_actions

    return allowed_actions(Status(findings.get_finding(ctx, fid).status))  # type: ignore[arg-type]


def _confirmed_assigned(state: AppState) -> str:
    return next(e.id for e in awaiting_acceptance(state.ctx) if e.status == "assigned")


def test_inspector_verify_pass_on_a_confirmed_major_hazard_asks_the_expert_to_sign(
    qtbot: QtBot, state: AppState
) -> None:
    """No 我是 switch: the window stays the grid worker's; the expert signs with their own key."""
    fid = _confirmed_assigned(state)
    dialog = FindingDialog(state, finding_id=fid)
    qtbot.addWidget(dialog)
    assert Action.FIX_ON_SPOT not in dialog.action_buttons
    dialog.action_buttons[Action.VERIFY_PASS].click()
    step = dialog.action_dialog
    assert isinstance(step, AcceptDialog) and step.review.finding.id == fid
    expert = person_id(state.ctx, Role.EXPERT)
    assert step.expert.currentData() == expert  # the only experts are listed
    step.passphrase.setText("the grid worker's guess")
    op = step.submit()
    qtbot.waitUntil(lambda: op.outcome == "failed", timeout=20_000)
    assert findings.get_finding(state.ctx, fid).status == "assigned"  # nothing was signed
    step.passphrase.setText(DEMO_PASSPHRASE)  # the expert types their own
    op = step.submit()
    qtbot.waitUntil(lambda: op.outcome == "succeeded", timeout=20_000)
    assert findings.get_finding(state.ctx, fid).status == "verified"
    assert findings.history(state.ctx, fid)[-1].actor_id == expert  # signed as the expert


def test_expert_verify_pass_in_the_finding_editor_opens_the_signed_acceptance(
    qtbot: QtBot, state: AppState
) -> None:
    fid = _confirmed_assigned(state)
    state.settings = replace(state.settings, person_id=person_id(state.ctx, Role.EXPERT))
    dialog = FindingDialog(state, finding_id=fid)
    qtbot.addWidget(dialog)
    dialog.action_buttons[Action.VERIFY_PASS].click()
    step = dialog.action_dialog
    assert isinstance(step, AcceptDialog) and step.review.finding.id == fid
    step.passphrase.setText(DEMO_PASSPHRASE)
    step.submit()
    qtbot.waitUntil(
        lambda: findings.get_finding(state.ctx, fid).status == "verified", timeout=20_000
    )
    qtbot.waitUntil(lambda: Action.CLOSE in dialog.action_buttons)
