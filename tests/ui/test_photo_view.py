# SPDX-License-Identifier: Apache-2.0
"""Photos you can see and correct: remove a not-yet-saved one, open one full size."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from fieldcheck.photos.store import sha256_file
from fieldcheck.services.evidence import markup, photos
from fieldcheck.services.findings import findings, ledger
from fieldcheck.ui.evidence.photo_area import PENDING
from fieldcheck.ui.findings.finding_dialog import FindingDialog
from fieldcheck.ui.shell.state import AppState


def _jpegs(folder: Path, n: int) -> list[Path]:
    out = []
    for i in range(n):
        path = folder / f"IMG_{i}.jpg"
        Image.new("RGB", (800, 600), (40 + i * 60, 90, 30)).save(path, "JPEG")
        out.append(path)
    return out


def _new_dialog(qtbot: QtBot, state: AppState) -> FindingDialog:
    entry = ledger.ledger(state.ctx, ledger.ledger_filter(status="found"))[0]
    insp = findings.get_finding(state.ctx, entry.id).inspection_id
    dialog = FindingDialog(state, inspection_id=insp, prefill={"description": "配电箱门缺失"})
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def test_a_wrongly_added_photo_is_removed_before_saving(
    qtbot: QtBot, state: AppState, tmp_path: Path
) -> None:
    dialog = _new_dialog(qtbot, state)
    area = dialog.photos
    first, wrong, third = _jpegs(tmp_path, 3)
    area.add_paths([first, wrong, third])
    area.list.setCurrentRow(1)
    area.list.setFocus()
    qtbot.keyClick(area.list, Qt.Key.Key_Delete)
    assert area.pending == [first, third]
    assert [area.list.item(r).data(PENDING) for r in range(area.list.count())] == [
        str(first),
        str(third),
    ]
    area.list.setCurrentRow(0)
    area._menu(area.list.visualItemRect(area.list.item(0)).center())  # the context menu
    actions = {a.text(): a for a in area.menu.actions()}
    actions["移除这张（Delete）"].trigger()
    assert area.pending == [third]
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == FindingDialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.saved is not None
    assert [p.sha256 for p in photos.list_photos(state.ctx, dialog.saved.id)] == [
        sha256_file(third)
    ]


def test_a_photo_opens_full_size_with_zoom_pan_time_gps_and_hash(
    qtbot: QtBot, state: AppState, tmp_path: Path
) -> None:
    dialog = _new_dialog(qtbot, state)
    [path] = _jpegs(tmp_path, 1)
    dialog.photos.add_paths([path])
    viewer = dialog.photos.open_item(dialog.photos.list.item(0))
    qtbot.addWidget(viewer)
    qtbot.waitExposed(viewer)
    assert viewer.view.pixmap_item.pixmap().size().toTuple() == (800, 600)  # full size
    text = viewer.info.text()
    assert sha256_file(path) in text and "拍摄时间" in text and "GPS" in text
    fitted = viewer.view.zoom
    qtbot.keyClick(viewer.view, Qt.Key.Key_Plus)
    qtbot.keyClick(viewer.view, Qt.Key.Key_Plus)
    assert viewer.view.zoom > fitted * 1.5
    bar = viewer.view.horizontalScrollBar()
    assert bar.maximum() > 0  # zoomed past the window: it pans
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    qtbot.keyClick(viewer.view, Qt.Key.Key_0)
    assert abs(viewer.view.zoom - fitted) < 1e-6
    viewer.reject()
    # A stored photo opens from the finding it belongs to, and can be marked up.
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None and not dialog.isVisible(), timeout=10_000)
    assert dialog.saved is not None
    again = FindingDialog(state, finding_id=dialog.saved.id)
    qtbot.addWidget(again)
    again.show()
    stored = again.photos.open_item(again.photos.list.item(0))
    qtbot.addWidget(stored)
    qtbot.waitExposed(stored)
    assert stored.circle.isVisible()
    stored.circle.setChecked(True)
    port = stored.view.viewport()
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    qtbot.mouseMove(port, QPoint(220, 180))
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=QPoint(220, 180))
    assert len(stored.view.shapes) == 1
    stored.store_markup()
    [row] = photos.list_photos(state.ctx, dialog.saved.id)
    assert markup.verify_markup(state.ctx, row.id) is None
    assert "已有标注" in stored.info.text()
