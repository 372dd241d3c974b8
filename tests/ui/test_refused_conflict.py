# SPDX-License-Identifier: Apache-2.0
"""同步冲突 with a record the server refused: why in plain words, and 重新发送 once the
cause is gone (no server version to take: the server kept nothing of it)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import test_english_dates
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from fieldcheck.core import clock
from fieldcheck.services.findings import ledger
from fieldcheck.services.sync import aside_words, sync_view
from fieldcheck.storage import refused, sync_repo
from fieldcheck.storage.tables import AuditRow
from fieldcheck.sync import refusals
from fieldcheck.sync.protocol import content_sha256
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.sync.conflicts_dialog import ConflictsDialog

english = test_english_dates.english  # the window in English, for one test


def refuse_a_finding(state: AppState, code: str = "wrong_fields") -> str:
    """A hazard of this device the server refused, as a push sets it aside (sync_push)."""
    ctx = state.ctx
    fid = ledger.ledger(ctx, ledger.ledger_filter(status="found", limit=1))[0].id
    with ctx.db.transaction() as s:
        text, _pending = sync_repo.local_versions(s)[("finding", fid)]
        content = {**json.loads(text), "colour": "red"}
        reason = f"changes[3] (finding {fid}): colour: Extra inputs are not permitted"
        refused.keep(
            s, ("finding", fid), content, content_sha256(content), code, reason, clock.now()
        )
    return fid


def test_a_refused_record_says_why_and_can_be_sent_again(
    qtbot: QtBot, state: AppState, tmp_path: Path
) -> None:
    fid = refuse_a_finding(state)
    dialog = ConflictsDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.item(0).text().startswith("服务器拒收 · 隐患 · ")
    assert dialog.aside.isVisible() and dialog.aside.text() == (
        f"隐患记录 {fid}：服务器拒收：记录的内容不符合服务器的要求（多了、少了或填错了栏目；"
        "本软件可能比服务器新）。记录留在本机，没有删除；其余记录已照常同步。"
        "原因排除后（例如服务器升级后）可以重新发送。"
    )
    assert dialog.keep_local.text() == "重新发送" and dialog.keep_server.isHidden()
    assert dialog.table.isColumnHidden(2)  # the server kept nothing of it to compare
    rows = {dialog.table.item(r, 0).text(): r for r in range(dialog.table.rowCount())}
    assert "colour" in dialog.table.item(rows["搁置原因（技术详情）"], 1).text()
    assert dialog.table.item(rows["搁置原因代码"], 1).text() == (
        "记录的内容不符合服务器的要求（多了、少了或填错了栏目；本软件可能比服务器新）"
        "（wrong_fields）"
    )
    shot = os.environ.get("FIELDCHECK_SCREENSHOT_DIR")
    if shot:
        dialog.resize(1366, 768)
        dialog.grab().save(str(Path(shot) / "refused_zh.png"))
    dialog.keep_local.click()  # 重新发送
    assert sync_view.conflicts(state.ctx) == []
    with state.ctx.db.read() as s:
        last = s.exec(select(AuditRow).order_by(col(AuditRow.seq).desc())).first()
        assert last is not None
        assert (last.action, last.entity_id) == ("sync.refused.send_again", fid)
        assert refused.held_back(s) == set()  # the next push sends it


def test_a_refused_record_says_why_in_english(qtbot: QtBot, state: AppState, english: None) -> None:
    fid = refuse_a_finding(state, "duplicate")
    dialog = ConflictsDialog(state)
    qtbot.addWidget(dialog)
    assert dialog.list.item(0).text().startswith("Refused by the server · Hazard")
    assert dialog.aside.text().startswith(f"Hazard record {fid}: refused by the server: ")
    assert "document number" in dialog.aside.text()
    assert dialog.keep_local.text() == "Send again"
    rows = {dialog.table.item(r, 0).text(): r for r in range(dialog.table.rowCount())}
    code = dialog.table.item(rows["Reason code"], 1).text()
    assert "document number" in code and code.endswith(" (duplicate)"), code
    shot = os.environ.get("FIELDCHECK_SCREENSHOT_DIR")
    if shot:
        dialog.resize(1366, 768)
        dialog.grab().save(str(Path(shot) / "refused_en.png"))


def test_every_refusal_code_has_its_words() -> None:
    codes = {v for k, v in vars(refusals).items() if k.isupper() and isinstance(v, str)}
    assert codes - refusals.WAITING == set(aside_words.REFUSED)
