# SPDX-License-Identifier: Apache-2.0
"""同步冲突: both versions side by side, differences first; keep local or keep the server's."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from fieldcheck.core import clock
from fieldcheck.services.findings import changes, findings, ledger
from fieldcheck.services.sync import sync_view
from fieldcheck.storage import quarantine, sync_conflicts, sync_repo
from fieldcheck.storage.tables import AuditRow
from fieldcheck.sync.protocol import content_sha256
from fieldcheck.ui.shell.main import install_translators
from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.sync.conflicts_dialog import ConflictsDialog


def _conflict(state: AppState) -> str:
    """A hazard edited here while the server took another edit (as a pull keeps it)."""
    ctx = state.ctx
    fid = ledger.ledger(ctx, ledger.ledger_filter(status="found", limit=1))[0].id
    changes.edit_finding(ctx, fid, {"measures": "三日内整改"}, actor_id=state.actor_id)
    with ctx.db.transaction() as s:
        text, pending = sync_repo.local_versions(s)[("finding", fid)]
        assert pending
        local = json.loads(text)
        server = local | {"measures": "立即更换灭火器"}
        sync_conflicts.keep_conflict(
            s,
            entity="finding",
            entity_id=fid,
            local_sha=content_sha256(local),
            local=local,
            server_sha=content_sha256(server),
            server=server,
            source="pull",
            now=clock.now(),
        )
    return fid


def test_both_versions_are_shown_with_only_the_differences(qtbot: QtBot, state: AppState) -> None:
    _conflict(state)
    dialog = ConflictsDialog(state)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and "隐患" in dialog.list.item(0).text()
    rows = [
        [dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())
    ]
    assert rows == [["整改措施", "三日内整改", "立即更换灭火器"]]
    dialog.show_all.setChecked(True)
    assert dialog.table.rowCount() > 5  # every field, the differing one highlighted


def test_keeping_the_server_version_applies_it_here(qtbot: QtBot, state: AppState) -> None:
    fid = _conflict(state)
    dialog = ConflictsDialog(state)
    qtbot.addWidget(dialog)
    dialog.keep_server.click()
    assert findings.get_finding(state.ctx, fid).measures == "立即更换灭火器"
    assert sync_view.conflicts(state.ctx) == [] and dialog.list.count() == 0
    assert not dialog.keep_local.isEnabled() and "没有待处理" in dialog.empty.text()


def test_keeping_the_local_version_queues_it_for_the_server(qtbot: QtBot, state: AppState) -> None:
    fid = _conflict(state)
    before = ledger.counts(state.ctx)["unsynced"]["changes"]
    dialog = ConflictsDialog(state)
    qtbot.addWidget(dialog)
    dialog.keep_local.click()
    assert findings.get_finding(state.ctx, fid).measures == "三日内整改"
    assert ledger.counts(state.ctx)["unsynced"]["changes"] == before + 1
    assert sync_view.conflicts(state.ctx) == []
    with state.ctx.db.read() as s:
        last = s.exec(select(AuditRow).order_by(col(AuditRow.seq).desc())).first()
        assert last is not None
        assert (last.action, last.actor_id, last.entity_id) == (
            "sync.conflict.keep_local",
            state.actor_id,
            fid,
        )


def test_status_bar_shows_open_conflicts(qtbot: QtBot, state: AppState) -> None:
    window = MainWindow(state)
    qtbot.addWidget(window)
    button = window.sync_status.conflicts_button
    assert button.isHidden()
    _conflict(state)
    state.notify()
    assert not button.isHidden() and button.text() == "冲突 1 条…"
    button.click()
    assert window.sync_status.dialog.list.count() == 1


def _set_aside_too_deep(state: AppState) -> str:
    """A site nested 300 levels deep, set aside as a pull does (sync/pull_page.py)."""
    ident = "01SITEDEEP"
    with state.ctx.db.transaction() as s:
        quarantine.keep_unread(
            s,
            "site",
            ident,
            "too_deep",
            "record 1 of the page: nested 300 levels deep (at most 64)",
            '{"a":' * 300 + "1" + "}" * 300,
            clock.now(),
        )
    return ident


def test_a_record_set_aside_says_why_in_plain_chinese(
    qtbot: QtBot, state: AppState, tmp_path: Path
) -> None:
    ident = _set_aside_too_deep(state)
    dialog = ConflictsDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.item(0).text().startswith("已搁置 · 单位")
    said = dialog.aside.text()
    assert said == f"单位记录 {ident}：记录嵌套超过 64 层，已搁置。其余记录已照常同步。"
    assert dialog.aside.isVisible()
    rows = {dialog.table.item(r, 0).text(): r for r in range(dialog.table.rowCount())}
    detail = dialog.table.item(rows["搁置原因（技术详情）"], 1).text()
    assert "nested 300 levels deep" in detail  # the English detail is kept
    code = dialog.table.item(rows["搁置原因代码"], 1).text()
    assert code == "记录嵌套超过 64 层，已搁置（too_deep）"  # its words, the code after
    dialog.resize(980, 600)
    assert dialog.grab().save(str(tmp_path / "set_aside.png"))
    shot = os.environ.get("FIELDCHECK_SCREENSHOT_DIR")
    if shot:
        dialog.grab().save(str(Path(shot) / "set_aside_zh.png"))


@contextmanager
def _english() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QLocale()
    translators = install_translators(app, QLocale("en"))
    try:
        yield
    finally:
        for t in translators:
            app.removeTranslator(t)
        QLocale.setDefault(before)


def test_a_record_set_aside_says_why_in_english(qtbot: QtBot, state: AppState) -> None:
    ident = _set_aside_too_deep(state)
    with _english():
        dialog = ConflictsDialog(state)
        qtbot.addWidget(dialog)
        assert dialog.list.item(0).text().startswith("Set aside · Site")
        assert dialog.aside.text() == (
            f"Site record {ident}: the record is nested more than 64 levels deep and was "
            "set aside. The other records synced as usual."
        )


def _set_aside_before_codes(state: AppState) -> None:
    """Two records a device set aside before codes were stored: only the English reason."""
    with state.ctx.db.transaction() as s:
        sync_conflicts.keep_conflict(  # what quarantine.keep wrote then
            s,
            entity="notice",
            entity_id="01NOTICEOLD",
            local_sha="",
            local={
                quarantine.REASON: "IntegrityError: (sqlite3.IntegrityError) UNIQUE "
                "constraint failed: notices.number"
            },
            server_sha="",
            server={"id": "01NOTICEOLD", "number": "（金水）整改〔2026〕SRQZ27-0002号"},
            source=quarantine.SOURCE,
            now=clock.now(),
        )
        sync_conflicts.keep_conflict(  # what quarantine.keep_unread wrote then
            s,
            entity="unknown",
            entity_id="record 2 of the page",
            local_sha="",
            local={
                quarantine.REASON: "record 2 of the page: not an object",
                quarantine.UNREAD: True,
            },
            server_sha="",
            server={"id": "record 2 of the page", "text": "[1, 2, 3]"},
            source=quarantine.SOURCE,
            now=clock.now(),
        )


def _aside_said(dialog: ConflictsDialog) -> dict[str, str]:
    """Each list entry's first line, with the sentence the dialog shows for it."""
    said = {}
    for row in range(dialog.list.count()):
        dialog.list.setCurrentRow(row)
        said[dialog.list.item(row).text().split("\n")[0]] = dialog.aside.text()
    return said


