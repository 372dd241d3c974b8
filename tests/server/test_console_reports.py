# SPDX-License-Identifier: Apache-2.0
"""随手拍 in the office: its inbox and a report's page, scoped and CSRF-checked, merging
into a hazard, and a report's way through 转办 and an inspection to 已办结 (the public
page: test_console_report_public.py)."""

from __future__ import annotations

from datetime import timedelta

import consolefix
import pytest
from console_world import TOWN_A, TOWN_B, World
from fastapi.testclient import TestClient
from report_world import a_report, citizen, csrf, jpeg_with_gps, shas
from report_world import engine as _engine
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

world = consolefix.world  # the fixture: the small county on SQLite and PostgreSQL


def test_the_office_sees_its_own_reports_only_and_forms_need_csrf(world: World) -> None:
    rid = a_report(world)
    a = world.login("town_a")
    inbox = a.get("/console/reports")
    assert inbox.status_code == 200 and "东风路 12 号" in inbox.text
    assert "&lt;script&gt;" in inbox.text and "<script>alert" not in inbox.text
    page = a.get(f"/console/report/{rid}")
    assert "13800001111" in page.text and "GPS 30.25" in page.text  # the office sees them
    assert a.get(f"/console/report/{rid}/photo/{shas(world)[0]}").status_code == 200
    b = world.login("town_b", TestClient(world.client.app))
    assert "东风路" not in b.get("/console/reports?state=all").text
    assert b.get(f"/console/report/{rid}").status_code == 404
    sha = shas(world)[0]
    assert b.get(f"/console/report/{rid}/photo/{sha}").status_code == 404
    token = csrf(b, "/console/reports")
    r = b.post(f"/console/report/{rid}/reject", data={"csrf": token, "reason": "x"})
    assert r.status_code == 404
    r = a.post(f"/console/report/{rid}/reject", data={"reason": "重复"})
    assert r.status_code == 403
    token = csrf(a, f"/console/report/{rid}")
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
    rid = a_report(world)
    a = world.login("town_a")
    token = csrf(a, f"/console/report/{rid}")
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
    rid = a_report(world)
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
    rid = a_report(world)
    a = world.login("town_a")
    token = csrf(a, f"/console/report/{rid}")
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
    rid = a_report(world)
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
    rid = a_report(world)
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
