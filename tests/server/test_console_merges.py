# SPDX-License-Identifier: Apache-2.0
"""合并重复单位 on a device reaches the console: one unit in the lists, the merge shown."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import consolefix
import pytest
from console_world import COUNTY, TOWN_A, World, _push
from sqlalchemy import select

from conftest import change
from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.server import auth
from fieldcheck.server.console import (
    campaign_coverage,
    campaigns,
    codes,
    project,
    queries,
    ranking,
    summary,
    summary_rebuild,
    task_sweep,
)
from fieldcheck.server.console.summary import CS, SP, SS
from fieldcheck.server.console.tables import HZ
from fieldcheck.sync.protocol import DeviceRole, content_sha256

GRID = f"{TOWN_A}001"
world = consolefix.world  # the small county, on SQLite and on PostgreSQL


def _registered(w: World) -> int:
    engine = w.client.app.state.server.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        row = conn.execute(SS.select().where(SS.c.lvl == 12, SS.c.code == GRID)).first()
    return int(row.n) if row else 0


def _duplicate_pair(w: World) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """A unit registered twice in township A (the duplicate under another industry), an
    inspection and a hazard at the duplicate."""
    engine = w.client.app.state.server.engine  # type: ignore[attr-defined]
    with engine.begin() as conn:
        _dev, token = auth.enroll(conn, name="网格员乙", role=DeviceRole.GRID, jurisdiction=TOWN_A)
    h = {"Authorization": f"Bearer {token}"}
    uscc = "91330106MA2H00000B"
    keep = {"id": new_id(), "name": "东风机械厂", "uscc": uscc, "industry": "机械",
            "address": "东风路9号", "kind_of_place": "", "jurisdiction": GRID}  # fmt: skip
    dup = {**keep, "id": new_id(), "name": "东风机械厂（重复登记）", "industry": "五金"}
    insp = {"id": new_id(), "site_id": dup["id"], "inspector_ids": [new_id()],
            "started_at": clock.now().isoformat()}  # fmt: skip
    finding = {"id": new_id(), "inspection_id": insp["id"], "site_id": dup["id"],
               "description": "重复档案里的隐患：配电箱无门", "found_at": clock.now().isoformat(),
               "found_by": new_id(), "status": "found"}  # fmt: skip
    _push(w.client, h, change("site", keep), change("site", dup),
          change("inspection", insp), change("finding", finding))  # fmt: skip
    return keep, dup, h


def test_a_site_merged_on_a_device_shows_as_one_with_the_merge_visible(world: World) -> None:
    engine = world.client.app.state.server.engine  # type: ignore[attr-defined]
    project.catch_up(engine)
    before = _registered(world)
    keep, dup, h = _duplicate_pair(world)
    project.catch_up(engine)
    assert _registered(world) == before + 2  # two sites until the device merges them
    merged = {**dup, "merged_into": keep["id"]}
    _push(world.client, h, change("site", merged, base=content_sha256(dup)))
    project.catch_up(engine)
    assert _registered(world) == before + 1  # the unit counts once in coverage

    c = world.login("town_a")
    page = c.get(f"/console/site/{keep['id']}").text
    assert "合并自" in page and "东风机械厂（重复登记）" in page
    assert "重复档案里的隐患：配电箱无门" in page  # the duplicate's hazard, in the kept file
    assert f"/console/site/{dup['id']}" in page
    other = c.get(f"/console/site/{dup['id']}").text
    assert "已合并到" in other and f"/console/site/{keep['id']}" in other
    assert "合并自" not in other

    with engine.connect() as conn:  # the lists a campaign and a sweep draw from
        listed = {r.id for r in campaigns._matched(conn, TOWN_A, ["机械"], [])}
        assert keep["id"] in listed and dup["id"] not in listed
        _site, like = task_sweep.sweep_candidates(conn, TOWN_A, keep["id"])
        assert dup["id"] not in {r.id for r in like}
        # a register naming the unit by its code, or by the kept name, finds the kept site
        assert campaigns.match_xlsx(conn, TOWN_A, [(3, keep["uscc"], "")]) == [(keep["id"], GRID)]


def test_another_township_sees_neither_site_of_the_merge(world: World) -> None:
    keep, dup, h = _duplicate_pair(world)
    merged = {**dup, "merged_into": keep["id"]}
    _push(world.client, h, change("site", merged, base=content_sha256(dup)))
    c = world.login("town_b")
    for site in (keep, dup):
        assert c.get(f"/console/site/{site['id']}").status_code == 404


def _covered(w: World) -> int:
    """Sites of the grid inspected this week, as the kept coverage rows count them."""
    start = summary.week_start(clock.today())
    engine = w.client.app.state.server.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        row = conn.execute(
            select(CS.c.sites).where(
                CS.c.kind == "week", CS.c.start == start, CS.c.lvl == 12, CS.c.code == GRID
            )
        ).first()
    return int(row.sites) if row else 0


def _town_a_coverage(conn: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """Township A's 检查覆盖率 this week in the county's ranking: kept rows, plain SQL."""
    p = queries.Period.of("week", clock.today())
    kids = codes.children(conn, COUNTY)
    n = queries.child_length(conn, COUNTY, kids)
    out = []
    for fast in (True, False):
        with monkeypatch.context() as m:
            if not fast:
                m.setattr(summary, "fast", lambda scope, n: False)
                m.setattr(summary, "period_kind", lambda start, end: None)
            rows = ranking.ranking(conn, COUNTY, p, kids, n, ranking.DEFAULT_WEIGHTS)
        out.append(next(r["metrics"]["coverage"] for r in rows if r["code"] == TOWN_A))
    return out[0], out[1]


def test_a_merged_sites_inspection_covers_the_kept_site_once(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = world.client.app.state.server.engine  # type: ignore[attr-defined]
    project.catch_up(engine)
    covered = _covered(world)
    keep, dup, h = _duplicate_pair(world)
    project.catch_up(engine)
    assert _covered(world) == covered + 1  # the duplicate, inspected
    today = clock.today()
    draft = campaigns.Draft(
        name="机械行业专项", starts_on=(today - timedelta(days=3)).isoformat(),
        ends_on=today.isoformat(), industries=["机械"], kinds=[], checklists=[],
        source="register",
    )  # fmt: skip
    with engine.begin() as conn:
        cid = campaigns.create(conn, TOWN_A, "测试", draft)
        campaign = campaigns.get(conn, TOWN_A, cid)
        assert keep["id"] in {r.id for r in campaign_coverage.not_visited(conn, TOWN_A, campaign)}

    merged = {**dup, "merged_into": keep["id"]}
    _push(world.client, h, change("site", merged, base=content_sha256(dup)))
    project.catch_up(engine)
    # The duplicate's inspection is the kept site's: covered (once), in the campaign too.
    assert _covered(world) == covered + 1
    with engine.connect() as conn:
        units = {r.site_id for r in conn.execute(select(SP).where(SP.c.n > 0))}
        assert keep["id"] in units and dup["id"] not in units
        assert keep["id"] not in {
            r.id for r in campaign_coverage.not_visited(conn, TOWN_A, campaign)
        }
        fast, plain = _town_a_coverage(conn, monkeypatch)
        assert fast == plain and fast <= 1
        # the ledger row names the kept site (its name and code); the industry stays its own
        row = conn.execute(select(HZ).where(HZ.c.site_id == dup["id"])).one()
        assert (row.site_name, row.uscc, row.industry) == (keep["name"], keep["uscc"], "五金")

    # An inspection at the kept site itself in the same week: still one unit covered.
    insp = {"id": new_id(), "site_id": keep["id"], "inspector_ids": [new_id()],
            "started_at": clock.now().isoformat()}  # fmt: skip
    renamed = {**keep, "name": "东风机械有限公司"}
    _push(world.client, h, change("inspection", insp),
          change("site", renamed, base=content_sha256(keep)))  # fmt: skip
    project.catch_up(engine)
    assert _covered(world) == covered + 1
    with engine.begin() as conn:
        assert _town_a_coverage(conn, monkeypatch) == (fast, fast)
        row = conn.execute(select(HZ).where(HZ.c.site_id == dup["id"])).one()
        assert row.site_name == "东风机械有限公司"  # follows the kept site's name
        kept = _counting(conn)
        summary_rebuild.rebuild(conn)
        assert kept == _counting(conn)


def _counting(conn: Any) -> dict[str, set[Any]]:
    """The coverage rows that count something (rows netted to zero stay, counting nothing)."""
    return {
        "site_period": set(conn.execute(select(SP).where(SP.c.n != 0)).all()),
        "coverage_sum": set(conn.execute(select(CS).where(CS.c.sites != 0)).all()),
    }
