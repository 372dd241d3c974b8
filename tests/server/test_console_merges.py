# SPDX-License-Identifier: Apache-2.0
"""合并重复单位 on a device reaches the console: one unit in the lists, the merge shown."""

from __future__ import annotations

from typing import Any

from console_world import TOWN_A, World, _push
from test_console import world  # noqa: F401  (the fixture: the small county)

from conftest import change
from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.server import auth
from fieldcheck.server.console import campaigns, project, tasks
from fieldcheck.server.console.summary import SS
from fieldcheck.sync.protocol import DeviceRole, content_sha256

GRID = f"{TOWN_A}001"


def _registered(w: World) -> int:
    engine = w.client.app.state.server.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        row = conn.execute(SS.select().where(SS.c.lvl == 12, SS.c.code == GRID)).first()
    return int(row.n) if row else 0


def _duplicate_pair(w: World) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """A unit registered twice in township A, a hazard found at the duplicate."""
    engine = w.client.app.state.server.engine  # type: ignore[attr-defined]
    with engine.begin() as conn:
        _dev, token = auth.enroll(conn, name="网格员乙", role=DeviceRole.GRID, jurisdiction=TOWN_A)
    h = {"Authorization": f"Bearer {token}"}
    uscc = "91330106MA2H00000B"
    keep = {"id": new_id(), "name": "东风机械厂", "uscc": uscc, "industry": "机械",
            "address": "东风路9号", "kind_of_place": "", "jurisdiction": GRID}  # fmt: skip
    dup = {**keep, "id": new_id(), "name": "东风机械厂（重复登记）"}
    insp = {"id": new_id(), "site_id": dup["id"], "inspector_ids": [new_id()],
            "started_at": clock.now().isoformat()}  # fmt: skip
    finding = {"id": new_id(), "inspection_id": insp["id"], "site_id": dup["id"],
               "description": "重复档案里的隐患：配电箱无门", "found_at": clock.now().isoformat(),
               "found_by": new_id(), "status": "found"}  # fmt: skip
    _push(w.client, h, change("site", keep), change("site", dup),
          change("inspection", insp), change("finding", finding))  # fmt: skip
    return keep, dup, h


def test_a_site_merged_on_a_device_shows_as_one_with_the_merge_visible(world: World) -> None:  # noqa: F811
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
        _site, like = tasks.sweep_candidates(conn, TOWN_A, keep["id"])
        assert dup["id"] not in {r.id for r in like}
        # a register naming the unit by its code, or by the kept name, finds the kept site
        assert campaigns.match_xlsx(conn, TOWN_A, [(3, keep["uscc"], "")]) == [(keep["id"], GRID)]


def test_another_township_sees_neither_site_of_the_merge(world: World) -> None:  # noqa: F811
    keep, dup, h = _duplicate_pair(world)
    merged = {**dup, "merged_into": keep["id"]}
    _push(world.client, h, change("site", merged, base=content_sha256(dup)))
    c = world.login("town_b")
    for site in (keep, dup):
        assert c.get(f"/console/site/{site['id']}").status_code == 404
