# SPDX-License-Identifier: Apache-2.0
"""交办 in the console: the task service, its scope, a device's view and its being done."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import consolefix
import pytest
from console_world import COUNTY, TOWN_A, TOWN_B, World
from fastapi.testclient import TestClient

from conftest import batch, change
from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.server import auth
from fieldcheck.server.console import project, task_sweep, tasks
from fieldcheck.sync.protocol import DeviceRole

world = consolefix.world  # the fixture: the small county on SQLite and PostgreSQL


def _engine(w: World) -> Any:
    return w.client.app.state.server.engine  # type: ignore[attr-defined]


def _due(days: int = 5) -> str:
    return (clock.today() + timedelta(days=days)).isoformat()


def test_assign_task_checks_scope_kind_deadline_and_the_hazard(world: World) -> None:
    with _engine(world).begin() as conn:
        tid = tasks.assign_task(
            conn, TOWN_A, "town_a", kind="inspect", site_id=world.a.site_id, deadline=_due()
        )
        row = tasks.get(conn, TOWN_A, tid)
        assert row is not None and row.grid == f"{TOWN_A}001" and row.site_name
        assert tasks.get(conn, TOWN_B, tid) is None  # a sibling never sees it
        assert tasks.get(conn, COUNTY, tid) is not None
        with pytest.raises(tasks.TaskError, match="本辖区单位库中没有"):
            tasks.assign_task(
                conn, TOWN_A, "town_a", kind="inspect", site_id=world.b.site_id, deadline=_due()
            )
        with pytest.raises(tasks.TaskError, match="期限早于今天"):
            tasks.assign_task(
                conn, TOWN_A, "town_a", kind="inspect", site_id=world.a.site_id, deadline=_due(-1)
            )
        with pytest.raises(tasks.TaskError, match="任务类型"):
            tasks.assign_task(
                conn, TOWN_A, "town_a", kind="x", site_id=world.a.site_id, deadline=_due()
            )
        with pytest.raises(tasks.TaskError, match="回头看只针对已销号"):
            tasks.assign_task(
                conn, TOWN_A, "town_a", kind="revisit", hazard_id=world.a.hazard_id, deadline=_due()
            )
        rid = tasks.assign_task(
            conn, COUNTY, "county", kind="recheck", hazard_id=world.b.hazard_id, deadline=_due()
        )
        assert tasks.get(conn, TOWN_B, rid).site_id == world.b.site_id  # type: ignore[union-attr]
        # From a report: no registered site, only a place.
        pid = tasks.assign_task(
            conn,
            TOWN_A,
            "town_a",
            kind="inspect",
            grid=f"{TOWN_A}001",
            deadline=_due(),
            place="东风路口",
            source="report",
            source_ref="r1",
        )
        assert tasks.get(conn, TOWN_A, pid).place == "东风路口"  # type: ignore[union-attr]
        with pytest.raises(tasks.TaskError, match="网格"):
            tasks.assign_task(
                conn,
                TOWN_A,
                "town_a",
                kind="inspect",
                grid=f"{TOWN_B}001",
                deadline=_due(),
                place="x",
                source="report",
            )


def _push_site(w: World, token: str, code: str, **extra: Any) -> str:
    site = {
        "id": new_id(),
        "name": extra.pop("name"),
        "address": "测试路3号",
        "industry": "工贸",
        "jurisdiction": code,
        **extra,
    }
    r = w.client.post(
        "/v1/push", json=batch(change("site", site)), headers={"Authorization": f"Bearer {token}"}
    )
    assert r.json()["receipts"][0]["status"] == "accepted", r.text
    return str(site["id"])


def test_a_sweep_proposes_sites_like_the_one_and_takes_only_those(world: World) -> None:
    engine = _engine(world)
    with engine.begin() as conn:
        _dev, token = auth.enroll(conn, name="网格员", role=DeviceRole.GRID, jurisdiction=TOWN_A)
    like = _push_site(world, token, f"{TOWN_A}001", name="东风二厂")
    _push_site(world, token, f"{TOWN_A}001", name="东风饭店", industry="餐饮")
    project.catch_up(engine)
    with engine.begin() as conn:
        origin, offered = task_sweep.sweep_candidates(conn, COUNTY, world.a.site_id)
        assert [r.id for r in offered] == [like]
        with pytest.raises(tasks.TaskError, match="不在拉网名单"):
            task_sweep.assign_sweep(
                conn,
                COUNTY,
                "county",
                origin_site_id=origin.id,
                site_ids=[like, world.b.site_id],
                deadline=_due(),
            )
        ids = task_sweep.assign_sweep(
            conn, COUNTY, "county", origin_site_id=origin.id, site_ids=[like], deadline=_due()
        )
        assert len(ids) == 1 and tasks.get(conn, TOWN_A, ids[0]).kind == "sweep"  # type: ignore[union-attr]


def _device(w: World, code: str) -> tuple[str, dict[str, str]]:
    with _engine(w).begin() as conn:
        dev, token = auth.enroll(conn, name="网格员乙", role=DeviceRole.GRID, jurisdiction=code)
    return dev.id, {"Authorization": f"Bearer {token}"}


def test_a_device_pulls_its_task_reports_the_inspection_and_the_task_is_done(
    world: World,
) -> None:
    dev_a, h_a = _device(world, TOWN_A)
    _dev_b, h_b = _device(world, TOWN_B)
    dev_c, h_c = _device(world, TOWN_A)  # a second person of the same township
    with _engine(world).begin() as conn:
        tid = tasks.assign_task(
            conn,
            TOWN_A,
            "town_a",
            kind="inspect",
            site_id=world.a.site_id,
            deadline=_due(),
            note="<b>请</b>检查",
        )
        other = tasks.assign_task(
            conn,
            TOWN_A,
            "town_a",
            kind="inspect",
            site_id=world.a.site_id,
            deadline=_due(),
            assignee_device=dev_c,
        )
    got = world.client.get("/v1/tasks", headers=h_a).json()
    assert {t["id"] for t in got["tasks"]} == {tid}  # not the one for the other person
    got_c = world.client.get("/v1/tasks", headers=h_c).json()
    assert {t["id"] for t in got_c["tasks"]} == {tid, other}
    assert world.client.get("/v1/tasks", headers=h_b).json()["tasks"] == []
    assert world.client.get("/v1/tasks").status_code == 401
    # An inspection the server does not hold is refused; a pushed one of the site does it.
    insp = {
        "id": new_id(),
        "site_id": world.a.site_id,
        "inspector_ids": [new_id()],
        "started_at": clock.now().isoformat(),
    }
    body = {"links": [{"task_id": tid, "inspection_id": insp["id"]}]}
    r = world.client.post("/v1/tasks/done", json=body, headers=h_a)
    assert r.json()["receipts"][0]["status"] == "not_pushed"
    r = world.client.post("/v1/push", json=batch(change("inspection", insp)), headers=h_a)
    assert r.json()["receipts"][0]["status"] == "accepted", r.text
    r = world.client.post("/v1/tasks/done", json=body, headers=h_b)
    assert r.json()["receipts"][0]["status"] == "unknown"  # another township's device
    r = world.client.post("/v1/tasks/done", json=body, headers=h_a)
    assert r.json()["receipts"][0]["status"] == "done"
    r = world.client.post("/v1/tasks/done", json=body, headers=h_a)
    assert r.json()["receipts"][0]["status"] == "already"
    with _engine(world).connect() as conn:
        row = tasks.get(conn, TOWN_A, tid)
        assert row is not None and row.done_inspection_id == insp["id"]
        assert row.done_device == dev_a
        assert tasks.status(row, clock.today()) == "done"
    listed = {t["id"]: t for t in world.client.get("/v1/tasks", headers=h_a).json()["tasks"]}
    assert listed[tid]["status"] == "done" and listed[tid]["inspection_id"] == insp["id"]


def _form_csrf(c: TestClient) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', c.get("/console/tasks").text)
    assert m
    return m[1]


def test_console_task_pages_csrf_scope_escalation_and_the_level_of_an_approval(
    world: World,
) -> None:
    c = world.login("town_a")
    due = _due()
    base = {
        "kind": "inspect",
        "site_id": world.a.site_id,
        "deadline": due,
        "note": "<script>x</script>",
    }
    assert c.post("/console/tasks", data=base, follow_redirects=False).status_code == 403
    r = c.post("/console/tasks", data={**base, "csrf": _form_csrf(c)}, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = c.get(r.headers["location"]).text
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
    tid = r.headers["location"].rsplit("/", 1)[1]
    # Another township's account reaches it by URL: 404.
    other = TestClient(world.client.app)
    world.login("town_b", other)
    assert other.get(f"/console/task/{tid}").status_code == 404
    # A bad form says what is wrong.
    r = c.post("/console/tasks", data={**base, "csrf": _form_csrf(c), "deadline": "x"})
    assert r.status_code == 422 and "期限须为" in r.text
    # The county lists the major hazard (挂牌督办 at county level) with its leader.
    county = TestClient(world.client.app)
    world.login("county", county)
    csrf = re.search(r'name="csrf" value="([^"]+)"', county.get("/console/tasks").text)[1]  # type: ignore[index]
    esc = {
        "target_kind": "hazard",
        "target_id": world.a.major_id,
        "kind": "listed",
        "leader": "王副区长",
        "leader_post": "副区长",
    }
    assert county.post("/console/escalate", data=esc, follow_redirects=False).status_code == 403
    r = county.post("/console/escalate", data={**esc, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = county.get("/console/leaders").text
    assert "王副区长" in page and "待县（区）审批" in page
    # Each row says what it is about: the site and the hazard's description (escaped).
    assert "粉尘涉爆场所未清扫1" in page and "东风五金厂" in page and "重大隐患" in page
    assert "<script>alert" not in page
    # The township cannot approve the county's listing; the county can, with its key.
    t_csrf = _form_csrf(c)
    r = c.post(f"/console/hazard/{world.a.major_id}/approve", data={"csrf": t_csrf})
    assert r.status_code == 403
    assert (
        other.post(
            f"/console/hazard/{world.a.major_id}/approve",
            data={
                "csrf": re.search(r'name="csrf" value="([^"]+)"', other.get("/console/tasks").text)[
                    1
                ]
            },  # type: ignore[index]
        ).status_code
        == 404
    )
    r = county.post(
        f"/console/hazard/{world.a.major_id}/approve", data={"csrf": csrf}, follow_redirects=False
    )
    assert r.status_code == 303, r.text
    assert "已审批" in county.get("/console/leaders").text
    # The device of the area gets the escalation and an approval that verifies.
    from fieldcheck.signing.approval import verify_approval

    _d, h = _device(world, TOWN_A)
    got = world.client.get("/v1/tasks", headers=h).json()
    assert [e["leader"] for e in got["escalations"]] == ["王副区长"]
    (ap,) = got["approvals"]
    key = world.client.app.state.server.key_b64  # type: ignore[attr-defined]
    stated = verify_approval(ap["payload"], ap["signature_b64"], ap["certificate"], key)
    assert stated is not None and stated["level"] == "county" and stated["approver"] == "county"
    assert (
        verify_approval(
            ap["payload"].replace("county", "townx"), ap["signature_b64"], ap["certificate"], key
        )
        is None
    )
