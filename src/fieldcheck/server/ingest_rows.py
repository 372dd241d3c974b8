# SPDX-License-Identifier: Apache-2.0
"""What a push reads before it applies its records, and its feed rows written last."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from fieldcheck.core import clock
from fieldcheck.server.auth import Device
from fieldcheck.server.bulk import among, insert_rows
from fieldcheck.server.tables import BLOB as BL
from fieldcheck.server.tables import CHANGE as C
from fieldcheck.server.tables import RECORD as R
from fieldcheck.server.tables import VERSION as V

Key = tuple[str, str]


@dataclass
class Head:
    """The server's current version of one record."""

    sha256: str
    jurisdiction: str
    finding_id: str | None
    major: bool
    blob: str | None = None
    supersedes: str | None = None


def load_heads(
    conn: Connection, keys: set[Key]
) -> tuple[dict[Key, Head], dict[Key, dict[str, str]]]:
    """Current versions (locked for this transaction) and every stored version's state."""
    heads: dict[Key, Head] = {}
    versions: dict[Key, dict[str, str]] = {}
    kinds = sorted({k[0] for k in keys})
    ids = sorted({k[1] for k in keys})
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        # Both key columns, so both look-ups walk the primary key's index; what they
        # find beyond the keys asked for (another kind under one of the ids) is unused.
        rows = conn.execute(
            select(R)
            .where(among(conn, R.c.entity, kinds), among(conn, R.c.entity_id, chunk))
            .with_for_update()
        ).all()
        for r in rows:
            heads[(r.entity, r.entity_id)] = Head(
                r.head_sha256, r.jurisdiction, r.finding_id, r.major, r.blob_sha256, r.supersedes
            )
        for v in conn.execute(
            select(V.c.entity, V.c.entity_id, V.c.sha256, V.c.state).where(
                among(conn, V.c.entity, kinds), among(conn, V.c.entity_id, chunk)
            )
        ):
            versions.setdefault((v.entity, v.entity_id), {})[v.sha256] = v.state
    return heads, versions


def known_blobs(
    conn: Connection, shas: set[str], device: Device, in_store: Callable[[str], int | None] | None
) -> set[str]:
    """Originals the server holds whole; ones only in the store get their row now."""
    if not shas:
        return set()
    known = set(conn.execute(select(BL.c.sha256).where(BL.c.sha256.in_(sorted(shas)))).scalars())
    if in_store is not None:
        # An upload writes only the file (one fsync less per photo); the first record that
        # names it registers it, inside the push's transaction.
        sizes = {sha: in_store(sha) for sha in sorted(shas - known)}
        fresh = {sha: size for sha, size in sizes.items() if size is not None}
        if fresh:
            insert_rows(
                conn,
                BL,
                [
                    {"sha256": sha, "bytes": size, "device_id": device.id, "stored_at": clock.now()}
                    for sha, size in fresh.items()
                ],
            )
            known.update(fresh)
    return known


def append_feed(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Number this push's feed rows as the very last step before its commit.

    Feed numbers must commit in order, so that a pull that has passed seq N never later
    finds an N-1 appear behind it. On PostgreSQL the numbers are handed out under a
    transaction-scoped advisory lock taken here, at the end: everything else a push does
    (checks, object-store look-ups, record and version writes) runs in parallel with
    other pushes, from any jurisdiction; only this insert and the commit take turns.
    SQLite has one writer anyway (BEGIN IMMEDIATE).
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(7071)"))
    insert_rows(conn, C, rows)
