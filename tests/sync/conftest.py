# SPDX-License-Identifier: Apache-2.0
"""Fixtures for the sync tests: a live server on 127.0.0.1 and devices logged in to it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from syncfix import LiveServer, live_server, pg_database

from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.sync import sync as sync_service


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with live_server(tmp_path / "srv") as srv:
        yield srv


@pytest.fixture(params=["sqlite", "postgresql"])
def server_both(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    """The live server on SQLite, then on PostgreSQL (FIELDCHECK_TEST_PG_URL): a module
    takes it as its ``server`` to run its tests on both."""
    if request.param == "sqlite":
        with live_server(tmp_path / "srv") as srv:
            yield srv
        return
    with pg_database() as url, live_server(tmp_path / "srv", url) as srv:
        yield srv


@pytest.fixture
def device_factory(tmp_path: Path, server: LiveServer) -> Iterator[object]:
    opened: list[AppContext] = []

    def make(name: str, role: str = "grid", jurisdiction: str = "330106001") -> AppContext:
        ctx = open_context(tmp_path / name)
        opened.append(ctx)
        sync_service.login(ctx, server.url, server.enroll(role, jurisdiction, name))
        return ctx

    yield make
    for ctx in opened:
        ctx.close()
