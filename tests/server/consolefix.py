# SPDX-License-Identifier: Apache-2.0
"""The console tests' shared setup: a throwaway PostgreSQL schema, and the small county
(console_world.build) served on SQLite and on PostgreSQL, its read model caught up.

A test module takes a fixture by name (``world = consolefix.world``); the module is not
called ``conftest`` because tests/server and tests/sync each have one.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from console_world import World, build
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from fieldcheck.server.app import create_app
from fieldcheck.server.console import project
from fieldcheck.server.settings import ServerSettings

BOTH = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@contextmanager
def pg_schema(prefix: str = "console") -> Iterator[str]:
    """A URL on a new schema in FIELDCHECK_TEST_PG_URL's database, dropped afterwards.

    Without that variable: skipped on a laptop, failed in CI (which must set it)."""
    url = os.environ.get("FIELDCHECK_TEST_PG_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must set FIELDCHECK_TEST_PG_URL")
        pytest.skip("FIELDCHECK_TEST_PG_URL is not set (no PostgreSQL to test against)")
    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A throwaway schema in FIELDCHECK_TEST_PG_URL's database, dropped afterwards."""
    with pg_schema() as url:
        yield url


@contextmanager
def county_on(tmp_path: Path, db: str, *, trusted_proxies: str | None = None) -> Iterator[World]:
    """The small county served on db ("sqlite" or "postgresql"), the read model caught up."""
    with ExitStack() as stack:
        url = stack.enter_context(pg_schema()) if db == "postgresql" else None
        settings = ServerSettings.load(tmp_path / "srv", url, trusted_proxies=trusted_proxies)
        app = create_app(settings=settings)
        try:
            with TestClient(app) as client:
                assert app.state.server.engine.dialect.name == db
                w = build(client)
                project.catch_up(app.state.server.engine)
                yield w
        finally:
            app.state.server.engine.dispose()


@pytest.fixture(params=BOTH)
def world(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[World]:
    """The small county on SQLite, and on PostgreSQL when FIELDCHECK_TEST_PG_URL is set."""
    with county_on(tmp_path, request.param) as w:
        yield w
