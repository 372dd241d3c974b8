# SPDX-License-Identifier: Apache-2.0
"""用手机拍照 in the finding editor: the QR code it shows works, photos appear as they arrive."""

from __future__ import annotations

import http.client
import io
import os
import socket
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from pytestqt.qtbot import QtBot

from fieldcheck.core.loop import Action
from fieldcheck.services.evidence import photos
from fieldcheck.services.findings import findings, ledger
from fieldcheck.ui.evidence import phone_dialog
from fieldcheck.ui.findings.finding_dialog import FindingDialog
from fieldcheck.ui.shell.state import AppState

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "photos"))
from photo_samples import make_exif, textured

# Screenshots go to docs/screenshots only when asked (FIELDCHECK_SHOTS=docs/screenshots),
# so a test run never rewrites tracked files.
SCREENSHOTS = Path(os.environ.get("FIELDCHECK_SHOTS") or tempfile.mkdtemp(prefix="fc-shots-"))


def _open_finding(state: AppState, status: str) -> str:
    rows = ledger.ledger(state.ctx, ledger.ledger_filter(status=status, limit=50))
    return next(r.id for r in rows if not findings.is_frozen(state.ctx, r.id))


def _shown_url(dialog: phone_dialog.PhoneDialog) -> str:
    """Decode the QR code exactly as the dialog draws it."""
    from pyzbar.pyzbar import decode

    label = dialog.codes.widget(0).findChildren(phone_dialog.QLabel)[0]
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    label.pixmap().save(buffer, "PNG")
    [symbol] = decode(Image.open(io.BytesIO(bytes(buffer.data()))))
    return str(symbol.data.decode("ascii"))


def _upload(url: str, files: list[tuple[str, bytes]]) -> list[int]:
    parts = urlsplit(url)
    statuses = []
    for n, (name, data) in enumerate(files):
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        headers = {"X-Offset": "0", "X-Total": str(len(data)), "X-Name": quote(name)}
        conn.request("PUT", f"{parts.path}u/k{n}", data, headers)
        statuses.append(conn.getresponse().status)
        conn.close()
    return statuses


def _jpeg(seed: int, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    textured(size, seed).save(out, "JPEG", quality=90, exif=make_exif(orientation=6))
    return out.getvalue()


def test_phone_photos_arrive_live_in_the_finding_dialog(
    qtbot: QtBot, state: AppState, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(phone_dialog, "HOST", "127.0.0.1")
    fid = _open_finding(state, "found")
    editor = FindingDialog(state, finding_id=fid)
    qtbot.addWidget(editor)
    before = editor.photos.list.count()
    assert editor.phone.button.isEnabled()
    editor.phone.button.click()
    dialog = editor.phone.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    url = _shown_url(dialog)
    assert url == dialog.receiver.url and "/p/" in url
    files = [(f"IMG_{n}.jpg", _jpeg(n, (4000, 3000) if n == 0 else (1200, 900))) for n in range(3)]
    files.append(("note.jpg", "这不是照片".encode()))
    statuses: list[int] = []
    sender = threading.Thread(target=lambda: statuses.extend(_upload(url, files)))
    sender.start()
    qtbot.waitUntil(lambda: dialog.list.count() == 4, timeout=60_000)
    qtbot.waitUntil(
        lambda: all(not dialog.items[n].icon().isNull() for n, _ in files[:3]), timeout=30_000
    )
    sender.join()
    assert statuses == [200] * 4
    assert dialog.summary.text() == "已收到 3 张，拒收 1 张"
    texts = [dialog.list.item(i).text() for i in range(4)]
    assert texts[:3] == [f"已保存 IMG_{n}.jpg" for n in range(3)]
    assert texts[3] == "未保存 note.jpg" and "text file" in dialog.list.item(3).toolTip()
    assert editor.photos.list.count() == before + 3  # the editor's own list, live too
    dialog.resize(900, 560)
    dialog.grab().save(str(SCREENSHOTS / "phone_dialog.png"))
    stored = {r.original_name: r for r in photos.list_photos(state.ctx, fid)}
    store = photos.photo_store(state.ctx)
    for name, data in files[:3]:
        assert store.original(stored[name].sha256).read_bytes() == data
    port = dialog.receiver.port
    dialog.accept()  # closing the dialog stops the server at once
    assert dialog.receiver.ended.is_set()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_rectification_photos_from_the_phone_in_the_step_dialog(
    qtbot: QtBot, state: AppState, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(phone_dialog, "HOST", "127.0.0.1")
    rows = ledger.ledger(state.ctx, ledger.ledger_filter(status="assigned", limit=1))
    editor = FindingDialog(state, finding_id=rows[0].id)
    qtbot.addWidget(editor)
    editor.action_buttons[Action.REPORT_RECTIFICATION].click()
    step = editor.action_dialog
    assert step.photos is not None
    [camera] = step.photos.findChildren(phone_dialog.QPushButton, "phoneCamera")
    assert camera.isEnabled()
    camera.click()
    [dialog] = step.findChildren(phone_dialog.PhoneDialog)
    qtbot.addWidget(dialog)
    assert dialog.receiver.kind.value == "rectification"
    assert _upload(dialog.receiver.url, [("after.jpg", _jpeg(9, (800, 600)))]) == [200]
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=30_000)
    dialog.accept()
    kinds = [r.kind for r in photos.list_photos(state.ctx, rows[0].id)]
    assert "rectification" in kinds
