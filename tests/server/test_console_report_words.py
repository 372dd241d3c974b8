# SPDX-License-Identifier: Apache-2.0
"""How the office's report page words what it shows: a hazard offered to merge into by
its level as established (疑似重大隐患 while the expert has not ruled), and each photo as
照片 n/N with the time it was taken or received in China's time, not a hash prefix.
SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re
from datetime import UTC

import consolefix
from console_world import World
from PIL import Image
from report_world import a_report, citizen, jpeg_with_gps, receipt, send
from report_world import engine as _engine

from fieldcheck.core import clock
from fieldcheck.server.console import reports
from fieldcheck.server.console.tables import HZ

world = consolefix.world  # the fixture: the small county on SQLite and PostgreSQL


def _level_of(world: World, hazard_id: str, major_status: str) -> None:
    with _engine(world).begin() as conn:
        conn.execute(HZ.update().where(HZ.c.id == hazard_id).values(major_status=major_status))


def test_the_merge_picker_calls_a_hazard_major_only_once_the_expert_says_so(world: World) -> None:
    rid = a_report(world)
    a = world.login("town_a")
    _level_of(world, world.a.major_id, "suspected")  # awaiting the expert
    row = _merge_row(a.get(f"/console/report/{rid}?q=粉尘").text, world.a.major_id)
    assert '<span class="tag">疑似重大隐患</span>' in row and "tag red" not in row
    _level_of(world, world.a.major_id, "confirmed")
    row = _merge_row(a.get(f"/console/report/{rid}?q=粉尘").text, world.a.major_id)
    assert '<span class="tag red">重大隐患</span>' in row


def _merge_row(page: str, hazard_id: str) -> str:
    m = re.search(
        rf'<tr><td><input type="radio" name="hazard_id" value="{hazard_id}".*?</tr>', page, re.S
    )
    assert m, "the hazard is offered to merge into"
    return m.group(0)


def _jpeg_taken(when: str, offset: str) -> bytes:
    img = Image.new("RGB", (64, 48), (40, 120, 40))
    exif = Image.Exif()
    exif[0x8769] = {0x9003: when, 0x9011: offset} if offset else {0x9003: when}
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def test_report_photos_are_captioned_by_number_and_time_not_by_their_hash(world: World) -> None:
    photos = [
        ("a.jpg", _jpeg_taken("2026:12:04 08:10:00", "+00:00")),  # 16:10 in China
        ("b.jpg", _jpeg_taken("2026:12:04 09:30:00", "")),  # the camera's clock, no offset
        ("c.jpg", jpeg_with_gps()),  # no time taken: when the report came in
    ]
    receipt(send(citizen(world), photos))
    with _engine(world).begin() as conn:
        rep = conn.execute(reports.R.select()).one()
    page = world.login("town_a").get(f"/console/report/{rep.id}").text
    captions = re.findall(r"<figcaption>([^<]*)</figcaption>", page)
    received = rep.created_at.replace(tzinfo=rep.created_at.tzinfo or UTC)
    at = f"{received.astimezone(clock.CHINA_TZ):%Y-%m-%d %H:%M}"
    assert captions == [
        "照片 1/3 · 拍摄 2026-12-04 16:10",
        "照片 2/3 · 拍摄 2026-12-04 09:30（相机时钟）",
        f"照片 3/3 · 收到 {at} · GPS 30.25, 120.1666667",
    ]
    for p in reports.photos(rep):  # the hash stays at hand: the link's title, not the caption
        assert f'title="原图 original · SHA-256 {p["sha256"]}"' in page
        assert p["sha256"][:12] not in " ".join(captions)
