# SPDX-License-Identifier: Apache-2.0
"""The phone receiver over real HTTP on 127.0.0.1: storing, resuming, refusing, keeping out."""

from __future__ import annotations

import http.client
import io
import json
import socket
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from phone_helpers import call, put, split
from photo_samples import (
    heic,
    jpeg_claiming,
    make_exif,
    oriented_jpeg,
    png_bomb,
    textured,
    truncated,
)
from PIL import Image

from fieldcheck.core.terms import PhotoKind
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence import photos
from fieldcheck.services.evidence.phone import receiver as receiver_mod


def jpeg_bytes(seed: int = 0, size: tuple[int, int] = (640, 480)) -> bytes:
    out = io.BytesIO()
    textured(size, seed).save(out, "JPEG", quality=90, exif=make_exif(orientation=1))
    return out.getvalue()


def originals(ctx: AppContext, finding_id: str) -> dict[str, bytes]:
    store = photos.photo_store(ctx)
    rows = photos.list_photos(ctx, finding_id)
    return {r.original_name: store.original(r.sha256).read_bytes() for r in rows}


def test_a_photo_is_stored_byte_exact_once_and_reported(receive, ctx, finding_id) -> None:
    r, events = receive()
    data = jpeg_bytes()
    status, answer = put(r.url, "first", data, "IMG_0001.jpg")
    assert status == 200
    assert answer["received"] == len(data)
    assert answer["result"]["ok"] is True and answer["result"]["duplicate"] is False
    assert originals(ctx, finding_id) == {"IMG_0001.jpg": data}
    # The same photo picked again (another key) is stored once and said to be a duplicate.
    status, again = put(r.url, "second", data, "IMG_0001 (1).jpg")
    assert status == 200 and again["result"]["ok"] and again["result"]["duplicate"]
    assert len(photos.list_photos(ctx, finding_id)) == 1
    # The same key again is answered from memory, without storing anything.
    assert call(r.url, "u/first")[0] == 200
    assert json.loads(call(r.url, "u/first")[1])["result"]["key"] == "first"
    stored = [e for e in events if e["type"] == "stored"]
    assert [e["result"].file for e in stored] == ["IMG_0001.jpg", "IMG_0001 (1).jpg"]
    r.queue.wait()
    thumbs = [e for e in events if e["type"] == "thumb"]
    assert thumbs and Path(thumbs[0]["thumb_path"]).is_file()
    state = json.loads(call(r.url, "state")[1])
    assert state["title"] == "金水区惠民超市" and state["kind"] == "evidence"
    assert [x["name"] for x in state["results"]] == ["IMG_0001.jpg", "IMG_0001 (1).jpg"]


def test_a_cut_upload_resumes_from_the_bytes_the_laptop_holds(receive, ctx, finding_id) -> None:
    r, _events = receive()
    data = jpeg_bytes(3, (1600, 1200))
    host, port, base = split(r.url)
    sent = len(data) * 2 // 5
    with socket.create_connection((host, port)) as s:
        head = (
            f"PUT {base}u/cut HTTP/1.1\r\nHost: x\r\nContent-Length: {len(data)}\r\n"
            f"X-Offset: 0\r\nX-Total: {len(data)}\r\nX-Name: cut.jpg\r\n\r\n"
        )
        s.sendall(head.encode() + data[:sent])
        time.sleep(0.3)
    deadline = time.monotonic() + 10
    while True:
        received = json.loads(call(r.url, "u/cut")[1])["received"]
        if received == sent or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert received == sent  # everything that arrived was kept
    assert put(r.url, "cut", data, "cut.jpg", offset=0)[0] == 409  # wrong offset: told where
    for _ in range(100):  # busy (409) until the cut request's thread lets go, as the page sees
        status, answer = put(r.url, "cut", data, "cut.jpg", offset=received)
        if status != 409 or answer.get("error") != "busy":
            break
        time.sleep(0.05)
    assert status == 200 and answer["result"]["ok"], answer
    assert originals(ctx, finding_id) == {"cut.jpg": data}


def bad_files(tmp: Path) -> dict[str, Path]:
    good = tmp / "good.jpg"
    good.write_bytes(jpeg_bytes(5, (800, 600)))
    zipped = tmp / "zip.jpg"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("a.txt", "不是照片")
    empty = tmp / "empty.jpg"
    empty.write_bytes(b"")
    return {
        "empty.jpg": empty,
        "truncated.jpg": truncated(tmp / "truncated.jpg", good),
        "zip.jpg": zipped,
        "bomb.png": png_bomb(tmp / "bomb.png", 12_000),
        "absurd.jpg": jpeg_claiming(tmp / "absurd.jpg", 60_000, 60_000),
    }


