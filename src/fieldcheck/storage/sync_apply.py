# SPDX-License-Identifier: Apache-2.0
"""Applying a record pulled from the server to the device's tables, idempotently.

A pulled record arrives here already read through its kind's wire model and turned
into the record a local write takes (a core model, or the plain record a repository
takes: ``services/sync/pulled.decode``). It is written by the same mapper as a local
write (``records.site_to_row``, ``finding_to_row``, ``notice_repo.notice_to_row``,
``signing_repo.signature_to_row``...), so no column is matched by its name. What is
the device's own business stays as it is here: a finding's evidence state (frozen,
superseded by), a key's sealed private half, when a row was first made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from typing import Any, NamedTuple

from sqlmodel import Session, SQLModel

from fieldcheck.core.models import (
    Finding,
    FindingEvent,
    Inspection,
    ItemResult,
    Notice,
    Person,
    Photo,
    Site,
)
from fieldcheck.core.signature import Signature
from fieldcheck.storage.issued_pdfs import FrozenPdf
from fieldcheck.storage.key_repo import SealedKey, key_to_row
from fieldcheck.storage.notice_repo import notice_to_row, notice_values
from fieldcheck.storage.photo_repo import photo_values
from fieldcheck.storage.records import (
    event_to_row,
    event_values,
    fill,
    finding_to_row,
    finding_values,
    inspection_to_row,
    inspection_values,
    item_result_to_row,
    item_result_values,
    person_to_row,
    person_values,
    site_to_row,
    site_values,
)
from fieldcheck.storage.signing_repo import AckRecord, signature_to_row
from fieldcheck.storage.signing_tables import SiteAckRow
from fieldcheck.storage.sync_tables import KeyAttestationRow
from fieldcheck.storage.tables import (
    BlobRow,
    FindingEventRow,
    FindingRow,
    InspectionRow,
    IssuedPdfRow,
    ItemResultRow,
    NoticeRow,
    PersonKeyRow,
    PersonRow,
    PhotoRow,
    SignatureRow,
    SiteRow,
)


class PulledNotice(NamedTuple):
    """A notice, the canonical JSON of its frozen document data and its signed PDF as
    frozen where it was issued (None: not with this version, as before protocol 1.1, so
    what this device holds stays)."""

    notice: Notice
    payload_json: str | None
    pdf: FrozenPdf | None = None


class PulledSignature(NamedTuple):
    """A signature and the site acknowledgement it covers, if any."""

    sig: Signature
    ack: AckRecord | None


class PulledAttestation(NamedTuple):
    """The server's signed word on a key, exactly as signed."""

    key_id: str
    person_id: str
    public_key_b64: str
    role: str
    jurisdiction: str
    valid_from: str
    valid_until: str | None
    replaces: str | None
    device_id: str
    attested_at: str
    server_key_b64: str
    signature_b64: str
    revoked_from: str | None = None


Inbound = (
    Site
    | Person
    | Inspection
    | ItemResult
    | Finding
    | FindingEvent
    | Photo
    | PulledNotice
    | PulledSignature
    | SealedKey
    | PulledAttestation
)

# Reads a pulled record's content through its kind's wire model into an Inbound record
# (services/sync/pulled.decode); raises, naming the field, when it does not fit.
Decode = Callable[[str, dict[str, Any]], Inbound]

# Each kind's table, in the order that puts what is referenced first.
TABLES: dict[str, type[SQLModel]] = {
    "site": SiteRow,
    "person": PersonRow,
    "inspection": InspectionRow,
    "item_result": ItemResultRow,
    "finding": FindingRow,
    "finding_event": FindingEventRow,
    "photo": PhotoRow,
    "notice": NoticeRow,
    "signature": SignatureRow,
    "person_key": PersonKeyRow,
    "key_attestation": KeyAttestationRow,
}


def identity(record: Inbound) -> tuple[str, str]:
    """(kind, id) of a pulled record, as the outbox and the server name it."""
    match record:
        case Site():
            return "site", record.id
        case Person():
            return "person", record.id
        case Inspection():
            return "inspection", record.id
        case ItemResult():
            return "item_result", record.id
        case Finding():
            return "finding", record.id
        case FindingEvent():
            return "finding_event", record.id
        case Photo():
            return "photo", record.id
        case PulledNotice():
            return "notice", record.notice.id
        case PulledSignature():
            return "signature", record.sig.id
        case PulledAttestation():
            return "key_attestation", record.key_id
        case _:
            return "person_key", record.id


