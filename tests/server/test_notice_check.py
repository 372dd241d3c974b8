# SPDX-License-Identifier: Apache-2.0
"""The server checks a notice from what travelled with it (protocol 1.1), on SQLite and
PostgreSQL: the public /v/ page verifies the seal of a scanned page against the issuer's
key and the payload (genuine, voided, altered), the console's 一企一档 hands out the
signed PDF inside the account's area only."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "sync"), str(HERE.parent / "reports")]

from console_world import PASSWORD  # noqa: E402
from report_samples import PASS, configure_all, enroll, make_visit, soon  # noqa: E402
from syncfix import live_server, pg_database  # noqa: E402

from browser_launch import chromium  # noqa: E402
from fieldcheck.core.terms import NoticeKind  # noqa: E402
from fieldcheck.reports.qr import b64url, qr_text, seal_message  # noqa: E402
from fieldcheck.server.console import accounts  # noqa: E402
from fieldcheck.server.console.accounts import ConsoleRole  # noqa: E402
from fieldcheck.server.tables import RecordRow, VersionRow  # noqa: E402
from fieldcheck.services.context import open_context  # noqa: E402
from fieldcheck.services.documents import document_files, notices  # noqa: E402
from fieldcheck.services.major import keys  # noqa: E402
from fieldcheck.services.sync import sync as sync_service  # noqa: E402

TOWN, OTHER = "410105001", "410105002"  # make_visit's township, and its neighbour


@dataclass
class Issued:
    client: TestClient
    ctx: object
    notice_id: str
    site_id: str
    pdf: bytes
    qr: str  # the text of page 1's QR code, as printed
    url: str  # the live server's address


@pytest.fixture(params=["sqlite", "postgresql"])
def issued(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Issued]:
    with ExitStack() as stack:
        db = stack.enter_context(pg_database()) if request.param == "postgresql" else None
        srv = stack.enter_context(live_server(tmp_path / "srv", db))
        ctx = stack.enter_context(open_context(tmp_path / "a"))
        sync_service.login(ctx, srv.url, srv.enroll("grid", TOWN, "网格员"))
        configure_all(ctx)
        visit = make_visit(ctx)
        enroll(ctx, visit.grid)
        notice, done = document_files.issue_signed(
            ctx,
            visit.inspection_id,
            NoticeKind.RECTIFICATION,
            visit.grid,
            passphrase=PASS,
            deadline=soon(),
        )
        report = sync_service.sync(ctx)
        assert report.ok and report.rejected == [], report
        _, data = notices.document_data(ctx, notice.id)
        key = keys.unlock_key(ctx, visit.grid, PASS)
        seal = b64url(key.sign(seal_message(data.number, data.issuer_name, data.digest())))
        text = qr_text(
            number=data.number,
            issuer=data.issuer_name,
            digest=data.digest(),
            page=1,
            total=done.pages,
            seal=seal,
        )
        with srv.app.state.server.engine.begin() as conn:  # type: ignore[attr-defined]
            for name, code in [("town", TOWN), ("other", OTHER)]:
                accounts.add_user(
                    conn,
                    name=name,
                    role=ConsoleRole.TOWNSHIP,
                    jurisdiction=code,
                    password=PASSWORD,
                    actor="test",
                )
        client = stack.enter_context(TestClient(srv.app))  # type: ignore[arg-type]
        yield Issued(client, ctx, notice.id, visit.site_id, done.path.read_bytes(), text, srv.url)


def _check(c: TestClient, qr: str) -> str:
    r = c.get("/v/" + quote(qr, safe=";=/"))
    assert r.status_code == 200, r.text
    return r.text


def test_the_check_page_verifies_the_seal_from_what_travelled(issued: Issued) -> None:
    page = _check(issued.client, issued.qr)
    assert "文书真实、有效" in page and "签章已在服务器核验" in page and "签名PDF" in page
    assert "郑州市金水区丰庆路118号" not in page and "0371-63325518" not in page  # not on /v/
    # A page whose code names another digest (the paper was altered) does not check out.
    other = re.sub(r";d=[0-9a-f]+", ";d=" + "0" * 32, issued.qr)
    assert "签章核验未通过" in _check(issued.client, other)


def test_a_payload_changed_on_the_server_no_longer_matches_the_seal(issued: Issued) -> None:
    server = issued.client.app.state.server  # type: ignore[attr-defined]
    R, V = RecordRow.__table__, VersionRow.__table__  # type: ignore[attr-defined]
    with server.engine.begin() as conn:
        head = conn.execute(
            R.select().where(R.c.entity == "notice", R.c.entity_id == issued.notice_id)
        ).one()
        row = conn.execute(
            V.select().where(V.c.entity == "notice", V.c.sha256 == head.head_sha256)
        ).one()
        content = json.loads(row.content_json)
        content["payload"]["hazards"][0]["deadline"] = "2099-12-31"
        conn.execute(
            V.update()
            .where(V.c.entity == "notice", V.c.sha256 == head.head_sha256)
            .values(content_json=json.dumps(content, ensure_ascii=False))
        )
    page = _check(issued.client, issued.qr)
    assert "签章核验未通过" in page and "文书真实" not in page


def test_a_voided_notice_says_so_with_its_seal_checked(issued: Issued) -> None:
    notices.void_notice(issued.ctx, issued.notice_id, reason="单位名称写错", actor_id="t")  # type: ignore[arg-type]
    assert sync_service.sync(issued.ctx).ok  # type: ignore[arg-type]
    page = _check(issued.client, issued.qr)
    assert "文书已作废" in page and "单位名称写错" in page and "确为开具人所签" in page


def _login(c: TestClient, name: str) -> TestClient:
    token = re.search(r'name="csrf" value="([^"]+)"', c.get("/console/login").text)
    assert token
    r = c.post(
        "/console/login",
        data={"name": name, "password": PASSWORD, "csrf": token[1]},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return c


def test_the_site_page_hands_out_the_signed_pdf_inside_the_area_only(issued: Issued) -> None:
    town = _login(TestClient(issued.client.app), "town")
    page = town.get(f"/console/site/{issued.site_id}").text
    assert f"/console/notice/{issued.notice_id}/pdf" in page and "下载 PDF" in page
    got = town.get(f"/console/notice/{issued.notice_id}/pdf")
    assert got.status_code == 200 and got.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(got.content).digest() == hashlib.sha256(issued.pdf).digest()
    assert "attachment" in got.headers["content-disposition"]
    other = _login(TestClient(issued.client.app), "other")  # the neighbouring township
    assert other.get(f"/console/notice/{issued.notice_id}/pdf").status_code == 404
    assert other.get(f"/console/site/{issued.site_id}").status_code == 404
    anonymous = TestClient(issued.client.app)
    r = anonymous.get(f"/console/notice/{issued.notice_id}/pdf", follow_redirects=False)
    assert r.status_code in (303, 401)


SHOTS = os.environ.get("FIELDCHECK_CONSOLE_SHOTS")  # a folder: keep screenshots there


def test_in_the_browser_the_check_page_and_the_site_s_documents(
    issued: Issued, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if request.node.callspec.params["issued"] != "sqlite":
        pytest.skip("the browser walk runs once, on SQLite")
    shots = Path(SHOTS) if SHOTS else tmp_path
    url = issued.url + "/v/" + quote(issued.qr, safe=";=/")
    with chromium() as (_pw, browser):
        for name, size in [("verify-sealed", (1366, 768)), ("verify-sealed-phone", (390, 844))]:
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            page.goto(url)
            text = page.inner_text("main")
            assert "文书真实、有效" in text and "签章已在服务器核验" in text
            assert "丰庆路118号" not in text
            page.screenshot(path=str(shots / f"{name}.png"))
            page.close()
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(issued.url + "/console/login")
        page.fill("input[name=name]", "town")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(issued.url + "/console/")
        page.goto(issued.url + f"/console/site/{issued.site_id}")
        link = page.locator(f"a[href='/console/notice/{issued.notice_id}/pdf']")
        assert "下载 PDF" in link.inner_text()
        link.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "site-documents.png"))
        with page.expect_download() as got:
            link.click()
        assert Path(got.value.path()).read_bytes() == issued.pdf
