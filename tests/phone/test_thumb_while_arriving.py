# SPDX-License-Identifier: Apache-2.0
"""The thumbnail decoded while a photo's bytes arrive: shown only once the original is stored."""

from __future__ import annotations

import io
import json
import socket
import threading
import time
from pathlib import Path

import pytest
from phone_helpers import call, put, split
from photo_samples import make_exif, textured

from fieldcheck.photos.ingest import thumbnail_jpeg
from fieldcheck.services.evidence import photos
from fieldcheck.services.evidence.phone.feed import Feed
from fieldcheck.storage import finding_repo


def jpeg_bytes(seed: int, size: tuple[int, int] = (1600, 1200), orientation: int = 6) -> bytes:
    out = io.BytesIO()
    textured(size, seed).save(out, "JPEG", quality=90, exif=make_exif(orientation=orientation))
    return out.getvalue()


def test_a_feed_blocks_for_bytes_and_fails_when_the_upload_stops() -> None:
    feed = Feed(10)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(feed.read(6)))
    reader.start()
    feed.append(b"abc")
    time.sleep(0.05)
    assert got == []  # three bytes are not six
    feed.append(b"defgh")
    reader.join(5)
    assert got == [b"abcdef"] and feed.tell() == 6
    feed.seek(0)
    assert feed.read(2) == b"ab"
    feed.append(b"ij")
    feed.complete()
    feed.seek(8)
    assert feed.read(100) == b"ij" and feed.read(1) == b""  # complete: short reads end it
    cut = Feed(10)
    cut.append(b"12")
    cut.abort()
    with pytest.raises(OSError, match="stopped"):
        cut.read(4)


def _send_in_two_parts(url: str, key: str, data: bytes, pause_s: float) -> dict:
    """One PUT whose body pauses half-way, as a phone on slow Wi-Fi sends it."""
    host, port, base = split(url)
    half = len(data) // 2
    with socket.create_connection((host, port), timeout=30) as s:
        head = (
            f"PUT {base}u/{key} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(data)}\r\n"
            f"X-Offset: 0\r\nX-Total: {len(data)}\r\nX-Name: {key}.jpg\r\n\r\n"
        )
        s.sendall(head.encode() + data[:half])
        time.sleep(pause_s)
        s.sendall(data[half:])
        answer = b""
        while not answer.endswith(b"}"):
            chunk = s.recv(65536)
            if not chunk:
                break
            answer += chunk
    return json.loads(answer.split(b"\r\n\r\n", 1)[1])


def _thumb_events(events: list[dict]) -> list[dict]:
    return [e for e in events if e["type"] == "thumb"]


def test_the_thumbnail_decoded_while_arriving_is_the_stored_originals(
    receive, ctx, finding_id, monkeypatch
) -> None:
    r, events = receive()
    streamed: list[str] = []
    real = r.queue.stream_preview
    monkeypatch.setattr(
        r.queue, "stream_preview", lambda feed, name: streamed.append(name) or real(feed, name)
    )
    data = jpeg_bytes(1)
    answer = _send_in_two_parts(r.url, "slow", data, 0.3)
    assert answer["result"]["ok"], answer
    r.queue.wait()
    assert streamed == ["slow.jpg"]  # the decode began while half the bytes were still out
    kinds = [e["type"] for e in events]
    assert kinds.index("stored") < kinds.index("thumb")  # acknowledged first, then shown
    [row] = photos.list_photos(ctx, finding_id)
    store = photos.photo_store(ctx)
    original = store.original(row.sha256)
    assert original.read_bytes() == data
    [thumb] = _thumb_events(events)
    # Exactly what decoding the stored, verified original gives: upright, from its pixels.
    assert Path(thumb["thumb_path"]).read_bytes() == thumbnail_jpeg(original)


def test_a_refused_jpeg_shows_no_thumbnail_and_frees_the_decoder(
    receive, ctx, finding_id, tmp_path
) -> None:
    r, events = receive()
    whole = jpeg_bytes(2)
    bad = whole[: len(whole) * 3 // 5]  # as an interrupted copy leaves it
    status, answer = put(r.url, "bad", bad, "bad.jpg")
    assert status == 200 and answer["result"]["ok"] is False
    assert "damaged or incomplete" in answer["result"]["error"]
    r.queue.wait()
    assert _thumb_events(events) == []
    thumbs = photos.photo_store(ctx).thumbs_dir
    assert not thumbs.exists() or not any(p.is_file() for p in thumbs.rglob("*"))
    deadline = time.monotonic() + 10  # the aborted decode lets go of its slot
    while not r._decoding.acquire(blocking=False):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    r._decoding.release()
    good = jpeg_bytes(3)
    assert put(r.url, "good", good, "good.jpg")[1]["result"]["ok"]
    r.queue.wait()
    assert len(_thumb_events(events)) == 1


def test_a_cut_and_resumed_upload_gets_the_thumbnail_of_its_original(
    receive, ctx, finding_id
) -> None:
    r, events = receive()
    data = jpeg_bytes(4)
    host, port, base = split(r.url)
    sent = len(data) // 3
    with socket.create_connection((host, port)) as s:
        head = (
            f"PUT {base}u/cut HTTP/1.1\r\nHost: x\r\nContent-Length: {len(data)}\r\n"
            f"X-Offset: 0\r\nX-Total: {len(data)}\r\nX-Name: cut.jpg\r\n\r\n"
        )
        s.sendall(head.encode() + data[:sent])
        time.sleep(0.3)
    deadline = time.monotonic() + 10
    while json.loads(call(r.url, "u/cut")[1])["received"] != sent:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    for _ in range(100):
        status, answer = put(r.url, "cut", data, "cut.jpg", offset=sent)
        if status != 409:
            break
        time.sleep(0.05)
    assert status == 200 and answer["result"]["ok"], answer
    r.queue.wait()
    [row] = photos.list_photos(ctx, finding_id)
    original = photos.photo_store(ctx).original(row.sha256)
    [thumb] = _thumb_events(events)
    assert Path(thumb["thumb_path"]).read_bytes() == thumbnail_jpeg(original)


def test_evidence_is_refused_once_the_finding_is_frozen_mid_session(
    receive, ctx, finding_id
) -> None:
    r, events = receive()
    with ctx.db.transaction() as s:
        finding_repo.mark_frozen(s, finding_id)  # a notice was issued while the phone was open
    status, answer = put(r.url, "late", jpeg_bytes(5), "late.jpg")
    assert status == 200 and answer["result"]["ok"] is False
    assert "evidence is closed" in answer["result"]["error"]
    assert photos.list_photos(ctx, finding_id) == []
    r.queue.wait()
    assert _thumb_events(events) == []
