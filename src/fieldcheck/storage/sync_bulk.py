# SPDX-License-Identifier: Apache-2.0
"""Applying a pulled page of records the device has never seen, in a few statements.

A new device joining a township pulls tens of thousands of records, nearly all new to
it: no open conflict, nothing of its own pending, no local row yet. Applying those one
by one (a savepoint, lookups and a flush each) costs milliseconds a record. Here the
lookups are made once for the page, the new rows go in with one INSERT per table, and
the page's findings on notices and signatures are frozen with one UPDATE.

Everything else (a record with a conflict, a local change pending, an existing row, or
extra rows to write, such as a photo's blob or a signature's site acknowledgement) is
left to the one-by-one path, which sets a failing record aside. If the bulk insert
fails (a reference to a record not here yet, a bad value) nothing of it is kept and the
caller applies the whole page one by one instead, so a page ends the same either way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy import select as core_select
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from fieldcheck.storage.sync_apply import (
    TABLES,
    Inbound,
    PulledNotice,
    PulledSignature,
    freezes,
    values_of,
)
from fieldcheck.storage.sync_repo import set_server_shas
from fieldcheck.storage.sync_tables import SyncConflictRow, SyncRecordRow
from fieldcheck.storage.tables import FindingRow, OutboxRow

# Kinds whose new rows need nothing but their own row (see the module docstring).
SIMPLE = frozenset(
    {"site", "person", "inspection", "item_result", "finding", "finding_event", "notice"}
    | {"signature", "person_key"}
)
CHUNK = 500  # ids per IN (...) list: far below SQLite's variable limit


@dataclass(frozen=True)
class Pulled:
    """One pulled record: its kind, its content, the server's hash of it, and the record
    its wire model read (None when it did not read: the one-by-one path says why)."""

    entity: str
    content: dict[str, Any]
    sha256: str
    record: Inbound | None = None


def _chunks(ids: list[str]) -> list[list[str]]:
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]


def _busy(s: Session, ids: list[str]) -> set[tuple[str, str]]:
    """(entity, id) of records with an open conflict or a local change not yet answered."""
    busy: set[tuple[str, str]] = set()
    for part in _chunks(ids):
        busy.update(
            s.exec(
                select(SyncConflictRow.entity, SyncConflictRow.entity_id).where(
                    col(SyncConflictRow.entity_id).in_(part),
                    col(SyncConflictRow.resolved_at).is_(None),
                )
            ).all()
        )
        busy.update(
            s.exec(
                select(OutboxRow.entity, OutboxRow.entity_id).where(
                    col(OutboxRow.entity_id).in_(part), col(OutboxRow.receipt_at).is_(None)
                )
            ).all()
        )
    return busy


def _known(s: Session, ids: list[str]) -> dict[tuple[str, str], str]:
    known: dict[tuple[str, str], str] = {}
    for part in _chunks(ids):
        for entity, ident, sha in s.exec(
            select(
                SyncRecordRow.entity, SyncRecordRow.entity_id, SyncRecordRow.server_sha256
            ).where(col(SyncRecordRow.entity_id).in_(part))
        ).all():
            known[(entity, ident)] = sha
    return known


def _existing(s: Session, entity: str, ids: list[str]) -> set[str]:
    table = TABLES[entity].__table__  # type: ignore[attr-defined]
    key = next(iter(table.primary_key.columns))
    found: set[str] = set()
    for part in _chunks(ids):
        found.update(s.connection().execute(core_select(key).where(key.in_(part))).scalars())
    return found


def _simple(p: Pulled) -> bool:
    if p.record is None or p.entity not in SIMPLE:
        return False
    if isinstance(p.record, PulledNotice) and p.record.pdf is not None:
        return False  # its frozen PDF is a second row
    return not (isinstance(p.record, PulledSignature) and p.record.ack is not None)


def apply_new(s: Session, page: list[Pulled], now: datetime) -> tuple[dict[int, str], set[str]]:
    """Apply the page's plain new records at once: ({index: 'applied' or 'same'} for those
    handled, the findings their notices and signatures freeze, for :func:`freeze` once
    the rest of the page is in). Raises DBAPIError when the insert fails (run it in a
    savepoint: nothing of it is kept); the indices not returned go one by one."""
    ids = sorted({str(p.content.get("id")) for p in page})
    busy, known = _busy(s, ids), _known(s, ids)
    done: dict[int, str] = {}
    candidates: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(page):
        key = (p.entity, str(p.content.get("id")))
        if key in busy:
            continue
        if known.get(key) == p.sha256:
            done[i] = "same"
        elif _simple(p):
            candidates[p.entity].append(i)
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    heads: list[tuple[str, str, str]] = []
    frozen: set[str] = set()
    for entity, members in candidates.items():
        there = _existing(s, entity, [str(page[i].content["id"]) for i in members])
        for i in members:
            record, content = page[i].record, page[i].content
            assert record is not None  # _simple
            if str(content["id"]) in there or (entity == "finding" and content.get("supersedes")):
                continue  # an update, or one that touches another row: one by one
            rows[entity].append(values_of(record, now))  # the mapping a local write uses
            heads.append((entity, str(content["id"]), page[i].sha256))
            done[i] = "applied"
            frozen.update(freezes(record))
    conn = s.connection()
    for entity, table in TABLES.items():  # this order puts what is referenced first
        if rows.get(entity):
            conn.execute(insert(table.__table__), rows[entity])  # type: ignore[attr-defined]
    set_server_shas(s, heads, now)
    return done, frozen


def apply_new_or_none(
    s: Session, page: list[Pulled], now: datetime
) -> tuple[dict[int, str], set[str]]:
    """:func:`apply_new` in a savepoint; if the insert fails, none of it ({}, set())."""
    try:
        with s.begin_nested():
            return apply_new(s, page, now)
    except DBAPIError:
        return {}, set()


def freeze(s: Session, finding_ids: set[str]) -> None:
    """Mark these findings frozen (a notice lists them or a signature covers them)."""
    findings = FindingRow.__table__  # type: ignore[attr-defined]
    for part in _chunks(sorted(finding_ids)):
        s.connection().execute(
            update(findings)
            .where(findings.c.id.in_(part), findings.c.frozen.is_(False))
            .values(frozen=True)
        )
