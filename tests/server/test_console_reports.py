# SPDX-License-Identifier: Apache-2.0
"""随手拍: the public page, its limits and refusals, the status page, the office's inbox, and
a report's way from the public page through 转办 and an inspection to 已办结."""

from __future__ import annotations

import html
import io
import re
from datetime import timedelta
from typing import Any

import consolefix
import pytest
from console_world import COUNTY, TOWN_A, TOWN_B, World
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import func, select

from conftest import batch, change
from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.core.models import Finding, Inspection
from fieldcheck.server import auth
from fieldcheck.server.console import (
    project,
    report_office,
    report_status,
    reports,
    task_devices,
    tasks,
)
from fieldcheck.server.console.tables import HZ
from fieldcheck.sync.protocol import DeviceRole

HOSTILE = '<script>alert("x")</script>路口电线裸露'

world = consolefix.world  # the fixture: the small county on SQLite and PostgreSQL


def _engine(w: World) -> Any:
    return w.client.app.state.server.engine  # type: ignore[attr-defined]


def jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (64, 48), (180, 40, 40))
    exif = Image.Exif()
    # The GPS IFD as a dict: Pillow 10.2 (the lowest supported) does not save one filled in
    # through get_ifd() on a new Exif.
    exif[0x8825] = {1: "N", 2: (30.0, 15.0, 0.0), 3: "E", 4: (120.0, 10.0, 0.0)}
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def citizen(w: World, ip: str = "203.0.113.5") -> TestClient:
    """A browser at address ip (set in the ASGI scope: TestClient's own `client=`
    argument is newer than the lowest supported Starlette)."""
    app = w.client.app

    async def from_ip(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            scope = {**scope, "client": (ip, 50000)}
        await app(scope, receive, send)

    return TestClient(from_ip)


def send(c: TestClient, files: list[tuple[str, bytes]] | None = None, **fields: str) -> Any:
    page = c.get("/report")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token
    data = {
        "csrf": token.group(1),
        "jurisdiction": TOWN_A,
        "address": "东风路 12 号",
        "description": "配电箱门敞开，电线裸露",
        "phone": "",
        **fields,
    }
    up = [("photo", (name, body, "image/jpeg")) for name, body in (files or [])]
    return c.post("/report", data=data, files=up or None, follow_redirects=False)


def receipt(resp: Any) -> str:
    assert resp.status_code == 303, resp.text
    m = re.search(r"code=([A-Z0-9]+)", resp.headers["location"])
    assert m
    return m.group(1)


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
    import hashlib

    sha = hashlib.sha256(photo).hexdigest()
    assert world.client.app.state.server.blobs.read(sha) == photo  # type: ignore[attr-defined]
    with _engine(world).begin() as conn:
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
    with _engine(world).begin() as conn:
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


def _report(world: World) -> str:
    receipt(
        send(citizen(world), [("a.jpg", jpeg_with_gps())], description=HOSTILE, phone="13800001111")
    )
    with _engine(world).begin() as conn:
        return str(conn.execute(reports.R.select()).one().id)


def _shas(world: World) -> list[str]:
    with _engine(world).begin() as conn:
        return [p["sha256"] for p in reports.photos(conn.execute(reports.R.select()).one())]


def _csrf(c: TestClient, url: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', c.get(url).text)
    assert m
    return m.group(1)


def test_the_office_sees_its_own_reports_only_and_forms_need_csrf(world: World) -> None:
    rid = _report(world)
    a = world.login("town_a")
    inbox = a.get("/console/reports")
    assert inbox.status_code == 200 and "东风路 12 号" in inbox.text
    assert "&lt;script&gt;" in inbox.text and "<script>alert" not in inbox.text
    page = a.get(f"/console/report/{rid}")
    assert "13800001111" in page.text and "GPS 30.25" in page.text  # the office sees them
    assert a.get(f"/console/report/{rid}/photo/{_shas(world)[0]}").status_code == 200
    b = world.login("town_b", TestClient(world.client.app))
    assert "东风路" not in b.get("/console/reports?state=all").text
    assert b.get(f"/console/report/{rid}").status_code == 404
    sha = _shas(world)[0]
    assert b.get(f"/console/report/{rid}/photo/{sha}").status_code == 404
    token = _csrf(b, "/console/reports")
    r = b.post(f"/console/report/{rid}/reject", data={"csrf": token, "reason": "x"})
    assert r.status_code == 404
    r = a.post(f"/console/report/{rid}/reject", data={"reason": "重复"})
    assert r.status_code == 403
    token = _csrf(a, f"/console/report/{rid}")
    r = a.post(f"/console/report/{rid}/reject", data={"csrf": token, "reason": ""})
    assert r.status_code == 422 and "退回理由" in r.text
    r = a.post(
        f"/console/report/{rid}/reject",
        data={"csrf": token, "reason": "非安全生产问题"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    county = world.login("county", TestClient(world.client.app))
    assert "已退回" in county.get(f"/console/report/{rid}").text
    with _engine(world).begin() as conn:
        code = conn.execute(reports.R.select()).one().receipt
    st = citizen(world).get(f"/report/status?code={code}")
    assert "不予受理" in st.text and "非安全生产问题" in st.text and "town_a" not in st.text


def test_merge_with_a_hazard_of_the_area_only(world: World) -> None:
    rid = _report(world)
    a = world.login("town_a")
    token = _csrf(a, f"/console/report/{rid}")
    r = a.post(f"/console/report/{rid}/merge", data={"csrf": token, "hazard_id": world.b.hazard_id})
    assert r.status_code == 422 and "本辖区没有这条隐患" in r.text
    r = a.post(
        f"/console/report/{rid}/merge",
        data={"csrf": token, "hazard_id": world.a.hazard_id},
        follow_redirects=False,
    )
    assert r.status_code == 303
    office = a.get(f"/console/report/{rid}").text  # names the hazard, not its id
    assert "消防通道堆放杂物1" in office and f">{world.a.hazard_id}<" not in office
    with _engine(world).begin() as conn:
        code = conn.execute(reports.R.select()).one().receipt
    st = citizen(world).get(f"/report/status?code={code}")
    assert "已办结" in st.text and "已并入" in st.text
    assert world.a.hazard_id not in st.text


def test_the_office_picks_the_hazard_to_merge_from_its_own_area(world: World) -> None:
    rid = _report(world)
    a = world.login("town_a")
    page = a.get(f"/console/report/{rid}").text  # the township's open hazards, to pick
    assert f'name="hazard_id" value="{world.a.hazard_id}"' in page
    assert "消防通道堆放杂物1" in page and "粉尘涉爆场所未清扫1" in page
    assert world.b.hazard_id not in page and "杂物2" not in page
    found = a.get(f"/console/report/{rid}?q=粉尘").text  # a search within the area
    assert "粉尘涉爆场所未清扫1" in found and "消防通道堆放杂物1" not in found
    assert world.b.hazard_id not in a.get(f"/console/report/{rid}?q=杂物2").text
    nothing = a.get(f"/console/report/{rid}?q=<b>无此隐患").text
    assert "没有相符的隐患" in nothing and "“&lt;b&gt;无此隐患”" in nothing
    county = world.login("county", TestClient(world.client.app))
    assert world.b.hazard_id in county.get(f"/console/report/{rid}?q=杂物").text


def test_a_report_goes_to_a_task_an_inspection_and_is_done(world: World) -> None:
    rid = _report(world)
    a = world.login("town_a")
    token = _csrf(a, f"/console/report/{rid}")
    due = (clock.today() + timedelta(days=3)).isoformat()
    r = a.post(
        f"/console/report/{rid}/assign",
        data={"csrf": token, "grid": f"{TOWN_B}001", "deadline": due},
    )
    assert r.status_code == 422  # not the report's township
    r = a.post(
        f"/console/report/{rid}/assign",
        data={"csrf": token, "grid": f"{TOWN_A}001", "deadline": due},
        follow_redirects=False,
    )
    assert r.status_code == 303
    with _engine(world).begin() as conn:
        rep = conn.execute(reports.R.select()).one()
        task = tasks.get(conn, TOWN_A, rep.task_id)
        assert task is not None and task.source == "report" and task.place == "东风路 12 号"
        device_view = task_devices.for_device(conn, "any", f"{TOWN_A}001", clock.today())
    assert [t["photos"] for t in device_view] == [[p["sha256"] for p in reports.photos(rep)]]
    assert "办理中" in citizen(world).get(f"/report/status?code={rep.receipt}").text
    office = a.get(f"/console/report/{rid}").text  # names the task, a link, not its id
    assert f'<a href="/console/task/{rep.task_id}">检查 · 东风路 12 号</a>' in office
    assert f"<td>{rep.task_id}</td>" not in office
    # The grid's device inspects and reports the link; the report is then 已办结.
    with _engine(world).begin() as conn:
        dev, token = auth.enroll(conn, name="网格员", role=DeviceRole.GRID, jurisdiction=TOWN_A)
    headers = {"Authorization": f"Bearer {token}"}
    photo_sha = reports.photos(rep)[0]["sha256"]
    got = world.client.get(f"/v1/blobs/{photo_sha}", headers=headers)
    assert got.status_code == 200 and got.content == jpeg_with_gps()  # byte-exact, to the grid
    with _engine(world).begin() as conn:
        _other, other_token = auth.enroll(
            conn, name="网格员", role=DeviceRole.GRID, jurisdiction=TOWN_B
        )
    other = {"Authorization": f"Bearer {other_token}"}
    assert world.client.get(f"/v1/blobs/{photo_sha}", headers=other).status_code == 404
    insp = new_id()
    r = world.client.post(
        "/v1/push",
        headers=headers,
        json=batch(
            change(
                "inspection",
                {
                    "id": insp,
                    "site_id": world.a.site_id,
                    "inspector_ids": [new_id()],
                    "started_at": clock.now().isoformat(),
                },
            )
        ),
    )
    assert r.status_code == 200, r.text
    with _engine(world).begin() as conn:
        assert task_devices.mark_done(conn, dev.id, TOWN_A, rep.task_id, insp) == "done"
    project.catch_up(_engine(world))  # the console has folded the inspection in
    st = citizen(world).get(f"/report/status?code={rep.receipt}")
    assert "已办结" in st.text and "未发现安全隐患" in st.text
    for leak in ("13800001111", world.a.extra["person"], "town_a", insp):
        assert leak not in st.text


def test_the_outcome_counts_what_the_inspection_found(world: World) -> None:
    rid = _report(world)
    with _engine(world).begin() as conn:
        due = (clock.today() + timedelta(days=3)).isoformat()
        tid = report_office.assign(conn, TOWN_A, "town_a", rid, grid=f"{TOWN_A}001", deadline=due)
        insp = conn.execute(
            select(HZ.c.inspection_id).where(HZ.c.id == world.a.hazard_id)
        ).scalar_one()
        found = conn.execute(
            select(func.count()).where(HZ.c.inspection_id == insp, HZ.c.superseded.is_(False))
        ).scalar_one()
        dev, _token = auth.enroll(conn, name="网格员", role=DeviceRole.GRID, jurisdiction=TOWN_A)
        assert task_devices.mark_done(conn, dev.id, TOWN_A, tid, insp) == "done"
        code = conn.execute(reports.R.select()).one().receipt
        with pytest.raises(reports.ReportError, match="已转办"):
            report_office.reject(conn, TOWN_A, "town_a", rid, "x")  # handled once
    text = citizen(world).get(f"/report/status?code={code}").text
    assert "已办结" in text and f"发现隐患 {found} 项" in text and "正在整改" in text
    assert world.a.extra["person"] not in text and "town_a" not in text


def test_the_status_waits_for_the_read_model_before_it_states_an_outcome(world: World) -> None:
    """A task marked done before the console has folded in the inspection's hazards stays
    办理中: never "no hazard found" for an inspection that found one."""
    rid = _report(world)
    engine = _engine(world)
    with engine.begin() as conn:
        due = (clock.today() + timedelta(days=3)).isoformat()
        tid = report_office.assign(conn, TOWN_A, "town_a", rid, grid=f"{TOWN_A}001", deadline=due)
        dev, token = auth.enroll(conn, name="网格员", role=DeviceRole.GRID, jurisdiction=TOWN_A)
        code = conn.execute(reports.R.select()).one().receipt
    project.catch_up(engine)
    insp = Inspection(site_id=world.a.site_id, inspector_ids=[new_id()], started_at=clock.now())
    hazard = Finding(
        inspection_id=insp.id,
        site_id=world.a.site_id,
        description="配电箱门敞开",
        found_at=clock.now(),
        found_by=new_id(),
    )
    r = world.client.post(
        "/v1/push",
        headers={"Authorization": f"Bearer {token}"},
        json=batch(change("inspection", insp), change("finding", hazard)),
    )
    assert r.status_code == 200, r.text
    with engine.begin() as conn:
        assert task_devices.mark_done(conn, dev.id, TOWN_A, tid, insp.id) == "done"
        assert not project.holds_received_by(conn, clock.now())
        before = report_status.public_status(conn, code)
    assert before is not None
    assert before["state"] == "assigned" and before["state_zh"] == "办理中"
    assert before["outcome"] == "" and before["done_at"] is None
    project.catch_up(engine)
    with engine.begin() as conn:
        after = report_status.public_status(conn, code)
    assert after is not None and after["state"] == "done"
    assert "发现隐患 1 项" in after["outcome"] and "未发现" not in after["outcome"]
    # Versions received after the report do not hold the outcome back.
    later = Inspection(site_id=world.a.site_id, inspector_ids=[new_id()], started_at=clock.now())
    r = world.client.post(
        "/v1/push",
        headers={"Authorization": f"Bearer {token}"},
        json=batch(change("inspection", later)),
    )
    assert r.status_code == 200, r.text
    with engine.begin() as conn:
        again = report_status.public_status(conn, code)
    assert again is not None and again["state"] == "done"
