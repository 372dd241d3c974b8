# SPDX-License-Identifier: Apache-2.0
"""The sync wire format, shared by the device and the server (protocol version 1).

A device pushes record versions from its outbox in batches and gets one receipt per
record; photo bytes travel apart, by SHA-256, resumable by byte range; a pull returns
what changed since the device's cursor. Every model forbids unknown fields so a
mistyped or hostile field is refused rather than ignored.

This module is the envelope (versions, limits, push, pull, held, the device's own
messages); the records inside it are in ``wire.py`` (one model per kind) and
``records.py``; 专项行动 and 交办 beside the feed are in ``campaign_protocol.py`` and
``task_protocol.py``.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from fieldcheck.core.canonical import canonical_json as canonical_json

PROTOCOL_VERSION: Final = 1
# Minor steps add optional fields only (sync/wire.py): 1.1 lets a notice carry its frozen
# payload and signed PDF. A 1.0 device never sends them and the server takes its records
# as they are; a 1.0 server refuses a record carrying them, naming the field, and the
# device keeps it pending: the server is updated before its devices. 1.2: a rejected
# receipt carries a ``code`` (sync/refusals.py), given only to a device that asks
# (``POST /v1/push?codes=true``), and one refused record no longer refuses its batch.
# 1.3: ``POST /v1/blobs`` takes several whole originals in one request (BLOBS_HEADER names
# them in the body's order) and answers BlobsAnswer; a device that gets 404 or 405 from an
# older server sends them one by one as before.
PROTOCOL_MINOR: Final = 3
MAX_BATCH = 500  # records per push
MAX_PUSH_BYTES = 16 * 1024 * 1024  # one push request body
MAX_RECORD_BYTES = 256 * 1024  # one record's canonical JSON
MAX_CHUNK_BYTES = 8 * 1024 * 1024  # one blob upload request
MAX_BLOB_BYTES = 64 * 1024 * 1024  # one photo original
MAX_BLOBS_PER_REQUEST = 64  # whole originals in one POST /v1/blobs (its body: MAX_CHUNK_BYTES)
BLOBS_HEADER = "Fieldcheck-Blobs"  # "SHA256:SIZE,SHA256:SIZE,...": the body's originals in order
MAX_PULL = 1000  # records per pull page
MAX_HELD_QUERY = 1000  # record refs per "what do you hold" query

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
RecordId = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
]
Jurisdiction = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_-]{1,40}$")]


class Entity(StrEnum):
    """The kinds of record that travel; the names the device's outbox uses."""

    SITE = "site"
    PERSON = "person"
    INSPECTION = "inspection"
    ITEM_RESULT = "item_result"
    FINDING = "finding"
    FINDING_EVENT = "finding_event"
    PHOTO = "photo"
    NOTICE = "notice"
    SIGNATURE = "signature"
    PERSON_KEY = "person_key"
    # Written only by the server: its signed word that a key is a person's, in a role.
    KEY_ATTESTATION = "key_attestation"


# Evidence that is never edited: a second, different content under the same id is
# always a conflict, whatever base the device claims.
IMMUTABLE = frozenset({Entity.FINDING_EVENT, Entity.PHOTO, Entity.SIGNATURE})


class DeviceRole(StrEnum):
    """What an enrolled device's person does; decides what it may see and write."""

    GRID = "grid"
    ENFORCEMENT = "enforcement"
    EXPERT = "expert"
    SUPERVISOR = "supervisor"


def content_sha256(content: dict[str, Any]) -> str:
    """The SHA-256 that names one version of a record."""
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


class Wire(BaseModel):
    """Base of every wire model: unknown fields are an error."""

    model_config = ConfigDict(extra="forbid")


class Change(Wire):
    """One record version from a device's outbox."""

    entity: Entity
    entity_id: RecordId
    content: dict[str, Any]
    sha256: Sha256  # of canonical_json(content); the server recomputes it
    base_sha256: Sha256 | None = None  # the version this one was made from, if any


class PushRequest(Wire):
    """A batch of outbox records; the server applies it in one transaction."""

    protocol: int = PROTOCOL_VERSION  # the server answers another version with one clear 409
    batch_id: RecordId
    changes: list[Change] = Field(min_length=1, max_length=MAX_BATCH)


class ReceiptStatus(StrEnum):
    """What the server did with one record."""

    ACCEPTED = "accepted"  # stored as the current version
    DUPLICATE = "duplicate"  # this exact version was already stored
    CONFLICT = "conflict"  # kept beside the server's version, which stays current
    REJECTED = "rejected"  # not stored; reason says why; the device keeps it pending


