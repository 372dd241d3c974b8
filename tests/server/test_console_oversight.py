# SPDX-License-Identifier: Apache-2.0
"""验收销号 and lifting an escalation in the console: who verified and who closed each
hazard and when, general and major, with a major hazard's approval; lifting only at the
level that set it (another township by URL 404, another level 403, no CSRF 403),
audited; the hazard page lists its escalations, in force and lifted. SQLite and
PostgreSQL."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

from console_world import TOWN_A, World
from consolefix import world  # noqa: F401
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

from conftest import batch, change
from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.server import auth
from fieldcheck.server.console import escalations, project
from fieldcheck.server.console.accounts import A as AUDIT
from fieldcheck.sync.protocol import DeviceRole


def _engine(w: World) -> Any:
    return w.client.app.state.server.engine  # type: ignore[attr-defined]


def _csrf(c: TestClient, url: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', c.get(url).text)
    assert m
    return m.group(1)


def _steps(w: World, *steps: tuple[str, str, str, str]) -> None:
    """Push finding events (finding, action, from, to) by a named verifier of town A."""
    with _engine(w).begin() as conn:
        _dev, token = auth.enroll(conn, name="验收员", role=DeviceRole.GRID, jurisdiction=TOWN_A)
    person = {"id": new_id(), "name": "孙验收", "role": "grid", "jurisdiction": TOWN_A}
    at = clock.now()
    events = [
        change(
            "finding_event",
            {
                "id": new_id(),
                "finding_id": fid,
                "action": action,
                "from_status": before,
                "to_status": after,
                "actor_id": person["id"],
                "at": (at + timedelta(seconds=i)).isoformat(),
            },
        )
        for i, (fid, action, before, after) in enumerate(steps)
    ]
    r = w.client.post(
        "/v1/push",
        json=batch(change("person", person), *events),
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 200 and all(x["status"] == "accepted" for x in r.json()["receipts"]), (
        r.text
    )
    project.catch_up(_engine(w))


def _list_major(w: World, county: TestClient) -> str:
    esc = {
        "csrf": _csrf(county, "/console/tasks"),
        "target_kind": "hazard",
        "target_id": w.a.major_id,
        "kind": "listed",
        "leader": "王副区长",
        "leader_post": "副区长",
    }
    r = county.post("/console/escalate", data=esc, follow_redirects=False)
    assert r.status_code == 303, r.text
    with _engine(w).connect() as conn:
        return str(conn.execute(select(escalations.E.c.id)).scalar_one())


def test_the_closures_list_says_who_verified_and_who_closed_and_when(
    world: World,  # noqa: F811
) -> None:
    county = world.login("county")
    _list_major(world, county)
    _steps(
        world,
        (world.a.hazard_id, "verify_pass", "assigned", "verified"),
        (world.a.hazard_id, "close", "verified", "closed"),
        (world.a.major_id, "verify_pass", "assigned", "verified"),
    )
    r = county.post(
        f"/console/hazard/{world.a.major_id}/approve",
        data={"csrf": _csrf(county, "/console/tasks")},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    page = county.get("/console/closures").text
    rows = re.findall(r"<tr><td><a href=\"/console/site/.*?</tr>", page, re.S)
    assert len(rows) == 2
    general = next(r for r in rows if "消防通道堆放杂物1" in r)
    major = next(r for r in rows if "粉尘涉爆场所未清扫1" in r)
    assert general.count("孙验收") == 2 and "一般隐患" in general  # verified and closed
    assert major.count("孙验收") == 1 and "重大隐患" in major
    # approved by the county, not yet closed on a device: it says so, not 待销号
    assert "已批准销号，待网格员销号并同步" in major and "待销号 Not yet" not in major
    assert "county" in major and "县（区）" in major  # the county's 销号 approval
    assert "&lt;script&gt;" in page and "<script>alert" not in page  # hostile site names
    only = county.get("/console/closures?level=major").text
    assert "粉尘涉爆场所未清扫1" in only and "消防通道堆放杂物1" not in only
    town_b = world.login("town_b", TestClient(world.client.app))
    assert "孙验收" not in town_b.get("/console/closures").text  # another township's


def test_lifting_is_for_the_level_that_set_it_and_is_audited(
    world: World,  # noqa: F811
) -> None:
    county = world.login("county")
    eid = _list_major(world, county)
    hazard = f"/console/hazard/{world.a.major_id}"
    page = county.get(hazard).text
    assert "王副区长（副区长）" in page and "督办中" in page and "待县（区）审批" in page
    assert f"/console/escalation/{eid}/lift" in page
    town_a = world.login("town_a", TestClient(world.client.app))
    seen = town_a.get(hazard).text
    assert "王副区长" in seen and f"/console/escalation/{eid}/lift" not in seen
    r = town_a.post(f"/console/escalation/{eid}/lift", data={"csrf": _csrf(town_a, hazard)})
    assert r.status_code == 403 and "须由该级解除" in r.text
    town_b = world.login("town_b", TestClient(world.client.app))
    r = town_b.post(
        f"/console/escalation/{eid}/lift", data={"csrf": _csrf(town_b, "/console/tasks")}
    )
    assert r.status_code == 404
    assert county.post(f"/console/escalation/{eid}/lift", data={}).status_code == 403
    r = county.post(
        f"/console/escalation/{eid}/lift",
        data={"csrf": _csrf(county, hazard), "back": "target"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == hazard
    page = county.get(hazard).text
    assert "已解除" in page and f"/console/escalation/{eid}/lift" not in page
    assert "王副区长" not in county.get("/console/leaders").text  # no longer in force
    again = county.post(f"/console/escalation/{eid}/lift", data={"csrf": _csrf(county, hazard)})
    assert "已解除" in again.text
    with _engine(world).connect() as conn:
        audit = conn.execute(select(AUDIT).where(AUDIT.c.action == "escalation.lift")).all()
    assert [(a.actor, a.target) for a in audit] == [("county", eid)]
    # The device of the area no longer gets it: its 销号 no longer waits.
    with _engine(world).begin() as conn:
        _d, token = auth.enroll(conn, name="网格员", role=DeviceRole.GRID, jurisdiction=TOWN_A)
    got = world.client.get("/v1/tasks", headers={"Authorization": f"Bearer {token}"}).json()
    assert got["escalations"] == []


def test_a_major_hazard_no_expert_confirmed_reads_suspected(
    world: World,  # noqa: F811
) -> None:
    """The ledger, the hazard page and the site file called it 重大隐患 before the expert ruled."""
    from fieldcheck.server.console.tables import HZ

    engine = world.client.app.state.server.engine  # type: ignore[attr-defined]
    with engine.begin() as conn:  # as a device syncs a hazard its inspector only suspects
        conn.execute(
            HZ.update().where(HZ.c.id == world.a.major_id).values(major_status="suspected")
        )
    c = world.login("county")
    page = c.get(f"/console/hazard/{world.a.major_id}").text
    assert "疑似重大隐患" in page and "<td>重大隐患" not in page
    site = c.get(f"/console/site/{world.a.site_id}").text
    assert "<td>疑似重大隐患</td>" in site
    ledger = c.get("/console/ledger").text
    assert "<td>疑似重大隐患</td>" in ledger
    # and the 隐患台账 export, a paper that leaves the office
    wb = load_workbook(io.BytesIO(c.get("/console/ledger.xlsx").content), read_only=True)
    levels = [str(v) for row in wb.active.iter_rows(min_row=3, values_only=True) for v in row]
    assert "疑似重大隐患" in levels, levels
    confirmed = c.get(f"/console/hazard/{world.b.major_id}").text  # an expert confirmed it
    assert "<td>重大隐患" in confirmed and "疑似重大隐患" not in confirmed


def test_the_closures_list_is_paged_like_the_ledger_with_its_count(
    world: World,  # noqa: F811
) -> None:
    """Many verified hazards: 50 a page (the ledger's size), 下一页 until the last, the
    count shown, every one once, latest first; the level filter rides along."""
    from datetime import date

    from fieldcheck.server.console import ledger
    from fieldcheck.server.console.tables import HZ

    with _engine(world).begin() as conn:
        base = dict(conn.execute(select(HZ).where(HZ.c.id == world.a.hazard_id)).mappings().one())
        made = []
        for i in range(123):
            day = date(2026, 1, 1) + timedelta(days=i // 3)  # three a day: ties on the date
            row = dict(base, id=f"page-{i:03d}", verified_on=day, open=False)
            row["closed_on"] = day + timedelta(days=2) if i % 2 else None
            row["level"] = "major" if i % 5 == 0 else "general"
            # one major in three awaits the expert: 疑似重大隐患, not among 重大隐患
            row["major_status"] = (
                ("suspected" if i % 3 == 0 else "confirmed") if i % 5 == 0 else None
            )
            conn.execute(HZ.insert().values(**row))
            made.append(row)
    county = world.login("county")
    levels = [
        ("", made),
        ("major", [r for r in made if r["level"] == "major" and r["major_status"] != "suspected"]),
        ("suspected", [r for r in made if r["major_status"] == "suspected"]),
    ]
    for level, expect in levels:
        url, seen, pages = "/console/closures" + (f"?level={level}" if level else ""), [], 0
        while url:
            page = county.get(url).text
            ids = re.findall(r'href="/console/hazard/(page-\d+)"', page)
            assert len(ids) <= ledger.PAGE
            assert f"共 {len(expect)} 条" in page, url
            seen += ids
            pages += 1
            nxt = re.search(r'href="(/console/closures\?[^"]*after=[^"]+)">下一页', page)
            if nxt:
                assert len(ids) == ledger.PAGE
                assert (f"level={level}" in nxt[1]) == bool(level)
                assert "第一页" in county.get(nxt[1].replace("&amp;", "&")).text
            url = nxt[1].replace("&amp;", "&") if nxt else ""
        assert pages == -(-len(expect) // ledger.PAGE) and pages >= 1
        assert len(seen) == len(set(seen)) == len(expect)
        keys = [(r["closed_on"] or r["verified_on"], r["id"]) for r in expect]
        assert seen == [k[1] for k in sorted(keys, reverse=True)]
    assert county.get("/console/closures?after=not-a-cursor").status_code == 200
    cells = re.findall(
        r"<td>([^<]*隐患)</td>", county.get("/console/closures?level=suspected").text
    )
    assert cells and set(cells) == {"疑似重大隐患"}, cells
