# SPDX-License-Identifier: Apache-2.0
"""What a pushed record is, where it belongs, and whether this device may write it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from fieldcheck.core.models import (
    Finding,
    FindingEvent,
    Inspection,
    ItemResult,
    Level,
    Person,
    Site,
)
from fieldcheck.sync.protocol import DeviceRole, Entity
from fieldcheck.sync.records import PersonKeyRecord, PhotoRecord, SignatureRecord
from fieldcheck.sync.wire import NoticeV1

MODELS: dict[Entity, type[BaseModel]] = {
    Entity.SITE: Site,
    Entity.PERSON: Person,
    Entity.INSPECTION: Inspection,
    Entity.ITEM_RESULT: ItemResult,
    Entity.FINDING: Finding,
    Entity.FINDING_EVENT: FindingEvent,
    Entity.PHOTO: PhotoRecord,
    Entity.NOTICE: NoticeV1,  # with its payload and signed PDF since protocol 1.1
    Entity.SIGNATURE: SignatureRecord,
    Entity.PERSON_KEY: PersonKeyRecord,
}

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
    """A pushed record is malformed; the whole batch is refused with 422."""


class Forbidden(Exception):
    """A pushed record is outside what the device may write; the batch is refused with 403."""


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


def parse(index: int, entity: Entity, entity_id: str, content: dict[str, Any]) -> Parsed:
    """Validate one record against the domain model; RecordProblem names what and where."""
    where = f"changes[{index}] ({entity.value} {entity_id})"
    try:
        record = MODELS[entity].model_validate(content)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"]) or entity.value
        raise RecordProblem(f"{where}: {loc}: {err['msg']}") from None
    if getattr(record, "id", None) != entity_id:
        raise RecordProblem(f"{where}: content id {content.get('id')!r} differs from entity_id")
    parent = None
    if entity in PARENTS:
        field, kind = PARENTS[entity]
        parent = (kind, str(getattr(record, field)))
    elif entity is Entity.SIGNATURE:
        assert isinstance(record, SignatureRecord)
        try:
            parent = (Entity(record.subject_kind), record.subject_id)
        except ValueError:
            raise RecordProblem(
                f"{where}: subject_kind {record.subject_kind!r} is not a kind of record"
            ) from None
    own = None
    if isinstance(record, Site):
        own = record.jurisdiction
    elif isinstance(record, Person):
        own = record.jurisdiction or None
    finding_id: str | None = None
    major = False
    if isinstance(record, Finding):
        finding_id = record.id
        major = record.level is Level.MAJOR or record.major_status is not None
    elif isinstance(record, FindingEvent | PhotoRecord):
        finding_id = record.finding_id
    elif isinstance(record, SignatureRecord) and record.subject_kind == Entity.FINDING.value:
        finding_id = record.subject_id
    blob = record.sha256 if isinstance(record, PhotoRecord) else None
    if isinstance(record, SignatureRecord) and record.site_ack is not None:
        blob = record.site_ack.handwriting_sha256  # the signed image must be on the server
    if isinstance(record, NoticeV1) and record.pdf is not None:
        blob = record.pdf.sha256  # and a notice's signed PDF
    supersedes = record.supersedes if isinstance(record, Finding) else None
    return Parsed(entity, entity_id, parent, own, finding_id, major, blob, supersedes)


def may_write(role: DeviceRole, entity: Entity) -> bool:
    """Whether a device with role may push records of this kind."""
    return entity in WRITES[role]
