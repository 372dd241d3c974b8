# SPDX-License-Identifier: Apache-2.0
"""What the task and hazard pages say of an escalated task and of the inspection that did
a task: the task by its kind and site (never "任务 Task"), and the inspection as its site
and time, linked to the site's file (never its id as text). A 督办's level without nested
brackets: test_console_task_subjects.py. SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import consolefix
from console_world import COUNTY, TOWN_A, World

from conftest import batch, change
from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.server import auth
from fieldcheck.server.console import escalations, project, task_devices, tasks
from fieldcheck.sync.protocol import DeviceRole

world = consolefix.world  # the fixture: the small county on SQLite and PostgreSQL


def _engine(w: World) -> Any:
    return w.client.app.state.server.engine  # type: ignore[attr-defined]


def _due_today(conn: Any, scope: str, **subject: str) -> str:
    actor = "county" if scope == COUNTY else "town_a"
    return tasks.assign_task(conn, scope, actor, deadline=clock.today(), **subject)


def _overdue_recheck_under_supervision(w: World) -> str:
    """A county 复查 of town A's hazard, past its deadline, under the county's 督办."""
    with _engine(w).begin() as conn:
        tid = _due_today(conn, COUNTY, kind="recheck", hazard_id=w.a.hazard_id)
        yesterday = clock.today() - timedelta(days=1)
        conn.execute(tasks.T.update().where(tasks.T.c.id == tid).values(deadline=yesterday))
        escalations.escalate(
            conn, COUNTY, "county", "county", target_kind="task", target_id=tid,
            kind="supervise", leader="李副区长", leader_post="副区长",
        )  # fmt: skip
    return tid


def test_an_escalated_task_is_named_by_its_kind_and_site(world: World) -> None:
    tid = _overdue_recheck_under_supervision(world)
    county = world.login("county")
    page = county.get(f"/console/hazard/{world.a.hazard_id}").text
    link = re.search(rf'<a href="/console/task/{tid}">([^<]*)</a>', page)
    assert link, "the hazard's 督办记录 links the task"
    assert link[1] == "复查 · &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;东风五金厂"
    assert "任务 Task</a>" not in page


def test_the_inspection_that_did_a_task_reads_as_its_site_and_time(world: World) -> None:
    with _engine(world).begin() as conn:
        tid = _due_today(conn, TOWN_A, kind="inspect", site_id=world.a.site_id)
        dev, token = auth.enroll(conn, name="网格员乙", role=DeviceRole.GRID, jurisdiction=TOWN_A)
    started = clock.now().replace(microsecond=0)
    insp = {
        "id": new_id(),
        "site_id": world.a.site_id,
        "inspector_ids": [new_id()],
        "started_at": started.isoformat(),
    }
    headers = {"Authorization": f"Bearer {token}"}
    r = world.client.post("/v1/push", json=batch(change("inspection", insp)), headers=headers)
    assert r.json()["receipts"][0]["status"] == "accepted", r.text
    with _engine(world).begin() as conn:
        assert task_devices.mark_done(conn, dev.id, TOWN_A, tid, insp["id"]) == "done"
    town = world.login("town_a")
    project.catch_up(_engine(world))
    page = town.get(f"/console/task/{tid}").text
    assert f'<span class="mono">{insp["id"]}</span>' not in page
    when = started.astimezone(clock.CHINA_TZ).strftime("%Y-%m-%d %H:%M")
    anchor = f'<a href="/console/site/{world.a.site_id}#insp-{insp["id"]}"'
    assert anchor in page and f"东风五金厂 {when} 的检查</a>" in page
    site = town.get(f"/console/site/{world.a.site_id}").text
    row = re.search(rf'<tr id="insp-{insp["id"]}"[^>]*>(.*?)</tr>', site, re.S)
    assert row and when in row[1] and "未发现 None" in row[1]
    assert f">{insp['id']}<" not in site
    first = re.search(rf'<tr id="insp-{world.a.extra["inspection"]}"[^>]*>(.*?)</tr>', site, re.S)
    assert first and "消防通道堆放杂物1" in first[1]  # the world's inspection found it
