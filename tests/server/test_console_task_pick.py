# SPDX-License-Identifier: Apache-2.0
"""The general 交办 form on /console/tasks: the subject is found by name inside the
account's area and chosen from what was found (never a typed id), the assignee chosen
from the area's people; another township's site or hazard submitted by its id is refused,
and the form keeps what was entered when it is refused. SQLite and PostgreSQL."""

from __future__ import annotations

import html
import re
from typing import Any

import consolefix
from console_world import TOWN_A, World
from sqlalchemy import select

from fieldcheck.core import clock
from fieldcheck.server import auth
from fieldcheck.server.console import tasks
from fieldcheck.server.console.accounts import A as AUDIT
from fieldcheck.sync.protocol import DeviceRole

world = consolefix.world  # the fixture: the small county on SQLite and PostgreSQL


def _engine(w: World) -> Any:
    return w.client.app.state.server.engine  # type: ignore[attr-defined]


def _tasks(w: World) -> list[Any]:
    with _engine(w).connect() as conn:
        return list(conn.execute(select(tasks.T)))


def _pick_form(page: str) -> str:
    m = re.search(
        r'<form method="post" action="/console/tasks" class="[^"]*pick-form">(.*?)</form>',
        page,
        re.S,
    )
    assert m, "the page has the general 交办 form"
    return m.group(1)


def _subjects(page: str) -> list[str]:
    return re.findall(r'name="subject" value="([^"]+)"', _pick_form(page))


def _csrf(page: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', page)
    assert m
    return m.group(1)


def test_the_form_asks_for_no_typed_id_only_a_search(world: World) -> None:
    page = world.login("county").get("/console/tasks").text
    assert 'name="site_id"' not in page and 'name="hazard_id"' not in page
    assert 'name="grid"' not in page
    assert '<input type="search" name="q"' in page
    assert 'name="subject"' not in page  # nothing to choose before a search


def test_a_search_finds_only_the_areas_sites_and_hazards(world: World) -> None:
    town = world.login("town_a")
    by_address = _subjects(town.get("/console/tasks", params={"q": "测试路"}).text)
    assert by_address == [f"inspect:{world.a.site_id}"]  # both towns' sites are on 测试路
    page = town.get("/console/tasks", params={"q": "消防通道"}).text
    assert _subjects(page) == [f"recheck:{world.a.hazard_id}"]
    assert "消防通道堆放杂物1" in page and "消防通道堆放杂物2" not in page
    assert "<script>alert" not in page  # the hostile site name stays text
    county_found = _subjects(world.login("county").get("/console/tasks?q=消防通道").text)
    assert sorted(county_found) == sorted(
        [f"recheck:{world.a.hazard_id}", f"recheck:{world.b.hazard_id}"]
    )
    none = town.get("/console/tasks", params={"q": "100%_"}).text
    assert _subjects(none) == [] and "本辖区没有相符的单位或隐患" in none


def test_the_chosen_hazard_is_assigned_to_the_chosen_person(world: World) -> None:
    with _engine(world).begin() as conn:
        kept, _t = auth.enroll(conn, name="李四", role=DeviceRole.GRID, jurisdiction=TOWN_A)
    county = world.login("county")
    page = county.get("/console/tasks", params={"q": "消防通道堆放杂物1"}).text
    form = _pick_form(page)
    people = {
        html.unescape(t): v
        for v, t in re.findall(r'<option value="([^"]*)" >([^<]*)</option>', form)
    }
    assert people["李四（东风街道）"] == kept.id
    r = county.post(
        "/console/tasks",
        data={
            "csrf": _csrf(page),
            "q": "消防通道堆放杂物1",
            "subject": f"recheck:{world.a.hazard_id}",
            "device": kept.id,
            "deadline": clock.today().isoformat(),
            "note": "尽快",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    [t] = _tasks(world)
    assert (t.kind, t.hazard_id, t.site_id, t.grid, t.assignee_name) == (
        "recheck",
        world.a.hazard_id,
        world.a.site_id,
        f"{TOWN_A}001",
        "李四",
    )
    with _engine(world).connect() as conn:
        audit = list(conn.execute(select(AUDIT).where(AUDIT.c.action == "task.assign")))
    assert [(a.actor, a.target) for a in audit] == [("county", t.id)]


def test_town_a_cannot_pick_town_bs_site_or_hazard_by_its_id(world: World) -> None:
    town = world.login("town_a")
    page = town.get("/console/tasks", params={"q": "测试路"}).text
    due = clock.today().isoformat()
    for subject, words in [
        (f"inspect:{world.b.site_id}", "本辖区单位库中没有这家单位"),
        (f"recheck:{world.b.hazard_id}", "本辖区没有这条隐患"),
        (f"revisit:{world.b.hazard_id}", "本辖区没有这条隐患"),
        ("", "请先查找并选择单位或隐患"),
        (f"sweep:{world.a.site_id}", "请先查找并选择单位或隐患"),
    ]:
        data = {"csrf": _csrf(page), "q": "测试路", "subject": subject, "deadline": due}
        r = town.post("/console/tasks", data={**data, "note": "保留的说明"})
        assert r.status_code == 422 and words in r.text, subject
        assert 'value="保留的说明"' in r.text and _subjects(r.text) == [
            f"inspect:{world.a.site_id}"
        ]
    forged = {"csrf": "forged", "subject": f"inspect:{world.a.site_id}", "deadline": due}
    assert town.post("/console/tasks", data=forged).status_code == 403
    assert _tasks(world) == []
