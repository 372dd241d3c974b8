# SPDX-License-Identifier: Apache-2.0
"""Issued documents, their numbers, and the document settings kept in ``meta``."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlmodel import Session, col, select

from fieldcheck.core.errors import NotFoundError
from fieldcheck.core.ids import new_id
from fieldcheck.core.models import Finding, FindingEvent, Notice, Site
from fieldcheck.core.terms import NoticeKind
from fieldcheck.storage.queries import at_site, current_finding
from fieldcheck.storage.records import (
    aware,
    event_from_row,
    fill,
    finding_from_row,
    site_from_row,
)
from fieldcheck.storage.tables import (
    FindingEventRow,
    FindingRow,
    InspectionRow,
    Meta,
    NoticeRow,
    NumberSequenceRow,
    PersonRow,
    PhotoRow,
    SiteRow,
)

SETTING_PREFIX = "notice."
DEVICE_CODE_KEY = "notice.device_code"
DEVICE_ID_KEY = "device_id"
# Crockford-style base32 without I, L, O, U: codes read aloud and typed without mix-ups.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_CHARS = 6  # 30 bits: two of a county's devices sharing a code is a one-in-a-million event


def get_setting(s: Session, key: str) -> str:
    row = s.get(Meta, SETTING_PREFIX + key)
    return row.value if row else ""


def settings(s: Session) -> dict[str, str]:
    """Every document setting (notice.* in meta) without its prefix."""
    rows = s.exec(select(Meta).where(col(Meta.key).startswith(SETTING_PREFIX)))
    return {r.key[len(SETTING_PREFIX) :]: r.value for r in rows}


def set_setting(s: Session, key: str, value: str) -> None:
    row = s.get(Meta, SETTING_PREFIX + key) or Meta(key=SETTING_PREFIX + key, value="")
    row.value = value
    s.add(row)


def device_code(s: Session) -> str:
    """This device's code in document numbers; made once from the device id and kept."""
    row = s.get(Meta, DEVICE_CODE_KEY)
    if row is not None:
        return row.value
    device = s.get(Meta, DEVICE_ID_KEY)
    if device is None:
        device = Meta(key=DEVICE_ID_KEY, value=new_id())
        s.add(device)
    value = int.from_bytes(hashlib.sha256(device.value.encode()).digest()[:8], "big")
    code = "".join(CODE_ALPHABET[(value >> (5 * i)) & 31] for i in range(CODE_CHARS))
    s.add(Meta(key=DEVICE_CODE_KEY, value=code))
    return code


def set_device_code(s: Session, code: str) -> None:
    """Adopt code (the server-issued serial's) as this device's numbering code."""
    row = s.get(Meta, DEVICE_CODE_KEY) or Meta(key=DEVICE_CODE_KEY, value="")
    row.value = code
    s.add(row)


def peek_sequence(s: Session, kind: str, year: int) -> int:
    """The number of kind in year that next_sequence would take (nothing is taken)."""
    row = s.get(NumberSequenceRow, (kind, year))
    return row.next_value if row else 1


def next_sequence(s: Session, kind: str, year: int) -> int:
    """Take the next number of kind in year; the caller's transaction makes it stick or not."""
    row = s.get(NumberSequenceRow, (kind, year))
    if row is None:
        row = NumberSequenceRow(kind=kind, year=year, next_value=1)
    value = row.next_value
    row.next_value = value + 1
    s.add(row)
    return value


def number_taken(s: Session, number: str) -> bool:
    return s.exec(select(NoticeRow.id).where(NoticeRow.number == number)).first() is not None


def notice_of(row: NoticeRow) -> Notice:
    """The domain record of a stored notice."""
    return Notice(
        id=row.id,
        kind=NoticeKind(row.kind),
        number=row.number,
        inspection_id=row.inspection_id,
        site_id=row.site_id,
        issued_by=row.issued_by,
        issued_at=row.issued_at,
        finding_ids=list(json.loads(row.finding_ids_json)),
        refers_to=row.refers_to,
        voided=row.voided,
        void_reason=row.void_reason,
    )


def _row(s: Session, ident: str) -> NoticeRow:
    row = (
        s.get(NoticeRow, ident)
        or s.exec(select(NoticeRow).where(NoticeRow.number == ident)).first()
    )
    if row is None:
        raise NotFoundError("notice", ident)
    return row


def find_notice(s: Session, ident: str) -> Notice:
    """A notice by id or by its number."""
    return notice_of(_row(s, ident))


def find_with_payload(s: Session, ident: str) -> tuple[Notice, str]:
    """A notice (by id or number) and the canonical JSON of the data it was issued with."""
    row = _row(s, ident)
    return notice_of(row), row.payload_json


def notice_values(notice: Notice, payload_json: str) -> dict[str, Any]:
    """The columns of a notice with its frozen document data (when it was voided here is
    set by ``void_notice`` alone)."""
    return {
        "id": notice.id,
        "kind": notice.kind.value,
        "number": notice.number,
        "inspection_id": notice.inspection_id,
        "site_id": notice.site_id,
        "issued_by": notice.issued_by,
        "issued_at": notice.issued_at,
        "finding_ids_json": json.dumps(notice.finding_ids),
        "refers_to": notice.refers_to,
        "voided": notice.voided,
        "void_reason": notice.void_reason,
        "payload_json": payload_json,
    }


def notice_to_row(notice: Notice, payload_json: str, row: NoticeRow | None = None) -> NoticeRow:
    data = notice_values(notice, payload_json)
    return NoticeRow(**data) if row is None else fill(row, data)


