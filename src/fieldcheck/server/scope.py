# SPDX-License-Identifier: Apache-2.0
"""What a pushed record is, where it belongs, and whether this device may write it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldcheck.sync import refusals, wire
from fieldcheck.sync.protocol import DeviceRole, Entity

# The field naming the record a child hangs from, and that parent's kind.
PARENTS: dict[Entity, tuple[str, Entity]] = {
    Entity.INSPECTION: ("site_id", Entity.SITE),
    Entity.ITEM_RESULT: ("inspection_id", Entity.INSPECTION),
    Entity.FINDING: ("site_id", Entity.SITE),
    Entity.FINDING_EVENT: ("finding_id", Entity.FINDING),
    Entity.PHOTO: ("finding_id", Entity.FINDING),
    Entity.NOTICE: ("site_id", Entity.SITE),
    Entity.PERSON_KEY: ("person_id", Entity.PERSON),
}

ALL = frozenset(Entity) - {Entity.KEY_ATTESTATION}  # the server alone attests keys
WRITES: dict[DeviceRole, frozenset[Entity]] = {
    DeviceRole.GRID: ALL,
    DeviceRole.ENFORCEMENT: ALL,
    # Experts confirm or downgrade major hazards, sign, and add photos of what they saw.
    DeviceRole.EXPERT: frozenset(
        {
            Entity.FINDING,
            Entity.FINDING_EVENT,
            Entity.PHOTO,
            Entity.SIGNATURE,
            Entity.PERSON,
            Entity.PERSON_KEY,
        }
    ),
    # Supervisors follow up (挂牌督办) through events and signatures; they record no sites.
    DeviceRole.SUPERVISOR: frozenset(
        {Entity.FINDING_EVENT, Entity.SIGNATURE, Entity.PERSON, Entity.PERSON_KEY}
    ),
}

# Experts see only what they review: major hazards, with the places they were found.
EXPERT_CONTEXT = frozenset(
    {Entity.SITE, Entity.INSPECTION, Entity.PERSON, Entity.PERSON_KEY, Entity.KEY_ATTESTATION}
)


class RecordProblem(Exception):
    """A pushed record is malformed: refused with a receipt carrying ``code``
    (sync/refusals.py); outside a push, a 422."""

    def __init__(self, message: str, code: str = refusals.WRONG_FIELDS) -> None:
        super().__init__(message)
        self.code = code


class Forbidden(Exception):
    """A pushed record is outside what the device may write: refused with a receipt
    carrying ``code``; outside a push, a 403."""

    def __init__(self, message: str, code: str = refusals.ROLE_FORBIDDEN) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Refusal:
    """Why one record of a push is refused: a code (sync/refusals.py) and, in English,
    which record and what."""

    code: str
    reason: str


@dataclass(frozen=True)
class Parsed:
    """A validated record and the facts the server files it under."""

    entity: Entity
    entity_id: str
    parent: tuple[Entity, str] | None
    own_jurisdiction: str | None  # sites and people carry their own
    finding_id: str | None
    major: bool
    blob: str | None  # photos: the original they need
    supersedes: str | None = None  # findings: the version this one corrects


def where(index: int, entity: str, entity_id: str) -> str:
    """The words that name a pushed record in a refusal: ``changes[3] (finding <id>)``.
    Called only when a record is refused, not for each record checked (``entity``: an
    Entity, whose value it shows, or that value)."""
    return f"changes[{index}] ({entity} {entity_id})"


def parse(
    index: int, entity: Entity, entity_id: str, content: dict[str, Any], text: str | None = None
) -> Parsed:
    """Validate one record against its kind's strict protocol-1 wire model (sync/wire.py):
    unknown fields, wrong types, over-long text and bad times are refused; RecordProblem
    names the record, its kind and the field. ``text``: its canonical JSON, if known."""
    if entity not in wire.V1:
        raise RecordProblem(
            f"{where(index, entity, entity_id)}: "
            "records of this kind are written by the server only",
            refusals.SERVER_ONLY,
        )
    try:
        record = wire.from_wire(entity, content, text)
    except wire.WireProblem as exc:
        raise RecordProblem(f"{where(index, entity, entity_id)}: {exc}") from None
    if record.id != entity_id:
        raise RecordProblem(
            f"{where(index, entity, entity_id)}: content id {record.id!r} differs from entity_id"
        )
    parent = None
    if entity in PARENTS:
        field, kind = PARENTS[entity]
        parent = (kind, str(getattr(record, field)))
    elif isinstance(record, wire.SignatureV1):
        try:
            parent = (Entity(record.subject_kind), record.subject_id)
        except ValueError:
            raise RecordProblem(
                f"{where(index, entity, entity_id)}: "
                f"subject_kind {record.subject_kind!r} is not a kind of record"
            ) from None
    own = None
    if isinstance(record, wire.SiteV1):
        own = record.jurisdiction
    elif isinstance(record, wire.PersonV1):
        own = record.jurisdiction or None
    finding_id: str | None = None
    major = False
    blob: str | None = None
    supersedes: str | None = None
    match record:
        case wire.FindingV1():
            finding_id = record.id
            major = record.level == "major" or record.major_status is not None
            supersedes = record.supersedes
        case wire.FindingEventV1():
            finding_id = record.finding_id
        case wire.PhotoV1():
            finding_id, blob = record.finding_id, record.sha256
        case wire.SignatureV1():
            if record.subject_kind == Entity.FINDING.value:
                finding_id = record.subject_id
            if record.site_ack is not None:  # the signed image must be on the server
                blob = record.site_ack.handwriting_sha256
        case wire.NoticeV1() if record.pdf is not None:
            blob = record.pdf.sha256  # and a notice's signed PDF
    return Parsed(entity, entity_id, parent, own, finding_id, major, blob, supersedes)


def may_write(role: DeviceRole, entity: Entity) -> bool:
    """Whether a device with role may push records of this kind."""
    return entity in WRITES[role]
