# SPDX-License-Identifier: Apache-2.0
"""A task's page and the task list name the hazard a task is about (its description, its
site, its level as the console words it), never its internal id, and only inside the
account's area; a task about a site names the site."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import consolefix
from console_world import COUNTY, HOSTILE, TOWN_A, World
from fastapi.testclient import TestClient
from markupsafe import escape

from fieldcheck.core import clock
from fieldcheck.server.console import escalations, tasks
from fieldcheck.server.console.tables import HZ

world = consolefix.world  # the fixture: the small county on SQLite and PostgreSQL

EVIL = (
    '<script>alert("hz")</script>配电箱前堆放纸箱，消防通道被电动车和杂物长期占用，疏散指示灯损坏'
)


def _engine(w: World) -> Any:
    return w.client.app.state.server.engine  # type: ignore[attr-defined]


def _due() -> str:
    return (clock.today() + timedelta(days=5)).isoformat()


def _recheck(w: World, hazard_id: str, grid: str = "") -> str:
    with _engine(w).begin() as conn:
        return tasks.assign_task(
            conn, COUNTY, "county", kind="recheck", hazard_id=hazard_id, grid=grid, deadline=_due()
        )


def _hazard_cell(page: str) -> str:
    found = re.search(r"<dt>隐患 Hazard</dt><dd>(.*?)</dd>", page, re.S)
    assert found, page
    return found.group(1)


def test_the_task_page_and_list_name_the_hazard_escaped_never_its_id(world: World) -> None:
    with _engine(world).begin() as conn:  # as a device syncs a hostile description
        conn.execute(HZ.update().where(HZ.c.id == world.a.hazard_id).values(description=EVIL))
    tid = _recheck(world, world.a.hazard_id)
    c = world.login("county")
    page = c.get(f"/console/task/{tid}").text
    cell = _hazard_cell(page)
    assert f">{world.a.hazard_id}<" not in page  # the id is no link text any more
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;hz&#34;)" in cell
    assert f'title="{escape(EVIL)}"' in cell  # whole in the title
    text = re.sub(r"<[^>]+>", "", cell.split("title=", 1)[1].split(">", 1)[1])
    assert "疏散指示灯损坏" not in text.split("·")[0]  # the link text is cut
    assert escape(HOSTILE[0]) in cell and "一般隐患" in cell  # site, level
    assert f'href="/console/hazard/{world.a.hazard_id}"' in cell
    listing = c.get("/console/tasks").text
    assert "&lt;script&gt;alert(&#34;hz&#34;)" in listing and "<script>alert" not in listing
    assert f'href="/console/hazard/{world.a.hazard_id}"' in listing


def test_a_hazard_awaiting_the_expert_reads_suspected_on_the_task(world: World) -> None:
    with _engine(world).begin() as conn:
        conn.execute(
            HZ.update().where(HZ.c.id == world.a.major_id).values(major_status="suspected")
        )
    tid = _recheck(world, world.a.major_id)
    c = world.login("county")
    cell = _hazard_cell(c.get(f"/console/task/{tid}").text)
    assert "粉尘涉爆场所未清扫1" in cell and cell.rstrip().endswith("疑似重大隐患")
    assert "· 重大隐患" not in cell
    with _engine(world).begin() as conn:  # the expert confirms it: now it is 重大隐患
        conn.execute(
            HZ.update().where(HZ.c.id == world.a.major_id).values(major_status="confirmed")
        )
    assert _hazard_cell(c.get(f"/console/task/{tid}").text).rstrip().endswith("· 重大隐患")


def test_a_hazard_outside_the_accounts_area_leaks_nothing(world: World) -> None:
    """The county sends town A's grid to recheck a hazard of town B: town A sees the task,
    not the hazard's text, level or link."""
    tid = _recheck(world, world.b.hazard_id, grid=f"{TOWN_A}001")
    a = world.login("town_a")
    page = a.get(f"/console/task/{tid}").text
    cell = _hazard_cell(page)
    assert "隐患不在本辖区" in cell and "/console/hazard/" not in cell
    listing = a.get("/console/tasks").text
    for text in (page, listing):
        assert "消防通道堆放杂物2" not in text and world.b.hazard_id not in text
    assert "隐患不在本辖区" in listing
    county = world.login("county", TestClient(world.client.app))
    assert "消防通道堆放杂物2" in _hazard_cell(county.get(f"/console/task/{tid}").text)


def test_a_task_about_a_site_names_the_site(world: World) -> None:
    with _engine(world).begin() as conn:
        tid = tasks.assign_task(
            conn, COUNTY, "county", kind="inspect", site_id=world.b.site_id, deadline=_due()
        )
    page = world.login("county").get(f"/console/task/{tid}").text
    site = re.search(r"<dt>单位 Site</dt><dd>(.*?)</dd>", page, re.S)
    assert site, page
    assert site.group(1) == (f'<a href="/console/site/{world.b.site_id}">{escape(HOSTILE[1])}</a>')
    assert "<dt>隐患 Hazard</dt>" not in page


def _overdue(conn: Any, tid: str) -> None:
    conn.execute(  # a week later it is overdue
        tasks.T.update()
        .where(tasks.T.c.id == tid)
        .values(deadline=clock.today() - timedelta(days=1))
    )


def _supervise(conn: Any, target_kind: str, target_id: str) -> None:
    escalations.escalate(
        conn,
        COUNTY,
        "county",
        "county",
        target_kind=target_kind,
        target_id=target_id,
        kind="supervise",
        leader="王副区长",
    )


def test_the_list_names_the_grid_and_the_escalation_level_in_words(world: World) -> None:
    with _engine(world).begin() as conn:
        tid = tasks.assign_task(
            conn, COUNTY, "county", kind="inspect", site_id=world.a.site_id, deadline=_due()
        )
        _overdue(conn, tid)
        _supervise(conn, "task", tid)
    c = world.login("county")
    listing = c.get("/console/tasks").text
    assert "<td>东风第一网格</td>" in listing and f">{TOWN_A}001<" not in listing
    assert "县（区）督办 · 王副区长" in listing and "（county）" not in listing
    assert "（县（区））" not in listing  # the level is not bracketed inside brackets
    page = c.get(f"/console/task/{tid}").text
    assert f'<dd>东风第一网格 <small class="mono">{TOWN_A}001</small></dd>' in page


def test_leaders_word_a_suspected_hazard_and_keep_another_areas_hazard_out(
    world: World,
) -> None:
    """领导责任 called a hazard awaiting the expert 重大隐患, and showed town A the text of
    town B's hazard a task of A's grid was about."""
    tid = _recheck(world, world.b.hazard_id, grid=f"{TOWN_A}001")
    with _engine(world).begin() as conn:
        conn.execute(
            HZ.update().where(HZ.c.id == world.a.major_id).values(major_status="suspected")
        )
        _supervise(conn, "hazard", world.a.major_id)
        _overdue(conn, tid)
        _supervise(conn, "task", tid)
    a = world.login("town_a").get("/console/leaders").text
    assert '<span class="tag red">疑似重大隐患</span>' in a
    assert '<span class="tag red">重大隐患</span>' not in a
    assert "消防通道堆放杂物2" not in a and "复查" in a
    county = world.login("county", TestClient(world.client.app)).get("/console/leaders").text
    assert "复查：消防通道堆放杂物2" in county
