# SPDX-License-Identifier: Apache-2.0
"""同步冲突 lists a record's fields by the names the window uses, not the raw field
names (found_at, site_id, text, unread), and its values as the window shows them."""

from __future__ import annotations

import json
import re

import test_conflicts
import test_english_dates
import test_refused_conflict
from pytestqt.qtbot import QtBot

from fieldcheck.core import clock
from fieldcheck.services.findings import ledger
from fieldcheck.services.sites import sites
from fieldcheck.storage import quarantine, sync_repo
from fieldcheck.sync.protocol import content_sha256
from fieldcheck.ui.shell.labels import datetime_text
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.sync.conflicts_dialog import ConflictsDialog

english = test_english_dates.english  # the window in English, for one test

RAW_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _set_aside_finding(state: AppState) -> dict[str, object]:
    """A pulled version of a hazard this device could not apply, as a pull keeps it."""
    fid = ledger.ledger(state.ctx, ledger.ledger_filter(status="found", limit=2))[1].id
    with state.ctx.db.transaction() as s:
        text, _pending = sync_repo.local_versions(s)[("finding", fid)]
        content = json.loads(text)
        quarantine.keep(
            s, "finding", content, content_sha256(content), ValueError("bad"), clock.now()
        )
    return content


def _tables(qtbot: QtBot, state: AppState) -> list[dict[str, list[str]]]:
    """Each list entry's table (every field): field name -> its two versions."""
    dialog = ConflictsDialog(state)
    qtbot.addWidget(dialog)
    dialog.show_all.setChecked(True)
    shown = []
    for row in range(dialog.list.count()):
        dialog.list.setCurrentRow(row)
        table = dialog.table
        cells = {
            table.item(r, 0).text(): [table.item(r, c).text() for c in (1, 2)]
            for r in range(table.rowCount())
        }
        shown.append(cells)
    return shown


def test_fields_are_named_as_the_window_names_them(qtbot: QtBot, state: AppState) -> None:
    test_refused_conflict.refuse_a_finding(state)
    content = _set_aside_finding(state)
    test_conflicts._set_aside_too_deep(state)
    shown = _tables(qtbot, state)
    assert len(shown) == 3
    names = [name for table in shown for name in table]
    assert [n for n in names if RAW_NAME.match(n)] == []
    refused = next(t for t in shown if "未知栏目（colour）" in t)
    assert refused["未知栏目（colour）"][0] == "red"  # what the server refused, by its name
    assert refused["发现人"][0] in {p.name for p in sites.list_people(state.ctx)}
    aside = next(t for t in shown if "发现人" in t and "未知栏目（colour）" not in t)
    basis = content["basis"]
    assert isinstance(basis, dict)
    site = sites.get_site(state.ctx, str(content["site_id"]))
    person = sites.get_person(state.ctx, str(content["found_by"]))
    assert aside["被检查单位"][1] == site.name
    assert aside["发现人"][1] == person.name
    said = [str(v) for v in (basis["clause_ref"], basis["legal_basis"]) if v]
    assert aside["判定依据"][1] == ("、".join(said) or "—")
    assert "{" not in refused["判定依据"][0]
    assert aside["发现时间"][1] == datetime_text(str(content["found_at"]))
    assert aside["状态"][1] == "已排查"
    assert site.name in aside["所属检查"][1]
    unread = next(t for t in shown if "收到的原文" in t)
    assert unread["无法读取"][0] == "是"


def test_fields_are_named_in_english(qtbot: QtBot, state: AppState, english: None) -> None:
    test_refused_conflict.refuse_a_finding(state)
    test_conflicts._set_aside_too_deep(state)
    shown = _tables(qtbot, state)
    names = {name for table in shown for name in table}
    assert {"Found", "Found by", "Site inspected", "Unknown field (colour)"} <= names
    assert {"Text as received", "Unreadable"} <= names
    assert [n for n in names if RAW_NAME.match(n)] == []


def _synced_fields(state: AppState) -> set[str]:
    """Every field of every record kind this device syncs (the demo has each kind)."""
    with state.ctx.db.transaction() as s:
        versions = sync_repo.local_versions(s)
    kinds = {entity for entity, _id in versions}
    assert {"person", "inspection", "finding_event", "photo", "notice", "signature"} <= kinds
    return {key for text, _pending in versions.values() for key in json.loads(text)}


def test_every_synced_field_has_a_chinese_name(state: AppState) -> None:
    """A document set aside listed its 文号 as 未知栏目（number）; a photo's, an
    inspection's or a signature's fields the same."""
    from fieldcheck.ui.sync.conflict_fields import label

    names = {key: label(key) for key in _synced_fields(state)}
    assert [k for k, name in names.items() if "未知栏目" in name or RAW_NAME.match(name)] == []
    assert names["number"] == "文号" and names["taken_at"] == "拍摄时间"


def test_every_synced_field_has_an_english_name(state: AppState, english: None) -> None:
    from fieldcheck.ui.sync.conflict_fields import label

    names = {key: label(key) for key in _synced_fields(state)}
    assert [k for k, name in names.items() if re.search(r"[\u4e00-\u9fff]", name)] == []
    assert [k for k, name in names.items() if "Unknown field" in name] == []
    assert names["number"] == "Document number"


def test_the_no_id_line_wraps_and_has_its_tooltip(
    qtbot: QtBot, state: AppState, english: None
) -> None:
    """'Set aside · Record of an unknown kind · with no id (no. 2 in its page)' was cut at
    the list's width."""
    from PySide6.QtWidgets import QSplitter

    test_conflicts._set_aside_before_codes(state)
    dialog = ConflictsDialog(state)
    qtbot.addWidget(dialog)
    dialog.resize(980, 600)
    dialog.show()
    split = dialog.findChild(QSplitter)
    assert split is not None
    split.setSizes([260, 720])
    qtbot.wait(10)  # the list lays its items out again at its new width
    items = [dialog.list.item(r) for r in range(dialog.list.count())]
    unnamed = next(i for i in items if "with no id" in i.text())
    assert all(i.toolTip() == i.text() for i in items)  # the whole line
    first = unnamed.text().split("\n")[0]
    metrics, width = dialog.list.fontMetrics(), dialog.list.viewport().width()
    assert metrics.horizontalAdvance(first) > width  # longer than the list is wide
    rect = dialog.list.visualItemRect(unnamed)
    assert rect.width() <= width and rect.height() >= 3 * metrics.height()  # wrapped
