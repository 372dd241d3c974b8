# SPDX-License-Identifier: Apache-2.0
"""专项行动 in the console: setting one, its register, coverage, figures, its ranking, scope."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from console_world import TOWN_A, TOWN_B, World, build
from consolefix import pg_schema_url  # noqa: F401  (the fixture: a throwaway schema)
from fastapi.testclient import TestClient
from openpyxl import Workbook

from conftest import batch, change
from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.server import auth
from fieldcheck.server.app import create_app
from fieldcheck.sync.protocol import DeviceRole

HOSTILE = '<script>alert("c")</script>百日攻坚'


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    app = create_app(tmp_path / "srv")
    with TestClient(app) as client:
        w = build(client)
        _extra_sites(w)
        yield w
    app.state.server.engine.dispose()


def _extra_sites(w: World) -> None:
    """Two more 工贸 sites never inspected: a 粉尘涉爆 one in each township."""
    engine = w.client.app.state.server.engine  # type: ignore[attr-defined]
    for code, name, uscc in [
        (TOWN_A, "东风木业", "91330106MA2B00001Y"),
        (TOWN_B, "西湖家具", "91330106MA2B000022"),
    ]:
        with engine.begin() as conn:
            _dev, token = auth.enroll(conn, name="网格员", role=DeviceRole.GRID, jurisdiction=code)
        site = {
            "id": new_id(),
            "name": name,
            "uscc": uscc,
            "address": "测试路2号",
            "industry": "工贸",
            "kind_of_place": "粉尘涉爆企业",
            "jurisdiction": f"{code}001",
        }
        r = w.client.post(
            "/v1/push",
            json=batch(change("site", site)),
            headers={"Authorization": f"Bearer {token}"},
        )
        assert r.status_code == 200 and r.json()["receipts"][0]["status"] == "accepted", r.text
        w.a.extra[name] = site["id"]


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _book(rows: list[tuple[str, str]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "统一社会信用代码", "单位名称"])
    for i, (code, name) in enumerate(rows, start=1):
        ws.append([i, code, name])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _csrf(c: TestClient) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', c.get("/console/campaigns").text)
    assert m
    return m[1]


def _create(c: TestClient, **fields: Any) -> Any:
    today = clock.today()
    data: dict[str, Any] = {
        "csrf": _csrf(c),
        "name": "粉尘涉爆专项整治",
        "starts_on": (today - timedelta(days=3)).isoformat(),
        "ends_on": (today + timedelta(days=30)).isoformat(),
        "source": "register",
        "industry": ["工贸"],
        "checklist": ["fenchen-shebao"],
    }
    data.update(fields)
    files = data.pop("files", None)
    return c.post("/console/campaigns", data=data, files=files, follow_redirects=False)


def test_a_county_campaign_counts_coverage_by_township_and_lists_the_unvisited(
    world: World,
) -> None:
    c = world.login("county")
    r = _create(c)
    assert r.status_code == 303, r.text
    page = c.get(r.headers["location"]).text
    # 工贸: 东风五金厂 (inspected today) and the two new sites; 西湖商店 is 商贸.
    assert "1 / 3" in page
    assert "东风木业" in page and "西湖家具" in page
    assert "西湖商店" not in page
    assert "粉尘涉爆企业安全检查表" in page
    # By township: 东风街道 1 of 2, 西湖街道 0 of 1; the hazards of the inspected site count.
    rows = re.findall(r"<tr><td>(\S+) <small class=\"mono\">(\d+)</small></td>(.*?)</tr>", page)
    got = {code: re.findall(r'class="n">(?:<a [^>]*>)?(\d+)', rest)[:2] for _n, code, rest in rows}
    assert got == {TOWN_A: ["2", "1"], TOWN_B: ["1", "0"]}
    assert re.search(r"发现隐患 <small>hazards found</small></span><b>2</b>", page)
    # One child's list holds only that child's sites.
    only_b = c.get(r.headers["location"] + f"?child={TOWN_B}").text
    assert "西湖家具" in only_b and "东风木业" not in only_b
    assert "campaign.create" in world.login("admin", TestClient(c.app)).get("/console/audit").text


def test_a_register_by_kind_of_place_and_the_campaign_ranking(world: World) -> None:
    c = world.login("county")
    r = _create(c, industry=[], kind=["粉尘涉爆企业"])
    assert r.status_code == 303, r.text
    cid = r.headers["location"].rsplit("/", 1)[1]
    page = c.get(r.headers["location"]).text
    assert "0 / 2" in page and "东风五金厂" not in page
    ranking = c.get(f"/console/ranking?campaign={cid}").text
    assert "粉尘涉爆专项整治" in ranking and "专项行动排名" in ranking
    # Coverage in the campaign is 0 in both townships (their inspected sites are not on it).
    assert ranking.count(">0.0%<") >= 2
    # A campaign of one township's sites ranks only that township.
    only_b = _create(
        c,
        name="西湖专项",
        industry=[],
        kind=[],
        source="xlsx",
        files={"file": ("r.xlsx", _book([("", "西湖家具")]), XLSX)},
    )
    assert only_b.status_code == 303, only_b.text
    ranked = c.get("/console/ranking?campaign=" + only_b.headers["location"].rsplit("/", 1)[1])
    assert "西湖街道" in ranked.text and "东风街道" not in ranked.text
    assert c.get(f"/console/ranking.xlsx?campaign={cid}").status_code == 200
    assert c.get(f"/console/ranking.pdf?campaign={cid}").content.startswith(b"%PDF")


def test_an_xlsx_register_matches_by_credit_code_or_name_and_names_bad_rows(
    world: World,
) -> None:
    c = world.login("county")

    book = _book
    xlsx = XLSX
    bad = book([("91330106MA2B00001Y", ""), ("", "不存在的厂"), ("91330106MA2B99999T", "")])
    r = _create(c, source="xlsx", industry=[], files={"file": ("r.xlsx", bad, xlsx)})
    assert r.status_code == 422
    assert "第 3 行" in r.text and "不存在的厂" in r.text and "第 4 行" in r.text
    assert "第 2 行" not in r.text  # the good row is not blamed
    assert "暂无专项行动" in r.text  # nothing was stored
    good = book([("91330106MA2B00001Y", ""), ("", "西湖家具")])
    r = _create(c, source="xlsx", industry=[], files={"file": ("r.xlsx", good, xlsx)})
    assert r.status_code == 303, r.text
    assert "0 / 2" in c.get(r.headers["location"]).text
    junk = _create(c, source="xlsx", files={"file": ("r.xlsx", b"PK\x03\x04junk", xlsx)})
    assert junk.status_code == 422 and "xlsx" in junk.text


def test_bad_forms_are_refused_with_a_reason_and_store_nothing(world: World) -> None:
    c = world.login("county")
    today = clock.today().isoformat()
    for fields, words in [
        ({"name": "  "}, "名称"),
        ({"starts_on": "2026-13-01"}, "YYYY-MM-DD"),
        ({"starts_on": today, "ends_on": "2020-01-01"}, "早于"),
        ({"industry": []}, "至少选择"),
        ({"industry": ["不存在的行业"]}, "没有符合"),
        ({"source": "x"}, "来源"),
        ({"source": "xlsx"}, "xlsx"),
    ]:
        r = _create(c, **fields)
        assert r.status_code == 422, fields
        assert words in r.text, fields
    assert "暂无专项行动" in c.get("/console/campaigns").text


def test_campaign_forms_need_the_csrf_token_and_a_setting_role(world: World) -> None:
    c = world.login("county")
    assert _create(c, csrf="").status_code == 403
    assert _create(c, csrf="forged").status_code == 403
    admin = world.login("admin", TestClient(c.app))
    assert _create(admin).status_code == 403
    assert "暂无专项行动" in c.get("/console/campaigns").text


def test_another_townships_campaign_is_not_reached_by_url(world: World) -> None:
    b = world.login("town_b")
    r = _create(b, name="西湖街道燃气专项")
    assert r.status_code == 303, r.text
    url = r.headers["location"]
    cid = url.rsplit("/", 1)[1]
    assert "0 / 1" in b.get(url).text  # only its own 西湖家具
    a = world.login("town_a", TestClient(b.app))
    for page in [url, f"/console/ranking?campaign={cid}", f"/console/ranking.xlsx?campaign={cid}"]:
        r = a.get(page)
        assert r.status_code == 404, page
        assert "西湖" not in r.text, page
    assert "西湖街道燃气专项" not in a.get("/console/campaigns").text
    # The county sees it; a county campaign reaches town A with only town A's part.
    county = world.login("county", TestClient(b.app))
    assert "西湖街道燃气专项" in county.get("/console/campaigns").text
    r = _create(county, name="县级专项")
    page = a.get(r.headers["location"]).text
    assert "1 / 2" in page and "西湖家具" not in page and "东风木业" in page
    assert a.get(r.headers["location"] + f"?child={TOWN_B}").status_code == 404


def test_hostile_campaign_names_are_text(world: World) -> None:
    c = world.login("county")
    r = _create(c, name=HOSTILE)
    assert r.status_code == 303, r.text
    cid = r.headers["location"].rsplit("/", 1)[1]
    for page in [
        "/console/campaigns",
        f"/console/campaign/{cid}",
        f"/console/ranking?campaign={cid}",
    ]:
        text = c.get(page).text
        assert '<script>alert("c")' not in text, page
        assert "&lt;script&gt;" in text, page


def test_devices_get_the_campaigns_of_their_area_with_only_their_sites(world: World) -> None:
    b = world.login("town_b")
    assert _create(b, name="西湖街道燃气专项").status_code == 303
    county = world.login("county", TestClient(b.app))
    assert _create(county, name="县级专项").status_code == 303
    engine = world.client.app.state.server.engine  # type: ignore[attr-defined]

    def ask(code: str) -> dict[str, list[str]]:
        with engine.begin() as conn:
            _dev, token = auth.enroll(conn, name="网格员", role=DeviceRole.GRID, jurisdiction=code)
        r = world.client.get("/v1/campaigns", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200, r.text
        return {c["name"]: c["site_ids"] for c in r.json()["campaigns"]}

    mine_a = {world.a.site_id, world.a.extra["东风木业"]}
    got_a = ask(TOWN_A)
    assert set(got_a) == {"县级专项"} and set(got_a["县级专项"]) == mine_a
    got_b = ask(TOWN_B)
    assert set(got_b) == {"县级专项", "西湖街道燃气专项"}
    assert got_b["西湖街道燃气专项"] == [world.a.extra["西湖家具"]]
    assert world.client.get("/v1/campaigns").status_code == 401


@pytest.mark.postgres
def test_campaigns_on_postgresql_count_and_keep_the_scope(
    tmp_path: Path,
    pg_schema_url: str,  # noqa: F811
) -> None:
    app = create_app(tmp_path / "pg", pg_schema_url)
    assert app.state.server.engine.dialect.name == "postgresql"
    with TestClient(app) as client:
        w = build(client)
        _extra_sites(w)
        county = w.login("county")
        r = _create(county)
        assert r.status_code == 303, r.text
        page = county.get(r.headers["location"]).text
        assert "1 / 3" in page and "东风木业" in page and "西湖家具" in page
        cid = r.headers["location"].rsplit("/", 1)[1]
        assert "专项行动排名" in county.get(f"/console/ranking?campaign={cid}").text
        b = w.login("town_b", TestClient(app))
        own = _create(b, name="西湖街道燃气专项")
        assert own.status_code == 303, own.text
        a = w.login("town_a", TestClient(app))
        assert a.get(own.headers["location"]).status_code == 404
        assert "1 / 2" in a.get(r.headers["location"]).text
    app.state.server.engine.dispose()
