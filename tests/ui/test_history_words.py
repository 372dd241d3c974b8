# SPDX-License-Identifier: Apache-2.0
"""A hazard's history names the document a 交办 or 验收不通过 came with in the window's
language: the English window read 'Assign  Assigned → 19 Dec 2026  隐患整改通知书 …号'."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from fieldcheck.reports.wording import TITLES
from fieldcheck.services.findings import findings, ledger
from fieldcheck.ui.findings.event_note import event_note
from fieldcheck.ui.findings.finding_dialog import FindingDialog
from fieldcheck.ui.shell.state import AppState


def _moved_by_a_document(state: AppState) -> str:
    for entry in ledger.ledger(state.ctx, ledger.ledger_filter(limit=300)):
        notes = [ev.note for ev in findings.history(state.ctx, entry.id)]
        if any(n.startswith(TITLES[k] + " ") for k in TITLES for n in notes):
            return entry.id
    raise AssertionError("the demo has no hazard assigned by a document")


def test_the_history_names_the_document_in_english(
    english: None, qtbot: QtBot, state: AppState
) -> None:
    dialog = FindingDialog(state, finding_id=_moved_by_a_document(state))
    qtbot.addWidget(dialog)
    lines = [dialog.history.item(r).text() for r in range(dialog.history.count())]
    moved = [t for t in lines if "〔" in t]  # the lines with a document's number
    assert moved, lines
    for line in moved:
        assert not any(title in line for title in TITLES.values()), line
    assert any("Hazard rectification notice （" in t for t in moved), moved


def test_in_chinese_and_a_typed_note_it_reads_as_stored(qtbot: QtBot, state: AppState) -> None:
    note = "隐患整改通知书 （金水）整改〔2026〕6CM0R3-0001号"
    assert event_note("assign", note) == note
    typed = "隐患整改通知书 已当面 送达"  # a person's own words stay as they are
    assert event_note("assign", typed) == typed