def add_notice(s: Session, notice: Notice, payload_json: str) -> None:
    """Store a newly issued notice with its frozen document data."""
    s.add(notice_to_row(notice, payload_json))


def void_notice(s: Session, ident: str, reason: str, at: datetime) -> Notice:
    """Mark a notice void (it keeps its number and row); the voided record."""
    row = _row(s, ident)
    row.voided, row.void_reason, row.voided_at = True, reason, at
    s.add(row)
    return notice_of(row)


@dataclass(frozen=True)
class NoticeListing:
    """One line of `notice list`."""

    id: str
    number: str
    kind: str
    inspection_id: str
    site_id: str
    site_name: str
    issued_by: str
    issued_at: datetime
    voided: bool
    void_reason: str


def list_notices(s: Session, *, site_id: str | None = None) -> list[NoticeListing]:
    """Notices newest first, with the site's name."""
    q = select(NoticeRow, SiteRow.name).join(SiteRow, col(SiteRow.id) == col(NoticeRow.site_id))
    if site_id:
        q = q.where(at_site(s, NoticeRow.site_id, site_id))
    rows = s.exec(q.order_by(col(NoticeRow.issued_at).desc(), col(NoticeRow.id).desc()))
    return [
        NoticeListing(
            n.id,
            n.number,
            n.kind,
            n.inspection_id,
            n.site_id,
            name,
            n.issued_by,
            aware(n.issued_at),
            n.voided,
            n.void_reason,
        )
        for n, name in rows
    ]


def latest_notice(s: Session, site_id: str, kinds: Iterable[str]) -> Notice | None:
    """The newest valid (not voided) notice of these kinds for a site."""
    q = select(NoticeRow).where(
        at_site(s, NoticeRow.site_id, site_id),
        col(NoticeRow.kind).in_(list(kinds)),
        col(NoticeRow.voided).is_(False),
    )
    row = s.exec(q.order_by(col(NoticeRow.issued_at).desc()).limit(1)).first()
    return None if row is None else notice_of(row)


def numbers_by_finding(s: Session) -> dict[str, list[str]]:
    """For each finding, the numbers of the valid notices that name it, oldest first."""
    out: dict[str, list[str]] = {}
    q = select(NoticeRow).where(col(NoticeRow.voided).is_(False))
    for row in s.exec(q.order_by(col(NoticeRow.issued_at))):
        for fid in json.loads(row.finding_ids_json):
            out.setdefault(fid, []).append(row.number)
    return out


def events_by_finding(s: Session) -> dict[str, list[FindingEvent]]:
    """Every finding's events, oldest first (for the dates of each step in the ledger)."""
    out: dict[str, list[FindingEvent]] = {}
    q = select(FindingEventRow).order_by(col(FindingEventRow.at), col(FindingEventRow.id))
    for ev in s.exec(q):
        out.setdefault(ev.finding_id, []).append(event_from_row(ev))
    return out


class NoticePhoto(NamedTuple):
    """What a document's photo appendix says of a photo."""

    id: str
    finding_id: str
    sha256: str
    taken_at: datetime | None
    imported_at: datetime


def photos_of(s: Session, finding_ids: Sequence[str], kind: str) -> list[NoticePhoto]:
    """The photos of one kind (evidence / rectification) of these findings, in import order."""
    if not finding_ids:
        return []
    q = select(PhotoRow).where(
        col(PhotoRow.finding_id).in_(list(finding_ids)), PhotoRow.kind == kind
    )
    rows = s.exec(q.order_by(col(PhotoRow.imported_at), col(PhotoRow.id)))
    return [NoticePhoto(r.id, r.finding_id, r.sha256, r.taken_at, r.imported_at) for r in rows]


def inspection_findings(s: Session, inspection_id: str) -> list[Finding]:
    """The current (not corrected) findings of an inspection, in the order they were found."""
    q = select(FindingRow).where(FindingRow.inspection_id == inspection_id, current_finding())
    return [
        finding_from_row(r)
        for r in s.exec(q.order_by(col(FindingRow.found_at), col(FindingRow.id)))
    ]


def open_inspections(s: Session) -> list[tuple[str, str, str]]:
    """(inspection id, first inspector id, their role) of inspections with unassigned
    hazards and a 法定代表人 on file, newest first: where a demo can issue notices."""
    q = (
        select(InspectionRow.id, InspectionRow.inspector_ids_json, PersonRow.role)
        .join(FindingRow, col(FindingRow.inspection_id) == col(InspectionRow.id))
        .join(SiteRow, col(SiteRow.id) == col(InspectionRow.site_id))
        .join(PersonRow, col(PersonRow.id) == col(InspectionRow.created_by))
        .where(FindingRow.status == "found", SiteRow.legal_rep != "")
        .distinct()
        .order_by(col(InspectionRow.started_at).desc())
    )
    return [(i, json.loads(ids)[0], role) for i, ids, role in s.exec(q)]


def ledger_pairs(s: Session) -> list[tuple[Finding, Site]]:
    """Every current (not corrected) finding with its site, by site then time found."""
    q = (
        select(FindingRow, SiteRow)
        .join(SiteRow, col(SiteRow.id) == col(FindingRow.site_id))
        .where(current_finding())
        .order_by(col(SiteRow.name), col(FindingRow.found_at), col(FindingRow.id))
    )
    return [(finding_from_row(f), site_from_row(site)) for f, site in s.exec(q)]
