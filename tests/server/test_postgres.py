# SPDX-License-Identifier: Apache-2.0
"""The same server on a real PostgreSQL: migrations, push, idempotency, two devices converge."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from syncfix import assert_converged, live_server, make_field_data

from fieldcheck.services.context import open_context
from fieldcheck.services.findings import ledger
from fieldcheck.services.sync import sync as sync_service

PG_URL = os.environ.get("FIELDCHECK_TEST_PG_URL")
IN_CI = os.environ.get("CI") == "true"

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh database on the test PostgreSQL, dropped afterwards."""
    if not PG_URL:
        if IN_CI:
            pytest.fail("CI must set FIELDCHECK_TEST_PG_URL (see .ci/run)")
        pytest.skip("FIELDCHECK_TEST_PG_URL is not set (no PostgreSQL to test against)")
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"fc_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # unreachable: a laptop skips, CI fails
        if IN_CI:
            pytest.fail(f"PostgreSQL at FIELDCHECK_TEST_PG_URL is unreachable: {exc}")
        pytest.skip(f"PostgreSQL at FIELDCHECK_TEST_PG_URL is unreachable: {type(exc).__name__}")
    base, _, _ = PG_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_two_devices_converge_on_postgres(tmp_path: Path, pg_url: str) -> None:
    with live_server(tmp_path / "srv", pg_url) as server:
        engine: Any = server.app.state.server.engine  # type: ignore[attr-defined]
        assert engine.dialect.name == "postgresql"
        a = open_context(tmp_path / "a")
        b = open_context(tmp_path / "b")
        try:
            sync_service.login(a, server.url, server.enroll("grid", "330106001"))
            sync_service.login(b, server.url, server.enroll("supervisor", "330106"))
            make_field_data(a, "330106001", findings_n=3, photos_per_finding=1)
            first = sync_service.sync(a)
            assert first.ok and first.accepted == first.pushed > 0
            assert sync_service.sync(a).pushed == 0
            assert sync_service.sync(b).applied == first.pushed
            assert_converged(server, a, b)
            assert ledger.counts(b)["findings"] == 3
        finally:
            a.close()
            b.close()
