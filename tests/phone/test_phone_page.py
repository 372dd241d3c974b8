# SPDX-License-Identifier: Apache-2.0
"""The upload page in a real browser as the phone: headless Chromium with mobile emulation.

The test reads the QR code the laptop shows, opens it, picks the sample photos and
checks what the page says and what the laptop stored, byte for byte.
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import phone_helpers  # noqa: F401  (puts tests/photos, where photo_samples is, on the path)
import pytest
from photo_samples import heic, make_exif, oriented_jpeg, textured, truncated
from PIL import Image

from browser_launch import chromium
from fieldcheck import paths
from fieldcheck.services.evidence import photos
from fieldcheck.services.evidence.phone.qr import qr_png

pytestmark = pytest.mark.slow

WECHAT = " MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN"
# Screenshots go to docs/screenshots only when asked (FIELDCHECK_SHOTS=docs/screenshots),
# so a test run never rewrites tracked files.
SCREENSHOTS = Path(os.environ.get("FIELDCHECK_SHOTS") or tempfile.mkdtemp(prefix="fc-shots-"))


@pytest.fixture(scope="module")
def browser() -> Iterator[tuple[Any, Any]]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def phone(browser: tuple[Any, Any]) -> Iterator[Any]:
    """A page in an Android phone's WeChat (Pixel 5 size), Chinese, no internet."""
    p, chromium_browser = browser
    device = dict(p.devices["Pixel 5"])
    device["user_agent"] += WECHAT
    context = chromium_browser.new_context(
        **device,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        bypass_csp=True,  # the page's own CSP forbids eval, which the test's waits use
    )
    page = context.new_page()
    yield page
    context.close()


def scanned(url: str) -> str:
    """What a phone's camera reads from the QR code the laptop shows for url."""
    from pyzbar.pyzbar import decode

    [symbol] = decode(Image.open(io.BytesIO(qr_png(url))))
    return str(symbol.data.decode("ascii"))


def camera_12mp(path: Path) -> Path:
    exif = make_exif(
        orientation=6,
        taken=datetime(2025, 3, 14, 9, 26, 53),
        offset="+08:00",
        gps=(34.7471, 113.6253),
        make="Xiaomi",
        model="23127PN0CC",
    )
    textured((4000, 3000)).save(path, "JPEG", quality=92, exif=exif)
    return path


def sample_set(tmp: Path) -> tuple[dict[str, Path], dict[str, Path]]:
    """(photos that must be stored, files that must be refused) by file name."""
    good = {f"orient{n}.jpg": oriented_jpeg(tmp / f"orient{n}.jpg", n) for n in range(1, 9)}
    good["IMG_0420.HEIC"] = heic(tmp / "IMG_0420.HEIC", textured((640, 480)), make_exif())
    good["IMG_12MP.jpg"] = camera_12mp(tmp / "IMG_12MP.jpg")
    empty = tmp / "empty.jpg"
    empty.write_bytes(b"")
    zipped = tmp / "archive.jpg"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("readme.txt", "不是照片")
    bad = {
        "cut.jpg": truncated(tmp / "cut.jpg", good["IMG_12MP.jpg"]),
        "empty.jpg": empty,
        "archive.jpg": zipped,
    }
    return good, bad


def rows_on_page(page: Any) -> dict[str, tuple[str, str]]:
    """File name -> (ok|bad, status text) for every photo on the page."""
    items = page.eval_on_selector_all(
        "#list li",
        "els => els.map(e => [e.querySelector('.name').textContent, e.className,"
        " e.querySelector('.status').textContent])",
    )
    return {name.rsplit("  ", 1)[0]: (cls, status) for name, cls, status in items}


def wait_all_answered(page: Any, count: int, timeout_ms: int = 180_000) -> None:
    page.wait_for_function(
        f"document.querySelectorAll('#list li.ok, #list li.bad').length === {count}",
        timeout=timeout_ms,
    )


