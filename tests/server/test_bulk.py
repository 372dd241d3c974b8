# SPDX-License-Identifier: Apache-2.0
"""Bulk rows (COPY on PostgreSQL) land exactly as an executemany would, and fail the same way."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from consolefix import BOTH, pg_schema
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from fieldcheck.server.bulk import among, insert_rows
from fieldcheck.server.db import open_engine
from fieldcheck.server.tables import RECORD as R

WHEN = datetime(2026, 12, 3, 18, 30, tzinfo=timezone(timedelta(hours=8)))


def _row(i: int, **extra: object) -> dict[str, object]:
    return {
        "entity": "finding",
        "entity_id": f"id-{i}",
        "head_sha256": "a" * 64,
        "jurisdiction": "330106001",
        "finding_id": None if i % 2 else f"f-{i}",
        "major": bool(i % 2),
        "blob_sha256": None,
        "supersedes": None,
        "updated_at": WHEN,
        **extra,
    }


@pytest.mark.parametrize("db", BOTH)
def test_rows_land_as_given_and_a_duplicate_key_is_an_integrity_error(
    tmp_path: Path, db: str
) -> None:
    with ExitStack() as stack:
        url = stack.enter_context(pg_schema()) if db == "postgresql" else None
        engine = open_engine(url or f"sqlite:///{tmp_path / 'server.db'}")
        stack.callback(engine.dispose)
        rows = [_row(i) for i in range(5)] + [_row(5, jurisdiction="中文\t\\N 1\n2")]
        with engine.begin() as conn:
            insert_rows(conn, R, rows)
            insert_rows(conn, R, [])
        with engine.connect() as conn:
            got = [dict(r._mapping) for r in conn.execute(select(R).order_by(R.c.entity_id))]
        assert [{**g, "updated_at": g["updated_at"].astimezone(UTC)} for g in got] == [
            {**r, "updated_at": WHEN.astimezone(UTC)} for r in rows
        ]
        with pytest.raises(IntegrityError), engine.begin() as conn:
            insert_rows(conn, R, [_row(9), _row(3)])
        with engine.connect() as conn:  # nothing of the failed batch stayed
            assert conn.execute(select(R.c.entity_id).where(R.c.entity_id == "id-9")).all() == []
            found = conn.execute(
                select(R.c.entity_id).where(
                    among(conn, R.c.entity, ["finding", "site"]),
                    among(conn, R.c.entity_id, ["id-1", "id-4", "id-7"]),
                )
            )
            assert sorted(found.scalars()) == ["id-1", "id-4"]


def test_on_sqlite_the_stored_text_is_what_sqlalchemys_own_insert_stores(tmp_path: Path) -> None:
    """SQLite keeps datetimes and booleans as text and integers, and queries compare that
    text: rows through insert_rows are stored byte for byte as through table.insert(). The
    rows share some timestamp objects and not others, as a batch's rows do."""
    later = WHEN + timedelta(microseconds=1)
    whens = [WHEN, WHEN, later, WHEN, later, later, WHEN.replace(microsecond=0)]
    engine = open_engine(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        ours = [_row(i, updated_at=w) for i, w in enumerate(whens)]
        theirs = [_row(i + 100, updated_at=w) for i, w in enumerate(whens)]
        with engine.begin() as conn:
            insert_rows(conn, R, ours)
            conn.execute(R.insert(), theirs)
        with engine.connect() as conn:
            raw = conn.exec_driver_sql(
                "SELECT entity_id, updated_at, major, finding_id FROM record"
            ).all()
    finally:
        engine.dispose()
    stored = {r[0]: r[1:] for r in raw}
    assert len(stored) == 2 * len(whens)
    for i in range(len(whens)):
        assert stored[f"id-{i}"][:2] == stored[f"id-{i + 100}"][:2]  # updated_at, major
        assert stored[f"id-{i}"][2] == (None if i % 2 else f"f-{i}")
    assert stored["id-2"][0] != stored["id-1"][0]  # the later timestamp is not the cached one
