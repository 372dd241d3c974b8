# SPDX-License-Identifier: Apache-2.0
"""The finding editor: edit, loop actions with deadlines, after-photos, corrections."""

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
from fieldcheck.ui.findings.ledger_model import LedgerModel
from fieldcheck.ui.shell.state import AppState


def _one(state: AppState, status: str) -> str:
    return ledger.ledger(state.ctx, ledger.ledger_filter(status=status, limit=1))[0].id


def test_only_the_allowed_steps_are_offered(qtbot: QtBot, state: AppState) -> None:
    dialog = FindingDialog(state, finding_id=_one(state, "assigned"))
    qtbot.addWidget(dialog)
    assert set(dialog.action_buttons) == {
        Action.REPORT_RECTIFICATION,
        Action.VERIFY_PASS,
        Action.VERIFY_FAIL,
        Action.WITHDRAW,  # 作废: a hazard recorded twice can be voided while still open
    }
    assert dialog.history.count() >= 2  # record + assign


def test_failed_verification_sets_a_new_deadline(qtbot: QtBot, state: AppState) -> None:
    fid = _one(state, "rectifying")
    dialog = FindingDialog(state, finding_id=fid)
    qtbot.addWidget(dialog)
    dialog.action_buttons[Action.VERIFY_FAIL].click()
    step = dialog.action_dialog
    new = clock.today() + timedelta(days=10)
    assert step.deadline is not None
    step.deadline.setDate(QDate(new.year, new.month, new.day))
    type_chinese(step.note, "灭火器仍未更换")
    step.confirm()
    after = findings.get_finding(state.ctx, fid)
    assert after.status == "failed_verification" and after.deadline == new
    assert findings.history(state.ctx, fid)[-1].note == "灭火器仍未更换"
    assert set(dialog.action_buttons) == {
        Action.ASSIGN,
        Action.REPORT_RECTIFICATION,
        Action.WITHDRAW,
    }


def test_fix_on_the_spot_with_an_after_photo(qtbot: QtBot, state: AppState, tmp_path: Path) -> None:
    fid = _one(state, "found")
    photo = tmp_path / "after.jpg"
    Image.new("RGB", (640, 480), (30, 120, 60)).save(photo, "JPEG")
    dialog = FindingDialog(state, finding_id=fid)
    qtbot.addWidget(dialog)
    dialog.action_buttons[Action.FIX_ON_SPOT].click()
    step = dialog.action_dialog
    assert step.photos is not None
    step.photos.add_paths([photo])
    step.confirm()
    qtbot.waitUntil(
        lambda: findings.get_finding(state.ctx, fid).status == "verified", timeout=10_000
    )
    kinds = [p.kind for p in photos.list_photos(state.ctx, fid)]
    assert kinds == ["rectification"]


def test_new_finding_with_evidence_photos_from_a_folder(
    qtbot: QtBot, state: AppState, tmp_path: Path
) -> None:
    folder = tmp_path / "phone"
    folder.mkdir()
    for i in range(2):
        Image.new("RGB", (800, 600), (i * 90, 40, 40)).save(folder / f"IMG_{i}.jpg", "JPEG")
    (folder / "notes.txt").write_text("not a photo")
    insp = findings.get_finding(state.ctx, _one(state, "found")).inspection_id
    dialog = FindingDialog(state, inspection_id=insp)
    qtbot.addWidget(dialog)
    type_chinese(dialog.form.description, "配电箱门缺失，带电部位裸露")
    dialog.photos.add_paths([folder])
    assert len(dialog.photos.pending) == 2  # the text file is not offered
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == FindingDialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.saved is not None
    assert len(photos.list_photos(state.ctx, dialog.saved.id)) == 2


def test_empty_description_is_refused_in_words(qtbot: QtBot, state: AppState) -> None:
    insp = findings.get_finding(state.ctx, _one(state, "found")).inspection_id
    dialog = FindingDialog(state, inspection_id=insp)
    qtbot.addWidget(dialog)
    before = ledger.ledger_size(state.ctx)
    dialog.save()
    assert dialog.error.text() == "请填写隐患描述"
    assert ledger.ledger_size(state.ctx) == before


def test_editing_measures_and_deadline(qtbot: QtBot, state: AppState) -> None:
    fid = _one(state, "found")
    dialog = FindingDialog(state, finding_id=fid)
    qtbot.addWidget(dialog)
    dialog.form.measures.clear()
    type_chinese(dialog.form.measures, "更换合格灭火器并每月检查")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == FindingDialog.DialogCode.Accepted)
    assert findings.get_finding(state.ctx, fid).measures == "更换合格灭火器并每月检查"


