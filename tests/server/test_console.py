# SPDX-License-Identifier: Apache-2.0
"""The county console: sessions, scope, CSRF, escaping, figures, exports, the check page."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import consolefix
import pytest
from console_world import COUNTY, PASSWORD, TOWN_A, World, build
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from fieldcheck.reports.ledger_xlsx import COLUMNS
from fieldcheck.server.app import create_app
from fieldcheck.server.console import accounts, ledger, project, ranking
from fieldcheck.server.console.accounts import ConsoleRole

PAGES = [
    "/console/",
    "/console/?period=week",
    "/console/?period=range&start=2026-01-01&end=2026-12-31",
    "/console/ledger",
    "/console/ledger?status=open&sort=deadline&dir=asc",
    "/console/ledger?partial=1&overdue=1",
    "/console/supervised",
    "/console/ranking",
    "/console/ranking?kind=month",
    "/console/daily",
]


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    app = create_app(tmp_path / "srv")
    with TestClient(app) as client:
        yield build(client)
    app.state.server.engine.dispose()


def _fresh(world: World) -> TestClient:
    return TestClient(world.client.app)


def test_there_are_no_default_accounts(tmp_path: Path) -> None:
    app = create_app(tmp_path / "empty")
    with TestClient(app) as c:
        assert c.app.state.server.read(accounts.list_users) == []  # type: ignore[attr-defined]
        r = c.get("/console/login")
        token = re.search(r'name="csrf" value="([^"]+)"', r.text)
        assert token
        for name, pw in [("admin", "admin"), ("admin", "123456"), ("root", "root")]:
            r = c.post("/console/login", data={"name": name, "password": pw, "csrf": token[1]})
            assert r.status_code == 401
        assert c.get("/console/", follow_redirects=False).status_code == 303
    app.state.server.engine.dispose()


def test_login_cookie_is_httponly_strict_and_every_page_has_a_csp(world: World) -> None:
    c = _fresh(world)
    r = c.get("/console/login")
    token = re.search(r'name="csrf" value="([^"]+)"', r.text)
    assert token
    r = c.post(
        "/console/login",
        data={"name": "county", "password": PASSWORD, "csrf": token[1]},
        follow_redirects=False,
    )
    assert "set-cookie" in r.headers, (r.status_code, r.text)
    cookie = r.headers["set-cookie"]
    assert "fc_console=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Secure" not in cookie  # plain http here; behind TLS it is Secure (next assertion)
    c2 = _fresh(world)
    r = c2.get("/console/login", headers={"x-forwarded-proto": "https"})
    assert "Secure" in r.headers["set-cookie"]
    for page in PAGES:
        r = c.get(page)
        assert r.status_code == 200, page
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        # No inline script: every <script> has a src or is a JSON data block.
        for tag in re.findall(r"<script[^>]*>", r.text):
            assert "src=" in tag or 'type="application/json"' in tag, (page, tag)


def test_every_page_walks_and_names_the_child_jurisdictions(world: World) -> None:
    c = world.login("county")
    text = c.get("/console/").text
    assert "测试区" in text and "东风街道" in text and "西湖街道" in text
    assert "检查单位家次" in text and "隐患整改率" in text and "挂牌督办" in text
    ranking = c.get("/console/ranking").text
    assert "东风街道" in ranking and "西湖街道" in ranking and "综合指数" in ranking
    assert "挂牌督办" in c.get("/console/supervised").text
    supervised = c.get("/console/supervised").text
    assert "粉尘涉爆场所未清扫1" in supervised and "赵厂长1" in supervised  # 五落实
    assert "日通报" in c.get("/console/daily").text


def test_a_figure_clicks_through_to_exactly_its_hazards(world: World) -> None:
    c = world.login("county")
    page = c.get("/console/?period=month").text
    links = dict(
        re.findall(r'<a class="fig[^"]*" href="([^"]+)"><b>([^<]+)</b><span>逾期未整改', page)
    )
    assert links, "the overdue figure links to the ledger"
    ((href, shown),) = links.items()
    assert shown == "2"  # one overdue general hazard in each township
    ledger = c.get(href.replace("&amp;", "&")).text
    assert ledger.count('href="/console/hazard/') == 2
    assert "消防通道堆放杂物1" in ledger and "消防通道堆放杂物2" in ledger
    assert "粉尘涉爆" not in ledger  # the major ones are not overdue


@pytest.mark.parametrize("town", ["town_a"])
def test_a_township_cannot_reach_another_townships_records_by_url(world: World, town: str) -> None:
    c = world.login(town)
    b = world.b
    for url in [
        f"/console/site/{b.site_id}",
        f"/console/hazard/{b.hazard_id}",
        f"/console/hazard/{b.major_id}",
        f"/console/photo/{b.photo_sha}",
        f"/console/photo/{b.photo_sha}?size=original",
        "/console/ledger?child=330106002",
        "/console/ledger.xlsx?child=330106002",
    ]:
        r = c.get(url)
        assert r.status_code == 404, url
        assert "西湖" not in r.text, url
    # Its own records open.
    assert c.get(f"/console/site/{world.a.site_id}").status_code == 200
    assert c.get(f"/console/photo/{world.a.photo_sha}").headers["content-type"] == "image/jpeg"
    # Lists, rankings, bulletins and exports hold nothing of the other township.
    for url in [
        "/console/",
        "/console/ledger",
        "/console/supervised",
        "/console/ranking",
        "/console/daily",
        "/console/ledger?q=杂物",
    ]:
        text = c.get(url).text
        assert "消防通道堆放杂物2" not in text and "西湖" not in text, url
    wb = load_workbook(io.BytesIO(c.get("/console/ledger.xlsx").content), read_only=True)
    cells = " ".join(str(v) for row in wb.active.iter_rows(values_only=True) for v in row if v)
    assert "消防通道堆放杂物1" in cells and "消防通道堆放杂物2" not in cells
    xlsx = load_workbook(io.BytesIO(c.get("/console/ranking.xlsx").content), read_only=True)
    cells = " ".join(str(v) for row in xlsx.active.iter_rows(values_only=True) for v in row if v)
    assert "西湖" not in cells and TOWN_A in c.get("/console/").text
    pdf = c.get("/console/ranking.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_forms_without_the_csrf_token_are_refused(world: World) -> None:
    c = world.login("admin")
    assert c.post("/console/logout").status_code == 403
    assert c.post("/console/logout", data={"csrf": "forged"}).status_code == 403
    r = c.post("/console/codes", files={"file": ("c.csv", b"330106003,new\n")})
    assert r.status_code == 403
    assert "330106003" not in c.get("/console/codes").text
    fresh = _fresh(world)
    r = fresh.post("/console/login", data={"name": "admin", "password": PASSWORD})
    assert r.status_code == 403
    # With the token the same forms work, and the change is audited.
    token = re.search(r'name="csrf" value="([^"]+)"', c.get("/console/codes").text)
    assert token
    r = c.post(
        "/console/codes", data={"csrf": token[1]}, files={"file": ("c.csv", b"330106003,new\n")}
    )
    assert r.status_code == 200 and "330106003" in r.text
    assert "codes.import" in c.get("/console/audit").text


def test_hostile_site_names_are_shown_as_text_on_every_page(world: World) -> None:
    c = world.login("county")
    pages = [
        *PAGES,
        f"/console/site/{world.a.site_id}",
        f"/console/hazard/{world.a.hazard_id}",
        f"/console/site/{world.b.site_id}",
        f"/console/hazard/{world.b.hazard_id}",
        f"/v/FC1;n={world.a.notice_number};i=检查员1;d={'0' * 32};p=1/1",
    ]
    seen = 0
    for page in pages:
        text = c.get(page).text
        assert '<script>alert("x")' not in text, page
        assert "<img src=x onerror" not in text, page
        seen += ("&lt;script&gt;" in text) + ("&lt;img src=x onerror" in text)
    assert seen >= 6  # the names are there, escaped


def test_a_login_flood_is_throttled_and_locks_the_account(world: World) -> None:
    c = _fresh(world)
    token = re.search(r'name="csrf" value="([^"]+)"', c.get("/console/login").text)
    assert token

    def attempt(name: str, pw: str) -> int:
        r = c.post(
            "/console/login",
            data={"name": name, "password": pw, "csrf": token[1]},
            follow_redirects=False,
        )
        return r.status_code

    assert [attempt("town_b", f"wrong{i}") for i in range(accounts.LOCK_AFTER)] == [401] * 5
    assert attempt("town_b", PASSWORD) == 401  # locked now, even with the right password
    codes = [attempt(f"nobody{i}", "x") for i in range(accounts.CLIENT_MAX_FAILURES)]
    assert codes[-1] == 429
    assert attempt("county", PASSWORD) == 429  # the address is throttled for a while
    listed = {u["name"]: u for u in c.app.state.server.read(accounts.list_users)}  # type: ignore[attr-defined]
    assert listed["town_b"]["locked"]
    assert "user.locked" in world.login("admin", _fresh_other(world)).get("/console/audit").text


def _fresh_other(world: World) -> TestClient:
    # Another client address (in-process, nothing is sent): the throttle is per address.
    try:
        return TestClient(world.client.app, client=("127.0.0.9", 50000))
    except TypeError:  # the lowest supported Starlette's TestClient has a fixed address
        pytest.skip("this Starlette's TestClient cannot set the client address")


def test_a_disabled_accounts_session_stops_working(world: World) -> None:
    c = world.login("town_a")
    assert c.get("/console/ledger").status_code == 200
    world.client.app.state.server.write(  # type: ignore[attr-defined]
        lambda conn: accounts.disable_user(conn, "town_a", actor="test")
    )
    r = c.get("/console/ledger", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/login"
    with pytest.raises(AssertionError):
        world.login("town_a", _fresh_other(world))


def test_the_hazard_page_verifies_signatures_on_the_server(world: World) -> None:
    c = world.login("town_a")
    text = c.get(f"/console/hazard/{world.a.hazard_id}").text
    assert "签名有效 valid" in text
    # The forged copy (another content hash) was refused at ingest, so it is not shown.
    assert "does not verify" in world.a.extra["forged_refused"]
    assert "签名无效 INVALID" not in text
    assert world.a.extra["person"] in text
    assert "交办" in text or "assign" in text
    assert f"/console/photo/{world.a.photo_sha}" in text


def test_the_site_file_holds_inspections_hazards_documents_and_photos(world: World) -> None:
    c = world.login("town_a")
    text = c.get(f"/console/site/{world.a.site_id}").text
    assert world.a.notice_number in text and "隐患整改通知书" in text
    assert "消防通道堆放杂物1" in text and "粉尘涉爆场所未清扫1" in text
    assert f"/console/photo/{world.a.photo_sha}?size=original" in text


def test_the_export_has_the_device_ledgers_columns(world: World) -> None:
    c = world.login("county")
    r = c.get("/console/ledger.xlsx?level=major")
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    rows = list(
        load_workbook(io.BytesIO(r.content), read_only=True).active.iter_rows(values_only=True)
    )
    assert [v for v in rows[1] if v] == [h for h, *_ in COLUMNS]
    assert len(rows) == 4 and {r[6] for r in rows[2:]} == {"重大隐患"}
    assert {r[8] for r in rows[2:]} == {"赵厂长1", "赵厂长2"}  # 责任人, as on the device


@pytest.mark.parametrize("sort", ["found", "deadline", "site"])
def test_the_export_reads_in_keyset_pages_in_the_ledgers_order(world: World, sort: str) -> None:
    engine = world.client.app.state.server.engine  # type: ignore[attr-defined]
    project.catch_up(engine)
    today = date(2026, 6, 1)
    for args in ({"sort": sort}, {"sort": sort, "dir": "asc"}):
        f = ledger.Filter.from_query(args)
        with engine.connect() as conn:
            whole = [r.id for r in conn.execute(ledger.ledger_select(COUNTY, f, today))]
            paged = [
                r.id for r in ledger.ledger_rows(conn, COUNTY, f, today, ["site_name"], batch=1)
            ]
        assert len(whole) >= 3 and paged == whole  # every row once, pages joined in order


def test_the_check_page_says_genuine_voided_or_not_yet_synced(world: World) -> None:
    c = _fresh(world)  # no login
    ok = c.get(f"/v/FC1;n={world.a.notice_number};i=检查员1;d={'0' * 32};p=1/2;s=AAAA").text
    # The world's notice was pushed as protocol 1.0 spelled it (no payload travelled): it is
    # on record and in force, and the page says its seal cannot be checked on the server
    # (test_notice_check.py checks a 1.1 notice's seal: genuine, voided, altered).
    assert "文书已同步、有效" in ok and "服务器无法核验签章" in ok and "文书真实" not in ok
    assert "2 项中 2 项尚未整改" in ok
    assert "测试路" not in ok  # no more than the paper: no address, phone or people's ids
    wrong = c.get(f"/v/FC1;n={world.a.notice_number};i=冒名者;d={'0' * 32};p=1/1").text
    assert "不符" in wrong
    unknown = c.get(f"/v/FC1;n=测安监责改〔2026〕999号;i=检查员1;d={'0' * 32};p=1/1").text
    assert "尚未同步" in unknown and "不代表文书是假的" in unknown
    assert c.get("/v/hello").status_code == 404


def test_keyset_pages_cover_every_hazard_once(world: World) -> None:
    server = world.client.app.state.server  # type: ignore[attr-defined]
    from fieldcheck.server.console import project
    from fieldcheck.server.console.demo import World
    from fieldcheck.server.console.demo_bulk import fill

    project.catch_up(server.engine)

    grids = ["330106001001", "330106002001"]
    import random

    w = World(random.Random(1), date(2026, 12, 1), grids, 20)
    fill(server.engine, w, 260)
    for sort in ("found", "deadline", "site"):
        for desc in (True, False):
            f = ledger.Filter(sort=sort, desc=desc)
            seen: list[str] = []
            after = ""
            while True:
                page = server.read(ledger.ledger_page, COUNTY, f, date(2026, 12, 1), after)
                seen += [r.id for r in page.rows]
                if not page.after:
                    break
                after = page.after
            assert len(seen) == len(set(seen)) == 264, (sort, desc)


def test_ranking_marks_the_bottom_three_and_the_movement() -> None:
    now = [{"code": c, "rank": i} for i, c in enumerate("abcde", start=1)]
    before = [{"code": c, "rank": i} for i, c in enumerate("edcba", start=1)]
    out = ranking.with_movement(now, before)
    assert [d["movement"] for d in out] == [4, 2, 0, -2, -4]
    assert [d["bottom"] for d in out] == [False, False, True, True, True]


def test_user_commands_take_the_password_from_a_descriptor_never_argv(tmp_path: Path) -> None:
    data = tmp_path / "srv"
    exe = [sys.executable, "-m", "fieldcheck.server.cli", "--data", str(data)]
    r, w = os.pipe()
    os.write(w, b"Another-pass-77\n")
    os.close(w)
    out = subprocess.run(
        [
            *exe,
            "user",
            "add",
            "--name",
            "zhang",
            "--role",
            "county",
            "--jurisdiction",
            "330106",
            "--password-fd",
            str(r),
        ],
        pass_fds=(r,),
        capture_output=True,
        text=True,
        check=False,
    )
    os.close(r)
    assert out.returncode == 0, out.stderr
    listed = subprocess.run([*exe, "user", "list"], capture_output=True, text=True, check=True)
    assert "zhang" in listed.stdout and "active" in listed.stdout
    assert "Another-pass" not in listed.stdout
    bad = subprocess.run(
        [
            *exe,
            "user",
            "add",
            "--name",
            "x",
            "--role",
            "county",
            "--jurisdiction",
            "1",
            "--password",
            "p",
        ],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2  # there is no --password option
    subprocess.run([*exe, "user", "disable", "zhang"], check=True, capture_output=True)
    listed = subprocess.run([*exe, "user", "list", "--json"], capture_output=True, text=True)
    assert '"disabled": true' in listed.stdout
    from fieldcheck.server.db import open_engine, sqlite_url

    engine = open_engine(sqlite_url(data))
    with engine.begin() as conn:
        got = accounts.login(conn, "zhang", "Another-pass-77", "t")
    assert isinstance(got, accounts.LoginRefused)  # disabled
    with engine.begin() as conn:
        accounts.reset_password(conn, "zhang", "Third-pass-99", actor="t")
        assert ConsoleRole.COUNTY.value in str(accounts.list_users(conn))
    engine.dispose()


pg_schema_url = consolefix.pg_schema_url  # the fixture: a throwaway schema


@pytest.mark.postgres
def test_the_console_on_postgresql_keeps_the_scope(tmp_path: Path, pg_schema_url: str) -> None:
    app = create_app(tmp_path / "pg", pg_schema_url)
    assert app.state.server.engine.dialect.name == "postgresql"
    with TestClient(app) as client:
        world = build(client)
        c = world.login("town_a")
        assert c.get(f"/console/hazard/{world.b.hazard_id}").status_code == 404
        assert "消防通道堆放杂物1" in c.get("/console/ledger?overdue=1&sort=deadline").text
        page = c.get("/console/").text
        assert "发现隐患项" in page and "西湖" not in page
        for url in ["/console/ranking", "/console/daily", "/console/supervised"]:
            assert c.get(url).status_code == 200, url
        xlsx = c.get("/console/ledger.xlsx")
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    app.state.server.engine.dispose()
