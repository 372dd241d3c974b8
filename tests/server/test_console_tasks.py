# SPDX-License-Identifier: Apache-2.0
"""交办 in the console: the task service, its scope, a device's view and its being done."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from console_world import COUNTY, TOWN_A, TOWN_B, World, build
from fastapi.testclient import TestClient

from conftest import batch, change
from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.server import auth
from fieldcheck.server.app import create_app
from fieldcheck.server.console import project, tasks
from fieldcheck.sync.protocol import DeviceRole


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    app = create_app(tmp_path / "srv")
    with TestClient(app) as client:
        w = build(client)
        project.catch_up(client.app.state.server.engine)  # type: ignore[attr-defined]
        yield w
    app.state.server.engine.dispose()


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
        origin, offered = tasks.sweep_candidates(conn, COUNTY, world.a.site_id)
        assert [r.id for r in offered] == [like]
        with pytest.raises(tasks.TaskError, match="不在拉网名单"):
            tasks.assign_sweep(
                conn,
                COUNTY,
                "county",
                origin_site_id=origin.id,
                site_ids=[like, world.b.site_id],
                deadline=_due(),
            )
        ids = tasks.assign_sweep(
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