def test_striking_off_asks_for_a_confirmation(qtbot: QtBot, state: AppState) -> None:
    from fieldcheck.core.loop import Action
    from fieldcheck.ui.findings.action_dialog import ActionDialog

    fid = _one(state, "verified")
    step = ActionDialog(state, findings.get_finding(state.ctx, fid), Action.CLOSE)
    qtbot.addWidget(step)
    assert step.irreversible is not None and not step.ok_button.isEnabled()
    step.confirm()  # without the tick nothing happens
    assert findings.get_finding(state.ctx, fid).status == "verified"
    step.irreversible.setChecked(True)
    assert step.ok_button.isEnabled()
    step.confirm()
    assert findings.get_finding(state.ctx, fid).status == "closed"


def test_flag_as_major_is_offered_only_while_it_makes_sense(qtbot: QtBot, state: AppState) -> None:
    for status, offered in (("assigned", True), ("verified", False), ("closed", False)):
        candidates = [
            e
            for e in ledger.ledger(state.ctx, ledger.ledger_filter(status=status))
            if e.major_status is None
        ]
        dialog = FindingDialog(state, finding_id=candidates[0].id)
        qtbot.addWidget(dialog)
        assert dialog.flag_button.isVisibleTo(dialog) is offered, status


def test_an_edit_in_the_history_names_the_fields_by_their_labels(
    qtbot: QtBot, state: AppState
) -> None:
    """The history read '修改: measures, place' in the Chinese window."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from fieldcheck.services.findings import changes
    from fieldcheck.ui.shell.main import install_translators

    finding_id = _one(state, "found")
    changes.edit_finding(
        state.ctx, finding_id, {"place": "二车间东侧", "measures": "清理"}, actor_id=state.actor_id
    )
    dialog = FindingDialog(state, finding_id=finding_id)
    qtbot.addWidget(dialog)
    lines = [dialog.history.item(i).text() for i in range(dialog.history.count())]
    assert any(ln.endswith("改了：整改措施、部位") for ln in lines), lines
    assert not any("place" in ln or "measures" in ln for ln in lines), lines
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, QLocale("en"))
    try:
        english = FindingDialog(state, finding_id=finding_id)
        qtbot.addWidget(english)
        lines = [english.history.item(i).text() for i in range(english.history.count())]
        assert any(ln.endswith("Changed: Measures, Place") for ln in lines), lines
    finally:
        for t in translators:
            app.removeTranslator(t)


def test_a_suspected_major_hazard_is_not_called_major(qtbot: QtBot, state: AppState) -> None:
    """Until the expert rules, the dialog's heading and the ledger's 等级 say 疑似重大 only."""
    suspected = [e for e in ledger.ledger(state.ctx) if e.major_status == "suspected"]
    assert suspected, "the demo has a hazard awaiting the expert"
    entry = suspected[0]
    dlg = FindingDialog(state, finding_id=entry.id)
    qtbot.addWidget(dlg)
    assert "疑似重大，待专家确认" in dlg.status.text()
    assert "重大隐患" not in dlg.status.text()
    model = LedgerModel(state.ctx)
    model.set_filter(ledger.ledger_filter())
    while model.canFetchMore():
        model.fetchMore()
    row = next(r for r in range(model.rowCount()) if model.entry(r).id == entry.id)
    level = model.index(row, LedgerModel.COLUMNS.index("level")).data()
    assert level == "疑似重大，待专家确认"


def test_the_level_words_follow_one_rule(qtbot: QtBot, state: AppState) -> None:
    """core.terms.is_suspected_major decides, for every place that names a level."""
    from fieldcheck.core.terms import is_suspected_major, level_zh
    from fieldcheck.ui.shell.labels import level_short, level_words
    from fieldcheck.ui.widgets.hazard_table import HazardTable

    assert level_words("major", "suspected") == ["疑似重大，待专家确认"]
    assert level_words("major", "confirmed") == ["重大隐患", "专家已确认"]
    assert level_words("general", "downgraded") == ["一般隐患", "专家判定为一般"]
    assert level_words("general", None) == ["一般隐患"]
    assert level_short("major", "suspected") == "疑似重大" and level_short("major") == "重大"
    assert is_suspected_major("major", "suspected") and level_zh("major", "suspected") != "重大隐患"
    assert not is_suspected_major("major", "confirmed") and not is_suspected_major("general", None)
    table = HazardTable()
    qtbot.addWidget(table)
    entries = ledger.ledger(state.ctx, ledger.ledger_filter(level="major"))
    table.set_entries(entries)
    for row, e in enumerate(entries):
        want = "疑似重大，待专家确认" if e.major_status == "suspected" else "专家已确认"
        assert table.item(row, 2).toolTip() == want
        assert (table.item(row, 2).text() == "疑似重大") == (e.major_status == "suspected")
