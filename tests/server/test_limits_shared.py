# SPDX-License-Identifier: Apache-2.0
"""Per-device limits hold across server processes: two app instances on one database
(SQLite and PostgreSQL) count one device's requests and unfinished uploads together."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from test_postgres import pg_url  # noqa: F401 - the PostgreSQL fixture

from fieldcheck.server import auth
from fieldcheck.server.app import create_app
from fieldcheck.server.limits import Limits
from fieldcheck.sync.protocol import DeviceRole

Pair = tuple[TestClient, TestClient]


class FakeClock:
    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture(params=["sqlite", "postgresql"])
def two(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Pair]:
    """Two server processes' apps on one database and one photo store."""
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    first, second = create_app(tmp_path / "srv", url), create_app(tmp_path / "srv", url)
    with TestClient(first) as a, TestClient(second) as b:
        yield a, b
    for app in (first, second):
        app.state.server.engine.dispose()


def _limits(pair: Pair, **kw: object) -> None:
    for client in pair:  # each process has its own Limits; the counts are shared
        client.app.state.server.limits = Limits(**kw)  # type: ignore[arg-type,attr-defined]


def _token(client: TestClient) -> dict[str, str]:
    with client.app.state.server.engine.begin() as conn:  # type: ignore[attr-defined]
        _, token = auth.enroll(conn, name="测试", role=DeviceRole.GRID, jurisdiction="330106001")
    return {"Authorization": f"Bearer {token}"}


def _put(client: TestClient, h: dict[str, str], photo: bytes, start: int, n: int) -> Response:
    sha = hashlib.sha256(photo).hexdigest()
    rng = f"bytes {start}-{start + n - 1}/{len(photo)}"
    return client.put(
        f"/v1/blobs/{sha}", content=photo[start : start + n], headers={**h, "Content-Range": rng}
    )


def test_one_devices_request_rate_is_counted_across_processes(two: Pair) -> None:
    clock = FakeClock()
    _limits(two, rate=1.0, burst=4, lease=1, clock=clock)
    a, b = two
    busy, calm = _token(a), _token(a)
    got = [c.get("/v1/me", headers=busy).status_code for c in (a, b, a, b)]
    assert got == [200] * 4  # the burst, spent half in each process
    for client in two:  # and now neither process has any left
        refused = client.get("/v1/me", headers=busy)
        assert refused.status_code == 429 and "too many requests" in refused.json()["detail"]
    assert b.get("/v1/me", headers=calm).status_code == 200  # another device is not held
    clock.t += 1.0  # one token back, for whichever process asks first
    assert [c.get("/v1/me", headers=busy).status_code for c in (b, a)] == [200, 429]


def test_one_devices_unfinished_uploads_are_counted_across_processes(two: Pair) -> None:
    _limits(two, max_open=2, max_partial=3000)
    a, b = two
    h = _token(a)
    p0, p1, p2 = (os.urandom(2000) for _ in range(3))
    assert _put(a, h, p0, 0, 500).status_code == 200
    assert _put(b, h, p1, 0, 500).status_code == 200
    third = _put(a, h, p2, 0, 500)
    assert third.status_code == 429 and "2 photo uploads unfinished" in third.json()["detail"]
    done = _put(a, h, p1, 500, 1500)  # p1, begun through b, finished through a
    assert done.status_code == 200 and done.json()["complete"]  # its slot is free again
    assert _put(b, h, p2, 0, 1000).status_code == 200  # open: p0 500, p2 1000
    assert _put(a, h, p0, 500, 1000).status_code == 200  # open: p0 1500, p2 1000
    over = _put(b, h, p2, 1000, 999)  # 1500 + 1000 + 999 > 3000
    assert over.status_code == 429 and "3,499 bytes" in over.json()["detail"], over.text
