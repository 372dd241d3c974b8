# SPDX-License-Identifier: Apache-2.0
"""The device limits' counters commit without waiting for the disk (Server.count), and
that never reaches the records' transactions (Server.write), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.engine import Connection
from test_postgres import pg_url  # noqa: F401 - the PostgreSQL fixture

from fieldcheck.server.app import create_app
from fieldcheck.server.state import Server
from fieldcheck.server.tables import DEVICE_RATE


@pytest.fixture
def sqlite_server(tmp_path: Path) -> Iterator[Server]:
    app = create_app(tmp_path / "srv")
    with TestClient(app):
        yield app.state.server
    app.state.server.close()


@pytest.fixture
def pg_server(tmp_path: Path, pg_url: str) -> Iterator[Server]:  # noqa: F811
    app = create_app(tmp_path / "srv", pg_url)
    with TestClient(app):
        yield app.state.server
    app.state.server.close()


def _sqlite_sync(conn: Connection) -> tuple[int, str]:
    synchronous = conn.exec_driver_sql("PRAGMA synchronous").scalar_one()
    return int(synchronous), str(conn.exec_driver_sql("PRAGMA journal_mode").scalar_one())


def _pg_sync(conn: Connection) -> tuple[int, str]:
    pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    return int(pid), str(conn.execute(text("SHOW synchronous_commit")).scalar_one())


def _count_a_device(conn: Connection) -> None:
    conn.execute(DEVICE_RATE.insert().values(device_id="d1", tokens=5.0, counted_at=1.0))


def test_sqlite_counters_skip_the_fsync_and_records_keep_it(sqlite_server: Server) -> None:
    before = sqlite_server.write(_sqlite_sync)
    assert before == (2, "wal")  # FULL: a receipt only after a durable commit
    assert sqlite_server.count(_sqlite_sync) == (1, "wal")  # NORMAL, on the same WAL file
    assert sqlite_server.write(_sqlite_sync) == before  # nothing leaked to the records
    sqlite_server.count(_count_a_device)  # the same database: the records' side sees it
    rows = sqlite_server.read(lambda c: c.execute(select(DEVICE_RATE.c.tokens)).all())
    assert [r.tokens for r in rows] == [5.0]


def test_postgres_counters_commit_asynchronously_only_in_their_transaction(
    pg_server: Server,
) -> None:
    pg_server.engine.dispose()  # an empty pool: both transactions get the one connection
    pid, setting = pg_server.count(_pg_sync)
    assert setting == "off"
    assert pg_server.write(_pg_sync) == (pid, "on")  # SET LOCAL ended with its transaction
    assert pg_server.count(_pg_sync) == (pid, "off")
    pg_server.count(_count_a_device)
    rows = pg_server.read(lambda c: c.execute(select(DEVICE_RATE.c.tokens)).all())
    assert [r.tokens for r in rows] == [5.0]