SETTLED = frozenset({ReceiptStatus.ACCEPTED, ReceiptStatus.DUPLICATE, ReceiptStatus.CONFLICT})


class Receipt(Wire):
    """The server's answer for one record of a push."""

    entity: Entity
    entity_id: str
    sha256: str
    status: ReceiptStatus
    reason: str = ""
    code: str | None = None  # with a rejection: why, as a stable code (sync/refusals.py)
    server_sha256: str | None = None  # the server's current version after this batch
    server_content: dict[str, Any] | None = None  # given with a conflict: the other side


class PushResponse(Wire):
    """One receipt per pushed record, in the order they were sent."""

    protocol: int = PROTOCOL_VERSION
    batch_id: str
    receipts: list[Receipt]
    photos_waiting: list[str] = Field(default_factory=list)
    """Originals the server could not look up because its photo store is down; the
    records naming them were rejected (kept pending); upload and push them again later."""


class PulledRecord(Wire):
    """One accepted record version the device may see."""

    seq: int
    entity: Entity
    entity_id: str
    sha256: str
    content: dict[str, Any]


class WithheldRecord(Wire):
    """A record of the page the server held but did not send (it does not read), named."""

    seq: int
    entity: str
    entity_id: str
    reason: str  # in English


class PullResponse(Wire):
    """A page of changes after the device's cursor; pull again while ``more``."""

    protocol: int = PROTOCOL_VERSION
    records: list[PulledRecord]
    cursor: int  # give this back as ``since`` next time
    more: bool
    # Only to a device that asks (GET /v1/pull?withheld=true), and then always present: a
    # device that does not know the field never sees it, so protocol 1 is unchanged.
    withheld: list[WithheldRecord] | None = None


class BlobState(Wire):
    """How much of one photo original the server has."""

    sha256: str
    received: int  # bytes held so far; resume from here
    complete: bool  # stored and its hash checked


class BlobRefusal(Wire):
    """An original of a POST /v1/blobs that was not stored, and why (its bytes do not
    hash to its name, or part of it is already held from a ranged upload: resume that)."""

    sha256: str
    reason: str


class BlobsAnswer(Wire):
    """What POST /v1/blobs did with each original, in the request's order: ``blobs`` has
    one state per original (complete only when stored and hash-checked); ``refused`` says
    why for each that is not."""

    blobs: list[BlobState]
    refused: list[BlobRefusal] = []


class RecordRef(Wire):
    """A record asked about in a held query."""

    entity: Entity
    entity_id: RecordId


class HeldQuery(Wire):
    """Which versions of these records does the server hold?"""

    records: list[RecordRef] = Field(default_factory=list, max_length=MAX_HELD_QUERY)
    blobs: list[Sha256] = Field(default_factory=list, max_length=MAX_HELD_QUERY)


class HeldRecord(Wire):
    """The server's current version of one record and its kept conflicts."""

    entity: Entity
    entity_id: str
    sha256: str | None  # None: the server does not hold it
    versions: int
    conflicts: int


class HeldAnswer(Wire):
    """Per record and per photo: what the server holds."""

    records: list[HeldRecord]
    blobs: list[BlobState]


class Identity(Wire):
    """Who the presented credential belongs to."""

    protocol: int = PROTOCOL_VERSION
    device_id: str
    name: str
    role: DeviceRole
    jurisdiction: str
    # The server's own Ed25519 public key: devices pin it at login and accept people's
    # keys only with the server's attestation under it.
    server_key_b64: str = ""
    # The device's serial in the county's enrolment order: its code in document numbers.
    serial: int = 0


HomeToken = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32,64}$")]
HOME_HEADER = "X-Fieldcheck-Home"  # a push names the home's current check-in token


class HomeCheck(Wire):
    """A data directory checks in: the token the server last confirmed, and a fresh one."""

    current: HomeToken | None = None  # None: this directory never checked in
    next: HomeToken


class HomeAnswer(Wire):
    """The server took ``next`` as the directory's token; since when the credential is bound."""

    bound_at: datetime


class AnchorRequest(Wire):
    """The newest entry of the device's audit chain, to be anchored at the server."""

    seq: int = Field(ge=1, le=2**62)
    hash: Sha256


class AnchorReceipt(Wire):
    """The server's signed receipt for an anchored audit chain head (signing/anchor.py)."""

    device_id: str
    seq: int
    hash: str
    anchored_at: str
    server_key_b64: str
    signature_b64: str


class Health(Wire):
    """The health endpoint's answer."""

    status: Literal["ok"]
    protocol: int
    database: str


class Counts(Wire):
    """The same counts the device's `status --json` reports."""

    sites: int
    inspections: int
    findings: int
    photos: int
