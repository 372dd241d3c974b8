# SPDX-License-Identifier: Apache-2.0
"""随手拍's public page: made for a phone, its limits and refusals, the receipt and the
status page a citizen reads (the office's side: test_console_reports.py)."""

from __future__ import annotations

import hashlib
import html

import consolefix
import pytest
from console_world import COUNTY, TOWN_A, World
from report_world import HOSTILE, citizen, engine, jpeg_with_gps, receipt, send

from fieldcheck.server.console import reports

world = consolefix.world  # the fixture: the small county on SQLite and PostgreSQL


def test_the_public_page_is_for_a_phone_and_has_no_inline_script(world: World) -> None:
    r = citizen(world).get("/report")
    assert r.status_code == 200
    assert 'capture="environment"' in r.text and "东风街道" in r.text and "西湖街道" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "<script>" not in r.text and "onclick" not in r.text  # the location button is report.js
    assert 'name="viewport"' in r.text


def test_a_report_is_kept_with_its_photo_byte_exact_and_a_receipt(world: World) -> None:
    photo = jpeg_with_gps()
    code = receipt(
        send(
            citizen(world),
            [("a.jpg", photo)],
            description=HOSTILE,
            phone="13800001111",
            lat="30.25",
            lon="120.16",
        )
    )
    assert len(code) == reports.RECEIPT_LEN and set(code) <= set(reports.RECEIPT_ALPHABET)
    sha = hashlib.sha256(photo).hexdigest()
    assert world.client.app.state.server.blobs.read(sha) == photo  # type: ignore[attr-defined]
    with engine(world).begin() as conn:
        row = conn.execute(reports.R.select()).one()
    assert row.phone == "13800001111" and row.lat == 30.25
    assert reports.photos(row)[0]["gps"]["lat"] == pytest.approx(30.25)  # EXIF GPS, for the office
    status = citizen(world).get(f"/report/status?code={code.lower()}")
    assert status.status_code == 200 and "已受理" in status.text
    assert "<script>alert" not in status.text and "&lt;script&gt;" in status.text
    for leak in ("13800001111", "30.25", "120.16", sha, "town_a"):
        assert leak not in status.text
    assert citizen(world).get("/report/status?code=ZZZZZZZZZZ").status_code == 404


def test_bad_oversized_and_too_many_photos_are_refused_and_nothing_is_kept(world: World) -> None:
    c = citizen(world)
    r = send(c, [("x.jpg", b"<html>not a photo</html>")])
    assert r.status_code == 422 and "照片不能使用" in r.text
    truncated = jpeg_with_gps()[:-200]
    r = send(c, [("t.jpg", truncated)])
    assert r.status_code == 422 and "damaged" in r.text
    # The citizen reads why in Chinese, not only in the English of the photo checks.
    assert "第 1 张照片 photo 1：图片数据已损坏或不完整（可能没有传输完）" in html.unescape(r.text)
    big = b"\xff\xd8\xff" + b"0" * (reports.MAX_PHOTO_BYTES + 10)
    r = send(c, [("big.jpg", big)])
    assert r.status_code == 422 and "larger than" in r.text
    r = send(c, [(f"{n}.jpg", jpeg_with_gps()) for n in range(reports.MAX_PHOTOS + 1)])
    assert r.status_code == 422 and "最多" in r.text
    huge = send(c, [(f"{n}.jpg", big) for n in range(reports.MAX_PHOTOS)])
    assert huge.status_code == 413
    r = send(c, jurisdiction=COUNTY)  # a county is not a township to choose
    assert r.status_code == 422 and "乡镇" in r.text
    r = send(c, description=HOSTILE + "x" * reports.MAX_DESCRIPTION)
    assert r.status_code == 422 and "&lt;script&gt;" in r.text and "<script>alert" not in r.text
    with engine(world).begin() as conn:
        assert conn.execute(reports.R.select()).first() is None
    assert world.client.app.state.server.blobs.count() == 2  # type: ignore[attr-defined]  # the world's


def test_a_flood_is_bounded_per_address_and_per_phone(world: World) -> None:
    c = citizen(world, "198.51.100.7")
    for _ in range(reports.PER_CLIENT_HOUR):
        receipt(send(c))
    r = send(c)
    assert r.status_code == 429 and "频繁" in r.text
    other = citizen(world, "198.51.100.8")  # another address is not held back
    receipt(send(other, phone="13900002222"))
    receipt(send(citizen(world, "198.51.100.9"), phone="13900002222"))
    receipt(send(citizen(world, "198.51.100.10"), phone="139-0000-2222"))
    r = send(citizen(world, "198.51.100.11"), phone="13900002222")
    assert r.status_code == 429 and "该号码" in r.text


def test_the_public_form_needs_its_csrf_token(world: World) -> None:
    c = citizen(world)
    c.get("/report")
    r = c.post("/report", data={"jurisdiction": TOWN_A, "address": "x", "description": "y"})
    assert r.status_code == 403
