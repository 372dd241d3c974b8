# SPDX-License-Identifier: Apache-2.0
"""Merges in a chain (A into B, then B into C) and in a cycle (A into B on one device, B
into A on another, both offline): the console counts each unit once, at the end of the
chain, everywhere: coverage, summaries and their rebuild, the ranking, the ledger, a
campaign's visits and hazard figures, the site pages. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import consolefix
import pytest
from console_world import TOWN_A, World, _push
from sqlalchemy import select
from test_console_merges import GRID, _counting, _covered, _registered, _town_a_coverage

from conftest import change
from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.server import auth
from fieldcheck.server.console import (
    campaign_coverage,
    campaign_figures,
    campaigns,
    project,
    summary_rebuild,
)
from fieldcheck.server.console.campaign_figures import CH
from fieldcheck.server.console.summary import SP
from fieldcheck.server.console.tables import HZ
from fieldcheck.sync.protocol import DeviceRole, content_sha256

world = consolefix.world  # the small county, on SQLite and on PostgreSQL
USCC = "91330106MA2H00000B"


def _engine(w: World) -> Any:
    return w.client.app.state.server.engine  # type: ignore[attr-defined]


def _device(w: World, name: str) -> dict[str, str]:
    with _engine(w).begin() as conn:
        _dev, token = auth.enroll(conn, name=name, role=DeviceRole.GRID, jurisdiction=TOWN_A)
    return {"Authorization": f"Bearer {token}"}


def _site(name: str) -> dict[str, Any]:
    return {"id": new_id(), "name": name, "uscc": USCC, "industry": "机械",
            "address": "东风路9号", "kind_of_place": "", "jurisdiction": GRID}  # fmt: skip


def _visit(h: dict[str, str], site: dict[str, Any], what: str) -> list[dict[str, Any]]:
    """An inspection at the site today and a hazard found in it."""
    insp = {"id": new_id(), "site_id": site["id"], "inspector_ids": [new_id()],
            "started_at": clock.now().isoformat()}  # fmt: skip
    finding = {"id": new_id(), "inspection_id": insp["id"], "site_id": site["id"],
               "description": what, "found_at": clock.now().isoformat(),
               "found_by": new_id(), "status": "found"}  # fmt: skip
    return [change("inspection", insp), change("finding", finding)]


def _merge(site: dict[str, Any], into: dict[str, Any]) -> dict[str, Any]:
    return change("site", {**site, "merged_into": into["id"]}, base=content_sha256(site))


def _campaign(w: World, name: str) -> Any:
    today = clock.today()
    draft = campaigns.Draft(
        name=name, starts_on=(today - timedelta(days=3)).isoformat(),
        ends_on=today.isoformat(), industries=["机械"], kinds=[], checklists=[],
        source="register",
    )  # fmt: skip
    with _engine(w).begin() as conn:
        return campaigns.get(conn, TOWN_A, campaigns.create(conn, TOWN_A, "测试", draft))


def _hazards_by_row(w: World, campaign: Any) -> dict[str, int]:
    with _engine(w).connect() as conn:
        rows = conn.execute(select(CH).where(CH.c.campaign_id == campaign.id, CH.c.found > 0))
        return {r.site_id: int(r.found) for r in rows}


@pytest.mark.parametrize("order", ["a_first", "b_first", "one_batch"])
def test_a_chain_of_merges_counts_everything_at_its_end(
    world: World, monkeypatch: pytest.MonkeyPatch, order: str
) -> None:
    engine = _engine(world)
    project.catch_up(engine)
    registered, covered = _registered(world), _covered(world)
    h = _device(world, "网格员乙")
    a, b, c = _site("东风机械厂（甲）"), _site("东风机械厂（乙）"), _site("东风机械有限公司")
    _push(world.client, h, *(change("site", s) for s in (a, b, c)),
          *_visit(h, a, "甲档隐患：配电箱无门"), *_visit(h, c, "本档隐患：灭火器过期"))  # fmt: skip
    project.catch_up(engine)
    assert _registered(world) == registered + 3
    before = _campaign(world, "机械行业专项（合并前）")  # A, B and C on its register
    assert _hazards_by_row(world, before) == {a["id"]: 1, c["id"]: 1}

    # A into B on one device, B into C on another (neither knew of the other's merge)
    merges = [_merge(a, b), _merge(b, c)]
    if order == "one_batch":
        _push(world.client, h, *merges)
    else:
        for m in merges if order == "a_first" else merges[::-1]:
            _push(world.client, _device(world, f"网格员{m['entity_id'][-4:]}"), m)
            project.catch_up(engine)
    project.catch_up(engine)

    # one unit registered, covered once, at C
    assert _registered(world) == registered + 1
    assert _covered(world) == covered + 1
    with engine.begin() as conn:
        units = {r.site_id for r in conn.execute(select(SP).where(SP.c.n > 0))}
        assert c["id"] in units and not {a["id"], b["id"]} & units
        fast, plain = _town_a_coverage(conn, monkeypatch)
        assert fast == plain
        # the ledger names C for A's hazard
        row = conn.execute(select(HZ).where(HZ.c.site_id == a["id"])).one()
        assert (row.site_name, row.uscc) == (c["name"], c["uscc"])
        kept = _counting(conn)
        summary_rebuild.rebuild(conn)
        assert kept == _counting(conn)
    # a campaign counts A's hazard under C, once: one made before the merges, one after
    # (whose register holds C alone)
    assert _hazards_by_row(world, before) == {c["id"]: 2}
    after = _campaign(world, "机械行业专项（合并后）")
    assert _hazards_by_row(world, after) == {c["id"]: 2}
    with engine.begin() as conn:
        got = campaign_coverage.figures(conn, TOWN_A, after)
        assert (got["found"], got["rate"]) == (2, 0.0)
        assert c["id"] not in {r.id for r in campaign_coverage.not_visited(conn, TOWN_A, after)}
        kept_rows = set(conn.execute(select(CH)).all())
        campaign_figures.rebuild(conn)
        assert set(conn.execute(select(CH)).all()) == kept_rows
    # the pages: A and B say they are part of C; C's file holds both and A's hazard
    town = world.login("town_a")
    for s in (a, b):
        page = town.get(f"/console/site/{s['id']}").text
        assert "已合并到" in page and f'href="/console/site/{c["id"]}"' in page
    page = town.get(f"/console/site/{c['id']}").text
    assert "合并自 Merged from 2" in page and "甲档隐患：配电箱无门" in page
    assert "合并自 merged from 东风机械厂（甲）" in page


def test_a_cycle_of_merges_keeps_the_first_registered_site(world: World) -> None:
    """A into B on one device and B into A on another: the site with the smallest id (the
    first registered) is kept, the other counts there; nothing loops or is lost."""
    engine = _engine(world)
    project.catch_up(engine)
    registered, covered = _registered(world), _covered(world)
    h1, h2 = _device(world, "网格员丙"), _device(world, "网格员丁")
    a, b = _site("东风机械厂（甲）"), _site("东风机械厂（乙）")
    _push(world.client, h1, change("site", a), change("site", b), *_visit(h1, b, "乙档隐患"))
    project.catch_up(engine)
    _push(world.client, h1, _merge(a, b))
    project.catch_up(engine)
    _push(world.client, h2, _merge(b, a))
    project.catch_up(engine)
    first, other = sorted((a, b), key=lambda s: s["id"])
    assert _registered(world) == registered + 1  # the unit, once
    assert _covered(world) == covered + 1
    with engine.begin() as conn:
        units = {r.site_id for r in conn.execute(select(SP).where(SP.c.n > 0))}
        assert first["id"] in units and other["id"] not in units
        row = conn.execute(select(HZ).where(HZ.c.site_id == b["id"])).one()
        assert row.site_name == first["name"]
        kept = _counting(conn)
        summary_rebuild.rebuild(conn)
        assert kept == _counting(conn)
    campaign = _campaign(world, "机械行业专项")
    assert _hazards_by_row(world, campaign) == {first["id"]: 1}
    town = world.login("town_a")
    page = town.get(f"/console/site/{other['id']}").text
    assert "已合并到" in page and f'href="/console/site/{first["id"]}"' in page
    page = town.get(f"/console/site/{first['id']}").text
    assert "已合并到" not in page and "合并自 Merged from 1" in page


def test_a_campaign_counts_a_merged_sites_hazards_under_the_kept_site(world: World) -> None:
    """One level (A into C): the hazard found at A counts in a campaign under C, once,
    whether the campaign was made before the merge (A on its register) or after (not)."""
    engine = _engine(world)
    h = _device(world, "网格员戊")
    a, c = _site("东风机械厂（重复登记）"), _site("东风机械厂")
    _push(world.client, h, change("site", a), change("site", c), *_visit(h, a, "重复档隐患"))
    project.catch_up(engine)
    before = _campaign(world, "机械行业专项（合并前）")
    assert _hazards_by_row(world, before) == {a["id"]: 1}
    _push(world.client, h, _merge(a, c))
    project.catch_up(engine)
    after = _campaign(world, "机械行业专项（合并后）")
    for campaign in (before, after):
        assert _hazards_by_row(world, campaign) == {c["id"]: 1}
        with engine.connect() as conn:
            assert campaign_coverage.figures(conn, TOWN_A, campaign)["found"] == 1