def values_of(record: Inbound, now: datetime) -> dict[str, Any]:
    """The columns of a new row for a pulled record (the same mapping as :func:`to_row`,
    as plain values: a page of new records goes in as one INSERT per table)."""
    match record:
        case Site():
            return site_values(record, now)
        case Person():
            return person_values(record, now)
        case Inspection():
            return inspection_values(record, "", now)
        case ItemResult():
            return item_result_values(record, now)
        case Finding():
            return finding_values(record, now)
        case FindingEvent():
            return event_values(record)
        case Photo():
            return photo_values(record)
        case PulledNotice():
            return notice_values(record.notice, record.payload_json or "{}")
        case PulledSignature():
            return dict(record.sig._asdict())
        case PulledAttestation():
            return dict(record._asdict())
        case _:
            return dict(record._asdict())


def to_row(record: Inbound, now: datetime, existing: Any = None) -> SQLModel:
    """The row of a pulled record: a new one, or existing with the record written over it."""
    match record:
        case Site():
            return site_to_row(record, now, existing)
        case Person():
            return person_to_row(record, now, existing)
        case Inspection():
            return inspection_to_row(record, "", now, existing)
        case ItemResult():
            return item_result_to_row(record, now, existing)
        case Finding():
            return finding_to_row(record, now, existing)
        case FindingEvent():
            return event_to_row(record, existing)
        case Photo():
            data = photo_values(record)
            return PhotoRow(**data) if existing is None else fill(existing, data)
        case PulledNotice():
            kept = existing.payload_json if existing is not None else "{}"
            return notice_to_row(record.notice, record.payload_json or kept, existing)
        case PulledSignature():
            return signature_to_row(record.sig, existing)
        case PulledAttestation():
            data = dict(record._asdict())
            return KeyAttestationRow(**data) if existing is None else fill(existing, data)
        case _:
            return key_to_row(record, existing)


def apply_record(s: Session, record: Inbound, now: datetime) -> None:
    """Insert or update the local row for one pulled record."""
    entity, ident = identity(record)
    existing: Any = s.get(TABLES[entity], ident)
    if isinstance(record, SealedKey) and existing is not None:
        _same_key(existing, record)
    if isinstance(record, Photo):
        _ensure_blob(s, record, now)
    s.add(to_row(record, now, existing))
    s.flush()
    ack = record.ack if isinstance(record, PulledSignature) else None
    if ack is not None:
        _same_signature(s.get(SiteAckRow, ack.id), ack)
    if ack is not None and s.get(SiteAckRow, ack.id) is None:
        # After its signature row (the foreign key); the image's blob row is already there.
        s.add(SiteAckRow(**ack._asdict()))
        s.flush()
    pdf = record.pdf if isinstance(record, PulledNotice) else None
    if pdf is not None and s.get(IssuedPdfRow, (pdf.notice_id, pdf.variant)) is None:
        # The file is already under documents/ (downloaded, hash-checked, copied).
        s.add(IssuedPdfRow(**asdict(pdf)))
        s.flush()
    for fid in freezes(record):
        row = s.get(FindingRow, fid)
        if row is not None and not row.frozen:
            row.frozen = True
            s.add(row)
    if isinstance(record, Finding) and record.supersedes:
        old = s.get(FindingRow, record.supersedes)
        if old is not None and old.superseded_by != ident:
            old.superseded_by = ident
            s.add(old)


class SetAsideProblem(ValueError):
    """A pulled record this device refuses to write, with the code a person's words are
    chosen by (storage/quarantine.code_of)."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(text)
        self.aside_code = code


def _same_key(existing: PersonKeyRow, key: SealedKey) -> None:
    """A key's public half and owner never change; only its revocation arrives later."""
    if (key.public_key_b64, key.person_id) != (existing.public_key_b64, existing.person_id):
        raise SetAsideProblem(
            "key_replaced",
            f"key {key.id} arrived with another public key or owner than the one "
            "this device holds; a key is never replaced, so it was set aside",
        )


def _same_signature(held: SiteAckRow | None, ack: AckRecord) -> None:
    """A site acknowledgement is covered by the one signature made over it, for ever: one
    arriving under another signature is refused (the caller sets the record aside)."""
    if held is not None and held.signature_id != ack.signature_id:
        raise SetAsideProblem(
            "moved_site_ack",
            f"site acknowledgement {ack.id} arrived covered by signature {ack.signature_id}, "
            f"but signature {held.signature_id} covers it here; an acknowledgement never "
            "moves to another signature, so it was set aside",
        )


def freezes(record: Inbound) -> list[str]:
    """The findings a pulled record freezes here too: those another device signed or put
    on a notice."""
    if isinstance(record, PulledSignature) and record.sig.subject_kind == "finding":
        return [record.sig.subject_id]
    if isinstance(record, PulledNotice):
        return list(record.notice.finding_ids)
    return []


def _ensure_blob(s: Session, photo: Photo, now: datetime) -> None:
    # The original itself is already in the photo store (downloaded and hash-checked).
    if s.get(BlobRow, photo.sha256) is None:
        s.add(BlobRow(sha256=photo.sha256, bytes=photo.bytes, mime=photo.mime, stored_at=now))
        s.flush()