def _shown(state: AppState, qtbot: QtBot, name: str) -> dict[str, str]:
    dialog = ConflictsDialog(state)
    qtbot.addWidget(dialog)
    dialog.resize(980, 600)
    dialog.show()
    said = _aside_said(dialog)
    shot = os.environ.get("FIELDCHECK_SCREENSHOT_DIR")
    if shot:
        dialog.grab().save(str(Path(shot) / name))
    return said


def test_records_set_aside_before_codes_say_why_in_chinese(qtbot: QtBot, state: AppState) -> None:
    _set_aside_before_codes(state)
    assert _shown(state, qtbot, "set_aside_before_codes_zh.png") == {
        "已搁置 · 文书 · 01NOTICE": (
            "文书记录 01NOTICEOLD：记录和本机已有的记录重复（例如文书编号相同），已搁置。"
            "其余记录已照常同步。"
        ),
        "已搁置 · 未知类型的记录 · 编号不明（收到的一页中第 2 条）": (
            "未知类型的记录 编号不明（收到的一页中第 2 条）：收到的内容不是一条完整的记录，"
            "已搁置。其余记录已照常同步。"
        ),
    }


def test_records_set_aside_before_codes_say_why_in_english(qtbot: QtBot, state: AppState) -> None:
    _set_aside_before_codes(state)
    with _english():
        said = _shown(state, qtbot, "set_aside_before_codes_en.png")
    assert said["Set aside · Document · 01NOTICE"] == (
        "Document record 01NOTICEOLD: the record duplicates one on this device (for example "
        "the same document number) and was set aside. The other records synced as usual."
    )
    unnamed = next(k for k in said if "unknown kind" in k)
    assert "with no id (no. 2 in its page)" in unnamed
    assert said[unnamed] == (
        "Record of an unknown kind with no id (no. 2 in its page): what "
        "arrived is not a whole record and was set aside. The other records synced as usual."
    )
