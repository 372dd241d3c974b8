# SPDX-License-Identifier: Apache-2.0
"""随手拍 hardening: the citizen's address behind trusted proxies, rate limits a simultaneous
burst cannot pass (several server processes, SQLite and PostgreSQL), and no photo left in
the store by a refused report."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from console_world import World
from consolefix import BOTH, county_on
from fastapi.testclient import TestClient
from report_world import citizen, jpeg_with_gps, receipt, send
from sqlalchemy import select

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server.console import reports
from fieldcheck.server.db import make_engine
from fieldcheck.server.logs import LOGGER
from fieldcheck.server.proxies import client_host, parse_networks
from fieldcheck.server.settings import ServerSettings

PROXY = "10.0.0.5"


@pytest.fixture(params=BOTH)
def world(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[World]:
    """The console world on a server that trusts the proxy at 10.0.0.5."""
    with county_on(tmp_path, request.param, trusted_proxies=f"{PROXY},::1") as w:
        yield w


def _server(w: World) -> Any:
    return w.client.app.state.server  # type: ignore[attr-defined]


def via_proxy(w: World, forwarded_for: str | None, peer: str = PROXY) -> TestClient:
    """A browser whose requests arrive from peer carrying X-Forwarded-For."""
    c = citizen(w, peer)
    if forwarded_for is not None:
        c.headers["X-Forwarded-For"] = forwarded_for
    return c


def _clients(w: World) -> list[str]:
    with _server(w).engine.connect() as conn:
        return [r.client for r in conn.execute(select(reports.R.c.client))]


# ---- the address


def test_the_rightmost_address_that_is_not_a_trusted_proxy_is_the_client() -> None:
    trusted = parse_networks("10.0.0.0/8, 192.168.1.1, ::1")
    assert client_host("10.0.0.5", ["203.0.113.9"], trusted) == "203.0.113.9"
    # what the client wrote itself (left of the first untrusted hop) is never believed
    assert client_host("10.0.0.5", ["1.2.3.4, 203.0.113.9, 10.1.1.1"], trusted) == "203.0.113.9"
    assert client_host("10.0.0.5", ["1.2.3.4", "203.0.113.9"], trusted) == "203.0.113.9"
    # a peer that is no trusted proxy keeps its own address whatever it claims
    assert client_host("198.51.100.1", ["203.0.113.9"], trusted) == "198.51.100.1"
    assert client_host("10.0.0.5", ["203.0.113.9"], ()) == "10.0.0.5"
    # no header, or garbage in it: the proxy's own address (or the last good hop)
    assert client_host("10.0.0.5", [], trusted) == "10.0.0.5"
    assert client_host("10.0.0.5", ["evil, 10.2.2.2"], trusted) == "10.2.2.2"
    assert client_host("::1", ["[2001:db8::7]:443"], trusted) == "2001:db8::7"
    assert client_host("10.0.0.5", ["203.0.113.9:5000"], trusted) == "203.0.113.9"


def test_a_bad_trusted_proxy_entry_is_named_at_start(tmp_path: Path) -> None:
    with pytest.raises(FieldcheckError, match=r"'10\.0\.0\.300' is not an IP address"):
        ServerSettings.load(tmp_path, trusted_proxies="10.0.0.1, 10.0.0.300")


def test_rate_limits_count_each_citizen_behind_the_proxy(world: World) -> None:
    for n in range(reports.PER_CLIENT_HOUR):
        receipt(send(via_proxy(world, f"198.51.100.{n + 1}")))  # five citizens, one each
    a = via_proxy(world, "203.0.113.50")
    for _ in range(reports.PER_CLIENT_HOUR):
        receipt(send(a))
    assert send(a).status_code == 429  # that citizen is limited...
    # ...however they dress the header: only the hop the proxy added counts
    assert send(via_proxy(world, "9.9.9.9, 203.0.113.50")).status_code == 429
    receipt(send(via_proxy(world, "203.0.113.51")))  # ...and nobody else is
    stored = _clients(world)
    assert PROXY not in stored and stored.count("203.0.113.50") == reports.PER_CLIENT_HOUR


def test_a_stranger_cannot_claim_an_address(world: World) -> None:
    c = via_proxy(world, "203.0.113.77", peer="198.51.100.200")  # not a trusted proxy
    for _ in range(reports.PER_CLIENT_HOUR):
        receipt(send(c))
    c.headers["X-Forwarded-For"] = "203.0.113.78"
    assert send(c).status_code == 429  # still counted as 198.51.100.200
    assert set(_clients(world)) == {"198.51.100.200"}


def test_the_access_log_names_the_client_past_the_proxy(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    logger = logging.getLogger(LOGGER)
    logger.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.INFO, logger=LOGGER):
            via_proxy(world, "203.0.113.60").get("/report")
            citizen(world, "198.51.100.61").get("/report")
    finally:
        logger.removeHandler(caplog.handler)
    records = {id(r): r for r in caplog.records}.values()  # once, however many handlers saw it
    lines = [r.fields for r in records if getattr(r, "fields", {}).get("event") == "request"]
    assert [(f["path"], f["client"]) for f in lines] == [
        ("/report", "203.0.113.60"),
        ("/report", "198.51.100.61"),
    ]
    assert all(json.dumps(f) for f in lines)


# ---- a burst


def _burst(n: int, job: Any) -> list[Any]:
    """Run job(i) in n threads released at once; each result or the exception raised."""
    gate = threading.Barrier(n)
    out: list[Any] = [None] * n

    def run(i: int) -> None:
        gate.wait()
        try:
            out[i] = job(i)
        except Exception as exc:  # the refusals are what we count
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def _create(engine: Any, client: str, phone: str = "") -> str:
    with engine.begin() as conn:
        return reports.create(
            conn,
            jurisdiction="330106001",
            address="东风路 12 号",
            description="配电箱门敞开",
            phone=phone,
            client=client,
            photos=[],
        )[0]


def test_a_simultaneous_burst_from_two_server_processes_gets_only_the_limit(
    world: World,
) -> None:
    """Two engines on one database stand for two server processes behind a proxy."""
    first = _server(world).engine
    second = make_engine(_server(world).settings.db_url)
    try:
        engines = [first, second]
        n = 3 * reports.PER_CLIENT_HOUR
        got = _burst(n, lambda i: _create(engines[i % 2], "198.51.100.30"))
        kept = [g for g in got if isinstance(g, str)]
        refused = [g for g in got if isinstance(g, reports.RateLimited)]
        assert len(kept) == reports.PER_CLIENT_HOUR and len(refused) == n - len(kept), got
        n = 3 * reports.PER_PHONE_DAY  # one phone from as many addresses
        got = _burst(n, lambda i: _create(engines[i % 2], f"198.51.101.{i}", "13700001111"))
        kept = [g for g in got if isinstance(g, str)]
        refused = [g for g in got if isinstance(g, reports.RateLimited)]
        assert len(kept) == reports.PER_PHONE_DAY and len(refused) == n - len(kept), got
    finally:
        second.dispose()


def test_a_burst_of_requests_through_the_public_page_gets_only_the_limit(world: World) -> None:
    n = 2 * reports.PER_CLIENT_HOUR
    browsers = [via_proxy(world, "203.0.113.90") for _ in range(n)]
    tokens = []
    for b in browsers:  # each has its form open, then all press 提交 at once
        b.get("/report")
        tokens.append(b.cookies.get("fc_report_csrf"))
    assert all(tokens)

    def post(i: int) -> int:
        data = {
            "csrf": tokens[i],
            "jurisdiction": "330106001",
            "address": "东风路 12 号",
            "description": f"配电箱门敞开 {i}",
        }
        return int(browsers[i].post("/report", data=data, follow_redirects=False).status_code)

    got = _burst(n, post)
    assert sorted(got) == [303] * reports.PER_CLIENT_HOUR + [429] * (n - reports.PER_CLIENT_HOUR)
    assert _clients(world).count("203.0.113.90") == reports.PER_CLIENT_HOUR


# ---- photos of a refused report


def test_a_refused_report_leaves_no_photo_in_the_store(world: World) -> None:
    store = _server(world).blobs
    before = store.count()
    photo = jpeg_with_gps()
    sha = hashlib.sha256(photo).hexdigest()
    c = citizen(world, "198.51.100.40")
    assert send(c, [("a.jpg", photo)], address="").status_code == 422  # refused in create()
    assert send(c, [("a.jpg", photo)], jurisdiction="999999999").status_code == 422
    assert send(c, [("a.jpg", photo)], phone="12").status_code == 422
    assert store.read(sha) is None and store.count() == before
    receipt(send(c, [("a.jpg", photo)]))  # a report that is kept keeps its photo
    assert store.read(sha) == photo and store.count() == before + 1
