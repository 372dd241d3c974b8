# SPDX-License-Identifier: Apache-2.0
"""The walk says where you are: tally, keys on the buttons, headings, saved findings stay."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from fieldcheck.core.terms import ItemOutcome
from fieldcheck.services.evidence import photos
from fieldcheck.services.sites import sites
from fieldcheck.ui.inspections.inspection_view import InspectionView
from fieldcheck.ui.inspections.item_list import HEADING, MIN_ROW
from fieldcheck.ui.inspections.walk_page import WalkPage
from fieldcheck.ui.shell.state import AppState


def _walk(qtbot: QtBot, state: AppState) -> WalkPage:
    shop = sites.search_sites(state.ctx, "小吃店")[0]
    view = InspectionView(state)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.begin_at(shop.id)
    view.start()
    return view.walk


def test_running_tally_and_keys_on_the_buttons(qtbot: QtBot, state: AppState) -> None:
    walk = _walk(qtbot, state)
    n = len(walk.items)
    assert walk.tally.text() == f"已查 0/{n} · 合格 0 · 不合格 0 · 不适用 0"
    assert "（" not in walk.title.text()  # the header no longer looks like a tally
    for outcome, key in (("pass", "1"), ("fail", "2"), ("na", "3")):
        button = walk.item_pane.buttons[ItemOutcome(outcome)]
        assert button.text().endswith(f"（按 {key}）")
    qtbot.keyClick(walk.item_list, Qt.Key.Key_1)
    qtbot.keyClick(walk.item_list, Qt.Key.Key_1)
    qtbot.keyClick(walk.item_list, Qt.Key.Key_3)
    assert walk.tally.text() == f"已查 3/{n} · 合格 2 · 不合格 0 · 不适用 1"
    qtbot.keyClick(walk.item_list, Qt.Key.Key_2)
    walk.dialog.reject()
    assert walk.tally.text() == f"已查 4/{n} · 合格 2 · 不合格 1 · 不适用 1"


def test_items_grouped_under_checklists_wrapped_and_finger_sized(
    qtbot: QtBot, state: AppState
) -> None:
    walk = _walk(qtbot, state)
    lst = walk.item_list
    headings = [lst.item(r).text() for r in range(lst.count()) if lst.item(r).data(HEADING)]
    titles = {c.title for c in walk.view_checklists()}
    assert titles <= set(headings), "every checklist has its heading"
    groups = {item.group for _cid, item in walk.items if item.group}
    assert {h.strip("　") for h in headings} >= groups, "every section has its heading"
    assert lst.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    heights = [lst.visualItemRect(lst.item(r)).height() for r in range(min(lst.count(), 15))]
    assert min(heights) >= MIN_ROW
    longest = max(range(len(walk.items)), key=lambda i: len(walk.items[i][1].prompt))
    rect = lst.visualItemRect(lst.item(walk.item_list.rows.index(longest)))
    assert rect.width() <= lst.viewport().width()  # wrapped, not scrolled sideways
    # A heading is never "checked": the keys skip it.
    lst.setCurrentRow(0)
    assert walk.current_index() == 0


def test_a_finding_saved_with_a_refused_photo_is_listed(
    qtbot: QtBot, state: AppState, tmp_path: Path
) -> None:
    walk = _walk(qtbot, state)
    good = tmp_path / "IMG_1.jpg"
    Image.new("RGB", (640, 480), (120, 60, 30)).save(good, "JPEG")
    bad = tmp_path / "IMG_2.jpg"
    bad.write_text("这不是照片", encoding="utf-8")
    qtbot.keyClick(walk.item_list, Qt.Key.Key_2)
    dialog = walk.dialog
    dialog.photos.add_paths([good, bad])
    dialog.save()
    qtbot.waitUntil(lambda: walk.found_list.count() == 1, timeout=10_000)

    def boxes() -> list[QMessageBox]:
        return [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]

    qtbot.waitUntil(lambda: bool(boxes()), timeout=10_000)
    box = boxes()[0]
    assert "IMG_2.jpg：这是文本文件，不是照片" in box.text()
    assert walk.current_index() == 1  # the walk moved on
    saved = walk.recorded[0]
    assert len(photos.list_photos(state.ctx, saved.id)) == 1
