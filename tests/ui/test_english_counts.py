# SPDX-License-Identifier: Apache-2.0
"""English counts in the walk, the open inspections and sync agree with their number, and
one record is named in the singular: '1 item checked, 0 hazards found' (was '1 items
checked'), '· 1 hazard' (was '1 hazards'), 'Set aside · Document' (was '· Documents')."""

from __future__ import annotations

import json
from dataclasses import replace

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import walk_at_a_shop

from fieldcheck.core import clock
from fieldcheck.core.terms import ItemOutcome
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import drafts, inspections
from fieldcheck.services.sync import sync_view
from fieldcheck.storage import quarantine, sync_repo
from fieldcheck.sync.protocol import content_sha256
from fieldcheck.ui.inspections.drafts_ui import progress_text
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.sync.conflicts_dialog import ConflictsDialog
from fieldcheck.ui.sync.sync_status import SyncStatus


def test_the_stored_summary_counts_one_item(english: None, qtbot: QtBot, state: AppState) -> None:
    view = walk_at_a_shop(qtbot, state)
    insp = view.inspection
    assert insp is not None
    view.walk.mark(ItemOutcome.PASS)
    view.walk.finish()  # the others unanswered: it asks first
    view.walk.confirm_box.finish_anyway.click()
    summary = inspections.get_inspection(state.ctx, insp.id).summary
    assert summary.startswith("1 item checked, 0 hazards found ("), summary


def test_the_stored_summary_in_chinese_is_as_before(qtbot: QtBot, state: AppState) -> None:
    view = walk_at_a_shop(qtbot, state)
    insp = view.inspection
    assert insp is not None
    view.walk.mark(ItemOutcome.PASS)
    view.walk.finish()
    view.walk.confirm_box.finish_anyway.click()
    summary = inspections.get_inspection(state.ctx, insp.id).summary
    assert summary.startswith("检查 1 项，发现隐患 0 项（"), summary


def test_an_open_inspection_counts_its_hazards(
    english: None, qtbot: QtBot, state: AppState
) -> None:
    walk_at_a_shop(qtbot, state)
    item = drafts.open_inspections(state.ctx)[0]
    one, two = (progress_text(replace(item, findings=n)) for n in (1, 2))
    assert one.endswith(" · 1 hazard") and two.endswith(" · 2 hazards"), (one, two)
    assert f" · checked {item.answered}/{item.total} · " in one, one


def _set_aside_notice(state: AppState) -> None:
    """A pulled version of a document this device could not apply, as a pull keeps it."""
    with state.ctx.db.transaction() as s:
        text = next(
            t for (kind, _id), (t, _p) in sync_repo.local_versions(s).items() if kind == "notice"
        )
        content = json.loads(text)
        quarantine.keep(
            s, "notice", content, content_sha256(content), ValueError("bad"), clock.now()
        )


def test_one_document_set_aside_is_a_document(english: None, qtbot: QtBot, state: AppState) -> None:
    _set_aside_notice(state)
    dialog = ConflictsDialog(state)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text().startswith("Set aside · Document · ")
    assert len(sync_view.conflicts(state.ctx)) == 1  # sync_view loaded: the bar counts them
    status = SyncStatus(state)
    qtbot.addWidget(status)
    assert status.conflicts_button.text() == "1 conflict"


def test_the_status_bar_buttons_read_whole(english: None, qtbot: QtBot, state: AppState) -> None:
    """'Record by record…' read as cut at the right: the CJK face the window uses draws '…'
    at mid-height ('record···'). Its English needs no dots, and is drawn whole."""
    status = SyncStatus(state)
    qtbot.addWidget(status)
    status.show()
    QApplication.processEvents()
    for button in (status.proof_button, status.sync_button):
        text = button.text()
        assert "…" not in text and "..." not in text, text
        assert button.fontMetrics().horizontalAdvance(text) < button.width(), text


def test_a_set_aside_document_names_its_hazards(
    english: None, qtbot: QtBot, state: AppState
) -> None:
    """Its 涉及隐患 read as a JSON list of ids, cut at the column's width."""
    _set_aside_notice(state)
    dialog = ConflictsDialog(state)
    qtbot.addWidget(dialog)
    dialog.show_all.setChecked(True)
    table = dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    with state.ctx.db.transaction() as s:
        content = json.loads(
            next(t for (k, _i), (t, _p) in sync_repo.local_versions(s).items() if k == "notice")
        )
    names = [findings.get_finding(state.ctx, f).description for f in content["finding_ids"]]
    shown = next(v for k, v in rows.items() if k.startswith("Hazard"))
    assert shown == ", ".join(names), rows
