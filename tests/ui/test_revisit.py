# SPDX-License-Identifier: Apache-2.0
"""回头看 records what it found (未反弹 / 反弹) and photos; 反弹 starts the loop again."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from ui_helpers import type_chinese

from fieldcheck.core import clock
from fieldcheck.core.loop import Action
from fieldcheck.services.evidence import photos
from fieldcheck.services.findings import findings, ledger
from fieldcheck.ui.findings.finding_dialog import FindingDialog
from fieldcheck.ui.shell.state import AppState


def _closed(state: AppState, n: int = 0) -> str:
    return ledger.ledger(state.ctx, ledger.ledger_filter(status="closed"))[n].id


def _history(dialog: FindingDialog) -> list[str]:
    return [dialog.history.item(i).text() for i in range(dialog.history.count())]


def test_rebound_with_a_photo_reassigns_with_a_new_deadline(
    qtbot: QtBot, state: AppState, tmp_path: Path
) -> None:
    fid = _closed(state)
    dialog = FindingDialog(state, finding_id=fid)
    qtbot.addWidget(dialog)
    assert set(dialog.action_buttons) == {Action.REVISIT}
    dialog.action_buttons[Action.REVISIT].click()
    step = dialog.action_dialog
    assert step.outcome is not None and step.deadline is not None and step.photos is not None
    assert not step.ok_button.isEnabled()  # the outcome must be chosen
    assert not step.form.isRowVisible(step.deadline)
    step.findChild(type(step.outcome.buttons()[0]), "revisit_rebound").click()
    assert step.ok_button.isEnabled() and step.ok_button.text() == "记录回头看：反弹"
    assert step.form.isRowVisible(step.deadline)
    new = clock.today() + timedelta(days=5)
    step.deadline.setDate(QDate(new.year, new.month, new.day))
    type_chinese(step.note, "通道再次堆放纸箱")
    shot = tmp_path / "again.jpg"
    Image.new("RGB", (640, 480), (120, 30, 30)).save(shot, "JPEG")
    step.photos.add_paths([shot])
    step.confirm()
    qtbot.waitUntil(
        lambda: findings.get_finding(state.ctx, fid).status == "assigned", timeout=10_000
    )
    assert findings.get_finding(state.ctx, fid).deadline == new
    assert [p.kind for p in photos.list_photos(state.ctx, fid)][-1] == "revisit"
    qtbot.waitUntil(lambda: any("反弹" in t for t in _history(dialog)))
    last = _history(dialog)[-2:]
    assert "回头看" in last[0]
    assert "回头看：反弹，重新交办" in last[1] and "通道再次堆放纸箱" in last[1]
    assert Action.VERIFY_PASS in dialog.action_buttons  # back in the loop: 整改, 验收


def test_held_keeps_it_struck_off(qtbot: QtBot, state: AppState) -> None:
    fid = _closed(state, 1)
    dialog = FindingDialog(state, finding_id=fid)
    qtbot.addWidget(dialog)
    dialog.action_buttons[Action.REVISIT].click()
    step = dialog.action_dialog
    step.findChild(type(step.outcome.buttons()[0]), "revisit_held").click()
    assert not step.form.isRowVisible(step.deadline)
    assert "隐患仍为已销号" in step.outcome_hint.text()
    step.confirm()
    assert findings.get_finding(state.ctx, fid).status == "closed"
    assert "回头看：未反弹" in _history(dialog)[-1]
    assert set(dialog.action_buttons) == {Action.REVISIT}  # it may be revisited again later


def test_a_revisit_recorded_before_outcomes_gets_its_outcome(qtbot: QtBot, state: AppState) -> None:
    fid = ledger.ledger(state.ctx, ledger.ledger_filter(status="revisit"))[0].id
    dialog = FindingDialog(state, finding_id=fid)
    qtbot.addWidget(dialog)
    assert set(dialog.action_buttons) == {Action.REVISIT_CONFIRM, Action.REOPEN}
    assert dialog.action_buttons[Action.REVISIT_CONFIRM].text() == "回头看：未反弹"
    dialog.action_buttons[Action.REVISIT_CONFIRM].click()
    step = dialog.action_dialog
    assert step.chosen_outcome() is not None and step.chosen_outcome().value == "held"
    assert not any(b.isEnabled() for b in step.outcome.buttons())  # the step says which
    step.confirm()
    assert findings.get_finding(state.ctx, fid).status == "closed"
    assert [e.action for e in findings.history(state.ctx, fid)][-2:] == [
        "revisit",
        "revisit_confirm",
    ]
