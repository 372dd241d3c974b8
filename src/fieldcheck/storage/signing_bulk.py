# SPDX-License-Identifier: Apache-2.0
"""Whole-store reads for ``verify --all``, straight from the SQLite cursor.

At 100,000 signatures the ORM's per-row processing costs more than the checks
themselves, so these queries read plain tuples and parse the stored UTC text here.
The column lists mirror tables.py; a test compares the results with the ORM reads.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from fieldcheck.core.signature import Signature
from fieldcheck.storage.signing_repo import FactsRecord, PhotoRecord

_SIGNED = "SELECT subject_id FROM signature WHERE subject_kind = 'finding'"
_FACTS = (
    "SELECT f.id, f.inspection_id, f.site_id, s.name, s.uscc, f.description, f.place, "
    "f.criteria_id, f.clause_ref, f.legal_basis, f.checklist_id, f.item_id, f.found_at, "
    "f.found_by, f.level, f.major_status, f.status, f.frozen "
    "FROM finding f JOIN site s ON s.id = f.site_id "
)


def _utc(text: Any) -> datetime:
    """A stored time (UTC text without offset, as SQLAlchemy writes it) as an aware datetime."""
    value = datetime.fromisoformat(str(text))
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _rows(s: Session, sql: str) -> list[tuple[Any, ...]]:
    cursor = s.connection().connection.cursor()
    try:
        return list(cursor.execute(sql).fetchall())
    finally:
        cursor.close()


def _fact(r: tuple[Any, ...]) -> FactsRecord:
    return FactsRecord._make((*r[:12], _utc(r[12]), *r[13:17], bool(r[17])))


def all_signatures(s: Session) -> list[Signature]:
    """Every signature, oldest first."""
    rows = _rows(
        s,
        "SELECT id, subject_kind, subject_id, signer_id, key_id, role, purpose, comment, "
        "content_version, content_sha256, signature_b64, signed_at FROM signature "
        "ORDER BY signed_at, id",
    )
    return [Signature._make((*r[:11], _utc(r[11]))) for r in rows]


def signed_findings(s: Session) -> tuple[dict[str, FactsRecord], list[PhotoRecord]]:
    """Facts and photos of every finding that at least one signature names."""
    facts = {r[0]: _fact(r) for r in _rows(s, f"{_FACTS} WHERE f.id IN ({_SIGNED})")}
    photos = [
        PhotoRecord(r[0], r[1], r[2], _utc(r[3]))
        for r in _rows(
            s,
            f"SELECT finding_id, sha256, kind, imported_at FROM photo "
            f"WHERE finding_id IN ({_SIGNED})",
        )
    ]
    return facts, photos


def decided_findings(s: Session) -> dict[str, FactsRecord]:
    """Every finding whose row claims an expert decision (confirmed or downgraded)."""
    q = f"{_FACTS} WHERE f.major_status IN ('confirmed', 'downgraded')"
    return {r[0]: _fact(r) for r in _rows(s, q)}
