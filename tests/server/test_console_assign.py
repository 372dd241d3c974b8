# SPDX-License-Identifier: Apache-2.0
"""交办 from the hazard and site pages: the subject filled in, the assignee chosen from the
people the account's area may assign to (never a typed id), through the one 交办 route
(/console/tasks): scoped, CSRF-checked, escaped, audited. SQLite and PostgreSQL."""

from __future__ import annotations

import html
import re
from typing import Any

import consolefix
from console_world import PASSWORD, TOWN_A, TOWN_B, World
from fastapi.testclient import TestClient
from sqlalchemy import select

from fieldcheck.core import clock
from fieldcheck.server import auth
from fieldcheck.server.console import accounts, tasks
from fieldcheck.server.console.accounts import A as AUDIT
from fieldcheck.server.console.accounts import ConsoleRole
from fieldcheck.sync.protocol import DeviceRole

world = consolefix.world  # the fixture: the small county on SQLite and PostgreSQL
HOSTILE = '<script>alert("p")</script>王五'


def _engine(w: World) -> Any:
    return w.client.app.state.server.engine  # type: ignore[attr-defined]


def _form(page: str) -> tuple[dict[str, str], dict[str, str]]:
    """The 交办 form's hidden fields and its assignee options (label -> value)."""
    m = re.search(
        r'<form class="card assign" method="post" action="/console/tasks">(.*?)</form>', page, re.S
    )
    assert m, "the page has a 交办 form"
    body = m.group(1)
    assert not re.search(
        r'<input (?![^>]*type="(hidden|date)")[^>]*name="(site_id|hazard_id|device|grid)"', body
    )
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', body))
    select_ = re.search(r'<select name="device">(.*?)</select>', body, re.S)
    assert select_
    options = {
        html.unescape(t): v
        for v, t in re.findall(r'<option value="([^"]*)">([^<]*)</option>', select_.group(1))
    }
    return hidden, options


def _tasks(w: World) -> list[Any]:
    with _engine(w).connect() as conn:
        return list(conn.execute(select(tasks.T)))


def test_a_hazard_is_assigned_from_its_page_and_who_and_when_are_recorded(world: World) -> None:
    with _engine(world).begin() as conn:
        kept, _t = auth.enroll(conn, name="李四", role=DeviceRole.GRID, jurisdiction=TOWN_A)
        gone, _t = auth.enroll(conn, name="已注销", role=DeviceRole.GRID, jurisdiction=TOWN_A)
        auth.revoke(conn, gone.id)
    county = world.login("county")
    page = county.get(f"/console/hazard/{world.a.hazard_id}").text
    assert 'href="#assign">交办' in page
    hidden, options = _form(page)
    assert hidden["hazard_id"] == world.a.hazard_id and hidden["site_id"] == world.a.site_id
    assert '<option value="recheck" selected>' in page  # an open hazard: 复查
    names = " ".join(options)
    assert "李四" in names and "网格员" in names and "已注销" not in names
    assert names.count("网格员") == 1  # town B's grid member is not offered for town A's site
    started, due = clock.now(), clock.today().isoformat()
    r = county.post(
        "/console/tasks",
        data={**hidden, "kind": "recheck", "device": kept.id, "note": "尽快", "deadline": due},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    tid = r.headers["location"].rsplit("/", 1)[1]
    [t] = _tasks(world)
    assert (t.id, t.kind, t.hazard_id, t.site_id) == (
        tid,
        "recheck",
        world.a.hazard_id,
        world.a.site_id,
    )
    assert (t.assignee_device, t.assignee_name, t.created_by) == (kept.id, "李四", "county")
    assert started <= t.created_at.replace(tzinfo=started.tzinfo) <= clock.now()
    with _engine(world).connect() as conn:
        audit = list(conn.execute(select(AUDIT).where(AUDIT.c.action == "task.assign")))
    assert [(a.actor, a.target) for a in audit] == [("county", tid)]
    shown = county.get(f"/console/task/{tid}").text
    assert "county ·" in shown and "李四" in shown


def test_the_site_page_assigns_an_inspection_of_the_site(world: World) -> None:
    town = world.login("town_a")
    hidden, options = _form(town.get(f"/console/site/{world.a.site_id}").text)
    assert hidden == {"csrf": hidden["csrf"], "site_id": world.a.site_id}
    r = town.post(
        "/console/tasks",
        data={**hidden, "kind": "inspect", "device": "", "deadline": clock.today().isoformat()},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    [t] = _tasks(world)
    assert (t.kind, t.site_id, t.grid, t.created_by) == (
        "inspect",
        world.a.site_id,
        f"{TOWN_A}001",
        "town_a",
    )
    assert len(options) == 2  # anyone of the grid, or its one 网格员


def test_another_areas_hazard_is_404_and_cannot_be_assigned(world: World) -> None:
    other = {"role": ConsoleRole.COUNTY, "jurisdiction": "330107"}  # another county
    with _engine(world).begin() as conn:
        accounts.add_user(conn, name="county2", password=PASSWORD, actor="test", **other)
    county = world.login("county")
    hidden, _options = _form(county.get(f"/console/hazard/{world.b.hazard_id}").text)
    for name, target in [("county2", world.a), ("town_a", world.b)]:
        c = world.login(name, TestClient(world.client.app))
        assert c.get(f"/console/hazard/{target.hazard_id}").status_code == 404, name
        assert c.get(f"/console/site/{target.site_id}").status_code == 404, name
        token = re.search(r'name="csrf" value="([^"]+)"', c.get("/console/tasks").text)
        assert token
        r = c.post(
            "/console/tasks",
            data={
                "csrf": token[1],
                "kind": "recheck",
                "hazard_id": target.hazard_id,
                "site_id": target.site_id,
                "deadline": clock.today().isoformat(),
            },
        )
        assert r.status_code == 422 and "本辖区没有这条隐患" in r.text, name
    assert hidden["hazard_id"] == world.b.hazard_id  # the county may: both are its own
    assert _tasks(world) == []


def test_without_the_csrf_token_nothing_is_assigned(world: World) -> None:
    county = world.login("county")
    hidden, _options = _form(county.get(f"/console/hazard/{world.a.hazard_id}").text)
    for token in ["", "forged-" + hidden["csrf"][:20]]:
        r = county.post(
            "/console/tasks",
            data={
                **hidden,
                "csrf": token,
                "kind": "recheck",
                "deadline": clock.today().isoformat(),
            },
        )
        assert r.status_code == 403
    assert _tasks(world) == []


def test_hostile_names_and_notes_stay_text(world: World) -> None:
    with _engine(world).begin() as conn:
        bad, _t = auth.enroll(conn, name=HOSTILE, role=DeviceRole.GRID, jurisdiction=TOWN_A)
    county = world.login("county")
    page = county.get(f"/console/hazard/{world.a.hazard_id}").text
    assert HOSTILE not in page and "&lt;script&gt;alert(&#34;p&#34;)&lt;/script&gt;王五" in page
    assert "<script>alert" not in page  # the hostile site name too
    hidden, options = _form(page)
    assert any(HOSTILE in label for label in options)
    r = county.post(
        "/console/tasks",
        data={
            **hidden,
            "kind": "recheck",
            "device": bad.id,
            "note": "<img src=x onerror=alert(1)>",
            "deadline": clock.today().isoformat(),
        },
    )
    assert r.status_code == 200 and "<img src=x" not in r.text and "&lt;img src=x" in r.text
    assert HOSTILE not in r.text and TOWN_B not in [t.grid for t in _tasks(world)]