def test_bad_files_are_refused_exactly_as_photo_add_refuses_them(
    receive, ctx, inspector, finding_id, tmp_path
) -> None:
    r, events = receive()
    files = bad_files(tmp_path)
    for key, (name, path) in enumerate(files.items()):
        status, answer = put(r.url, f"bad{key}", path.read_bytes(), name)
        assert status == 200, answer
        [expected] = photos.attach_photos(ctx, finding_id, [path], actor_id=inspector)
        assert not expected.ok
        assert answer["result"] == {**answer["result"], "ok": False, "error": expected.error}
    assert photos.list_photos(ctx, finding_id) == []
    refused = [e["result"].as_json() for e in events if e["type"] == "refused"]
    assert [x["file"] for x in refused] == list(files)
    assert all(x == {"file": x["file"], "ok": False, "error": x["error"]} for x in refused)
    deadline = time.monotonic() + 10
    while list(r.store.originals.glob(".tmp-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not list(r.store.originals.glob(".tmp-*"))  # no partial file left behind


def test_orientations_and_heic_are_stored_as_sent(receive, ctx, finding_id, tmp_path) -> None:
    r, _ = receive()
    sent: dict[str, bytes] = {}
    for n in range(1, 9):
        sent[f"o{n}.jpg"] = oriented_jpeg(tmp_path / f"o{n}.jpg", n).read_bytes()
    sent["iphone.heic"] = heic(tmp_path / "i.heic", textured((400, 300)), make_exif()).read_bytes()
    for key, (name, data) in enumerate(sent.items()):
        status, answer = put(r.url, f"k{key}", data, name)
        assert status == 200 and answer["result"]["ok"], answer
    assert originals(ctx, finding_id) == sent
    r.queue.wait()
    store = photos.photo_store(ctx)
    for row in photos.list_photos(ctx, finding_id):
        with Image.open(store.display(row.sha256)) as display:
            if row.original_name.startswith("o"):
                assert display.size == (160, 80)  # upright whatever the EXIF orientation


FORBIDDEN = b"403 Forbidden\n"


def test_wrong_tokens_get_the_same_bare_403(receive) -> None:
    r, _ = receive()
    token = r.token
    paths = [
        "/",
        "/p/",
        "/favicon.ico",
        f"/p/{token[:-1]}/",
        f"/p/{token}x/state",
        f"/p/{token.upper()}/app.js",
        "/p/../../etc/passwd",
        f"/q/{token}/",
        f"/p/{token}",
    ]
    seen = set()
    for path in paths:
        for method in ("GET", "PUT", "POST", "DELETE"):
            status, body = call(r.url, path, method, b"x", {"X-Offset": "0", "X-Total": "1"})
            assert (status, body) == (403, FORBIDDEN), (path, method)
            seen.add(body)
    assert seen == {FORBIDDEN}


def test_a_replayed_token_from_an_ended_session_gets_403(receive) -> None:
    old, _ = receive()
    old_url, port = old.url, old.port
    old.stop()
    new, _ = receive(port=port)
    assert new.port == port and new.token != old.token
    assert call(old_url, "")[0] == 403
    assert call(old_url, "state")[0] == 403
    assert call(new.url, "")[0] == 200


def test_an_expired_token_gets_403_and_the_port_closes(receive) -> None:
    r, events = receive(idle_minutes=0.02)  # 1.2 s
    host, port, base = split(r.url)
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.request("GET", base + "state")
    assert conn.getresponse().read() and True
    assert r.wait(timeout=10)
    assert events[-1] == {"type": "ended"}
    conn.request("GET", base + "state")  # a connection kept open from before the end
    response = conn.getresponse()
    assert (response.status, response.read()) == (403, FORBIDDEN)
    conn.close()
    with pytest.raises(OSError):
        socket.create_connection((host, port), timeout=2).close()


def test_no_path_in_any_field_reaches_the_disk(receive, ctx, finding_id, tmp_path) -> None:
    r, _ = receive()
    data = jpeg_bytes(7)
    for path in ("u/../../x", "u/..%2f..%2fx", "u/a/b", "u/" + "k" * 65, "u/%00", "u/.."):
        status, body = call(r.url, path, "PUT", data, {"X-Offset": "0", "X-Total": "1"})
        assert status == 404, (path, status, body)
    name = "../../..\\..\\evil\x00\n.jpg"
    status, answer = put(r.url, "ok1", data, name)
    assert status == 200 and answer["result"]["ok"]
    [row] = photos.list_photos(ctx, finding_id)
    assert row.original_name == "evil.jpg"
    assert not any(p.name.startswith("evil") for p in ctx.home.root.rglob("*"))
    assert not any(p.name.startswith("evil") for p in tmp_path.parent.glob("*"))


def test_oversized_and_inconsistent_bodies_are_refused(receive, monkeypatch) -> None:
    r, _ = receive()
    too_big = receiver_mod.MAX_PHOTO_BYTES + 1
    cases = [
        ({"X-Offset": "0", "X-Total": str(too_big)}, b"x", 413),
        ({"X-Offset": "0", "X-Total": "3"}, b"12345", 400),
        ({"X-Offset": "-1", "X-Total": "3"}, b"1", 400),
        ({"X-Offset": "zero", "X-Total": "3"}, b"1", 400),
        ({"X-Total": "3"}, b"1", 400),
    ]
    for headers, body, expected in cases:
        status, answer = call(r.url, "u/big", "PUT", body, headers)
        assert status == expected, (headers, answer)
    monkeypatch.setattr(receiver_mod, "MAX_PHOTOS", 2)
    for n in range(2):
        assert put(r.url, f"n{n}", b"", "empty.jpg")[0] == 200
    status, answer = put(r.url, "n2", b"", "empty.jpg")
    assert status == 429 and "200" not in answer["error"] and "2" in answer["error"]


def test_fifty_parallel_uploads_all_get_the_right_answer(receive, ctx, finding_id) -> None:
    r, _ = receive()
    payloads = [jpeg_bytes(n, (320, 240)) for n in range(50)]
    payloads[7] = b""  # one refusal among them

    def send(n: int) -> tuple[int, dict[str, object]]:
        return put(r.url, f"p{n}", payloads[n], f"IMG_{n:04d}.jpg")

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(send, range(50)))
    assert [status for status, _ in answers] == [200] * 50
    oks = [a["result"]["ok"] for _, a in answers]
    assert oks == [n != 7 for n in range(50)]
    stored = originals(ctx, finding_id)
    assert len(stored) == 49
    assert all(stored[f"IMG_{n:04d}.jpg"] == payloads[n] for n in range(50) if n != 7)


def test_rectification_photos_go_only_to_their_finding_as_that_kind(
    ctx, inspector, finding_id
) -> None:
    r = receiver_mod.PhoneReceiver(
        ctx, finding_id, kind="rectification", actor_id=inspector, host="127.0.0.1"
    ).start()
    try:
        assert put(r.url, "r1", jpeg_bytes(9), "after.jpg")[1]["result"]["ok"]
    finally:
        r.stop()
    [row] = photos.list_photos(ctx, finding_id)
    assert row.kind == PhotoKind.RECTIFICATION.value and row.imported_by == inspector


def test_the_command_prints_the_url_then_each_photo_and_exits_when_idle(
    ctx, finding_id, tmp_path
) -> None:
    ctx.close()
    run = "import sys; from fieldcheck.cli import main; sys.exit(main())"
    command = [sys.executable, "-c", run, "--home", str(ctx.home.root), "photo"]
    command += ["receive", finding_id, "--host", "127.0.0.1", "--idle-minutes", "0.05", "--json"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    first = json.loads(proc.stdout.readline())
    assert set(first) >= {"url", "expires_at"} and "/p/" in first["url"]
    data = jpeg_bytes(11)
    assert put(first["url"], "c1", data, "cli.jpg")[0] == 200
    assert put(first["url"], "c2", b"", "empty.jpg")[0] == 200
    stored = json.loads(proc.stdout.readline())
    refused = json.loads(proc.stdout.readline())
    assert proc.wait(timeout=30) == 0
    assert stored["ok"] and stored["file"] == "cli.jpg" and stored["bytes"] == len(data)
    assert list(stored) == list(photos.AttachResult(file="x", ok=True).as_json())  # photo add
    assert Path(stored["thumb_path"]).is_file()
    assert refused == {"file": "empty.jpg", "ok": False, "error": "the file is empty (0 bytes)"}