def test_the_phone_uploads_the_sample_set_and_sees_every_answer(
    receive, phone, ctx, inspector, finding_id, tmp_path
) -> None:
    r, events = receive()
    url = scanned(r.url)
    assert url == r.url
    base = url.rsplit("/", 1)[0]
    requested: list[str] = []
    phone.on("request", lambda req: requested.append(req.url))
    phone.goto(url)
    phone.wait_for_function("document.getElementById('title').textContent === '金水区惠民超市'")
    assert phone.locator("#kind").text_content() == "隐患照片"
    assert phone.get_attribute("#camera", "capture") == "environment"
    assert phone.get_attribute("#camera", "accept") == "image/*"
    assert phone.get_attribute("#gallery", "multiple") is not None
    phone.screenshot(path=str(SCREENSHOTS / "phone_page_empty.png"))

    good, bad = sample_set(tmp_path)
    phone.set_input_files("#gallery", [str(p) for p in [*good.values(), *bad.values()]])
    wait_all_answered(phone, len(good) + len(bad))
    phone.wait_for_function(
        f"document.getElementById('summary').textContent.indexOf('{len(good)} 张') >= 0"
    )
    shown = rows_on_page(phone)
    for name in good:
        assert shown[name][0] == "ok", (name, shown[name])
        assert shown[name][1].startswith("电脑已保存 ✓")
    assert "拍摄于 2025-03-14 09:26" in shown["IMG_12MP.jpg"][1]
    for name, path in bad.items():
        [expected] = photos.attach_photos(ctx, finding_id, [path], actor_id=inspector)
        assert shown[name][0] == "bad" and shown[name][1].startswith("未保存："), shown[name]
        assert f"（{expected.error}）" in shown[name][1]  # photo add's own reason
    assert "文件是空的" in shown["empty.jpg"][1]
    assert "压缩包" in shown["archive.jpg"][1]
    assert "损坏或不完整" in shown["cut.jpg"][1]
    phone.screenshot(path=str(SCREENSHOTS / "phone_page.png"), full_page=True)

    store = photos.photo_store(ctx)
    rows = photos.list_photos(ctx, finding_id)
    assert {row.original_name: store.original(row.sha256).read_bytes() for row in rows} == {
        name: path.read_bytes() for name, path in good.items()
    }
    [big] = [row for row in rows if row.original_name == "IMG_12MP.jpg"]
    assert (big.gps_lat, big.gps_lon) == (34.7471, 113.6253) and big.taken_offset == "+08:00"
    assert sorted(e["result"].file for e in events if e["type"] == "refused") == sorted(bad)
    # Offline: nothing but the laptop's own page, script and style sheet was asked for.
    assert requested and all(u.startswith(base) for u in requested), requested
    script = (paths.resources_dir() / "phone" / "app.js").read_text()
    assert not any(word in script for word in ("getContext", "drawImage", "toBlob", "toDataURL"))
    assert phone.evaluate("document.getElementsByTagName('canvas').length") == 0

    # The same photo picked again is answered at once, stored once.
    phone.set_input_files("#camera", str(good["orient1.jpg"]))
    wait_all_answered(phone, len(good) + len(bad) + 1)
    assert len(photos.list_photos(ctx, finding_id)) == len(good)


class CuttingProxy:
    """A TCP proxy to the receiver that cuts every connection once, mid-upload.

    Counts the bytes the phone sent through it, so the test knows how much was sent again.
    """

    def __init__(self, port: int, cut_after: int) -> None:
        self.target = ("127.0.0.1", port)
        self.cut_after = cut_after
        self.sent = 0
        self.cuts = 0
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.open += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, counted: bool) -> None:
        try:
            while chunk := src.recv(65536):
                if counted:
                    with self.lock:
                        self.sent += len(chunk)
                        cut = self.cuts == 0 and self.sent >= self.cut_after
                        if cut:
                            self.cuts += 1
                    if cut:  # the phone walks out of range: both sides see the connection die
                        for s in (src, dst):
                            s.shutdown(socket.SHUT_RDWR)
                        return
                dst.sendall(chunk)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.listener.close()
        for s in self.open:
            s.close()


def test_an_upload_cut_mid_photo_resumes_and_sends_under_5_percent_again(
    receive, phone, ctx, finding_id, tmp_path
) -> None:
    r, _ = receive()
    photo = camera_12mp(tmp_path / "IMG_WALK.jpg")
    size = photo.stat().st_size
    proxy = CuttingProxy(r.port, cut_after=size * 2 // 5)
    try:
        phone.goto(scanned(r.url).replace(f":{r.port}/", f":{proxy.port}/"))
        phone.wait_for_function("document.getElementById('title').textContent !== ''")
        phone.set_input_files("#camera", str(photo))
        wait_all_answered(phone, 1, timeout_ms=60_000)
        assert rows_on_page(phone)["IMG_WALK.jpg"][0] == "ok"
    finally:
        proxy.close()
    assert proxy.cuts == 1
    again = (proxy.sent - size) / size
    assert again < 0.05, f"{proxy.sent} bytes sent for a {size}-byte photo ({again:.1%} again)"
    [row] = photos.list_photos(ctx, finding_id)
    assert photos.photo_store(ctx).original(row.sha256).read_bytes() == photo.read_bytes()
