# SPDX-License-Identifier: Apache-2.0
"""Reads and writes of signatures and site acknowledgements, and the facts they cover.

Keys live in `key_repo`.

Bulk reads (for ``verify --all``) select plain columns into named tuples instead of
ORM objects: at 100,000 signatures that is several times faster.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from fieldcheck.core.models import Finding
from fieldcheck.core.signature import Signature
from fieldcheck.storage.queries import current_finding
from fieldcheck.storage.records import aware, fill, finding_from_row
from fieldcheck.storage.signing_tables import SiteAckRow
from fieldcheck.storage.tables import (
    BlobRow,
    FindingRow,
    PersonRow,
    PhotoRow,
    SignatureRow,
    SiteRow,
)


class FactsRecord(NamedTuple):
    """A finding's covered fields joined with its site's."""

    id: str
    inspection_id: str
    site_id: str
    site_name: str
    site_uscc: str | None
    description: str
    place: str
    criteria_id: str | None
    clause_ref: str | None
    legal_basis: str | None
    checklist_id: str | None
    item_id: str | None
    found_at: datetime
    found_by: str
    level: str
    major_status: str | None
    status: str
    frozen: bool


class PhotoRecord(NamedTuple):
    """A photo's hash as linked to a finding."""

    finding_id: str
    sha256: str
    kind: str
    imported_at: datetime


class AckRecord(NamedTuple):
    """The site's signature or refusal, as covered by the inspector's signature."""

    id: str
    finding_id: str
    outcome: str
    site_rep_name: str
    site_rep_id: str | None
    handwriting_sha256: str | None
    witness_name: str
    witness_id: str | None
    reason: str
    recorded_by: str
    recorded_at: datetime
    signature_id: str


def ack_record(row: SiteAckRow) -> AckRecord:
    """A detached, plain copy of an acknowledgement row."""
    return AckRecord._make(getattr(row, f) for f in AckRecord._fields)


_SIG_COLS: list[Any] = [getattr(SignatureRow, f) for f in Signature._fields]
_FACT_COLS: list[Any] = [
    FindingRow.id,
    FindingRow.inspection_id,
    FindingRow.site_id,
    SiteRow.name,
    SiteRow.uscc,
    FindingRow.description,
    FindingRow.place,
    FindingRow.criteria_id,
    FindingRow.clause_ref,
    FindingRow.legal_basis,
    FindingRow.checklist_id,
    FindingRow.item_id,
    FindingRow.found_at,
    FindingRow.found_by,
    FindingRow.level,
    FindingRow.major_status,
    FindingRow.status,
    FindingRow.frozen,
]


_PHOTO_COLS: list[Any] = [PhotoRow.finding_id, PhotoRow.sha256, PhotoRow.kind, PhotoRow.imported_at]


def _sig(row: Any) -> Signature:
    return Signature._make([*row[:11], aware(row[11])])


def _fact(row: Any) -> FactsRecord:
    values = list(row)
    values[12] = aware(values[12])
    return FactsRecord(*values)


# --- signatures and acknowledgements ---------------------------------------------


def signature_to_row(sig: Signature, row: SignatureRow | None = None) -> SignatureRow:
    return SignatureRow(**sig._asdict()) if row is None else fill(row, sig._asdict())


def add_signature(s: Session, sig: Signature) -> dict[str, Any]:
    """Store a signature; the stored record as JSON (what the audit and the outbox carry)."""
    row = signature_to_row(sig)
    s.add(row)
    s.flush()  # the signature row must exist before a site_ack row points at it
    return row.model_dump(mode="json")


def signatures_of(s: Session, subject_kind: str, subject_id: str) -> list[Signature]:
    """The signatures on one subject, oldest first."""
    q = sa_select(*_SIG_COLS).where(
        col(SignatureRow.subject_kind) == subject_kind, col(SignatureRow.subject_id) == subject_id
    )
    rows = s.execute(q.order_by(col(SignatureRow.signed_at), col(SignatureRow.id))).all()
    return [_sig(r) for r in rows]


def has_signature(s: Session, finding_id: str, purpose: str) -> bool:
    """Whether a signature of this purpose names the finding (for guards in other services)."""
    q = select(SignatureRow.id).where(
        SignatureRow.subject_kind == "finding",
        SignatureRow.subject_id == finding_id,
        SignatureRow.purpose == purpose,
    )
    return s.exec(q.limit(1)).first() is not None


def has_signature_since(s: Session, finding_id: str, purpose: str, since: datetime) -> bool:
    """Whether a signature of this purpose names the finding and was made at or after since."""
    q = select(SignatureRow.id).where(
        SignatureRow.subject_kind == "finding",
        SignatureRow.subject_id == finding_id,
        SignatureRow.purpose == purpose,
        col(SignatureRow.signed_at) >= since,
    )
    return s.exec(q.limit(1)).first() is not None


def add_site_ack(s: Session, ack: AckRecord) -> None:
    s.add(SiteAckRow(**ack._asdict()))


def acks_of(s: Session, finding_id: str) -> list[AckRecord]:
    q = select(SiteAckRow).where(SiteAckRow.finding_id == finding_id)
    return [ack_record(r) for r in s.exec(q.order_by(col(SiteAckRow.recorded_at))).all()]


def acks_by_signature(s: Session) -> dict[str, AckRecord]:
    return {r.signature_id: ack_record(r) for r in s.exec(select(SiteAckRow)).all()}


def ensure_blob(s: Session, *, sha256: str, size: int, mime: str, at: datetime) -> None:
    """Record a stored file in the blob table unless it is there already."""
    if s.get(BlobRow, sha256) is None:
        s.add(BlobRow(sha256=sha256, bytes=size, mime=mime, stored_at=at))


# --- facts of findings ----------------------------------------------------------


def _facts_query() -> Any:
    return sa_select(*_FACT_COLS).join(SiteRow, col(SiteRow.id) == col(FindingRow.site_id))


def finding_facts(s: Session, finding_id: str) -> FactsRecord | None:
    row = s.execute(_facts_query().where(col(FindingRow.id) == finding_id)).first()
    return None if row is None else _fact(row)


def photos_of(s: Session, finding_ids: Iterable[str]) -> list[PhotoRecord]:
    ids = list(finding_ids)
    q = sa_select(*_PHOTO_COLS)
    rows = s.execute(q.where(col(PhotoRow.finding_id).in_(ids))).all()
    return [PhotoRecord(r[0], r[1], r[2], aware(r[3])) for r in rows]


def person_names(s: Session) -> dict[str, str]:
    return {r[0]: r[1] for r in s.execute(sa_select(col(PersonRow.id), col(PersonRow.name))).all()}


def major_findings(s: Session, major_status: str) -> list[Finding]:
    """Current (not superseded) findings with the given major status, oldest first."""
    q = select(FindingRow).where(FindingRow.major_status == major_status, current_finding())
    return [finding_from_row(r) for r in s.exec(q.order_by(col(FindingRow.found_at)))]
