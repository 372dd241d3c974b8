# SPDX-License-Identifier: Apache-2.0
"""The records that travel, as protocol version 1 spells them: one model per kind.

These models are the wire contract, written out field by field, apart from
``core.models`` and the storage tables: changing a core model or a table no longer
changes what a device sends. Each forbids unknown fields, so a record carrying a field
this protocol does not know is refused, never silently cut down.

The rule for a new protocol version: add ``<Kind>V2`` models under a new
``PROTOCOL_VERSION``, keep the V1 models and the recorded V1 traffic under
``tests/data/wire_v1/`` passing, and list the version in ``SUPPORTED_PROTOCOLS``. A minor
step (``PROTOCOL_MINOR``) only adds optional fields that a record of the earlier minor
never carries: 1.1 adds a notice's ``payload`` and ``pdf``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from fieldcheck.sync.protocol import MAX_BLOB_BYTES, PROTOCOL_VERSION, Entity, RecordId, Sha256

SUPPORTED_PROTOCOLS: frozenset[int] = frozenset({PROTOCOL_VERSION})

Text = Annotated[str, StringConstraints(max_length=4000)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Short = Annotated[str, StringConstraints(max_length=200)]


class WireRecord(BaseModel):
    """Base of every travelling record: unknown fields are an error; values are fixed."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: RecordId


class SiteV1(WireRecord):
    name: Name
    uscc: str | None = None
    address: Name
    industry: Short = ""
    kind_of_place: Short = ""
    jurisdiction: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    legal_rep: Short = ""
    contact_name: Short = ""
    contact_phone: Short = ""
    risk_level: Literal["low", "medium", "high", "major"] = "low"
    merged_into: str | None = None  # sent only once merged (an unmerged site omits it)


class PersonV1(WireRecord):
    name: Name
    role: Literal["grid", "enforcement", "expert", "supervisor", "site_rep"]
    unit: Short = ""
    certificate_no: Short = ""
    jurisdiction: Short = ""
    phone: Short = ""


class PersonKeyV1(WireRecord):
    person_id: str
    public_key_b64: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    reason: Text = ""


class ChecklistRefV1(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    checklist_id: str
    version: str
    sha256: str | None = None


class InspectionV1(WireRecord):
    site_id: str
    inspector_ids: list[str] = Field(min_length=1)
    kind: str = "routine"
    started_at: datetime
    finished_at: datetime | None = None
    checklists: list[ChecklistRefV1] = []
    location: Short = ""
    summary: Text = ""
    unfinished_reason: Text = ""  # sent only when ended 未完成 (an empty one is omitted)


class ItemResultV1(WireRecord):
    inspection_id: str
    checklist_id: str
    item_id: str
    outcome: str
    note: Text = ""


class BasisV1(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    checklist_id: str | None = None
    item_id: str | None = None
    criteria_id: str | None = None
    clause_ref: str | None = None
    legal_basis: str | None = None


class FindingV1(WireRecord):
    inspection_id: str
    site_id: str
    description: Name
    place: Short = ""
    basis: BasisV1 = BasisV1()
    level: Literal["general", "major"] = "general"
    major_status: str | None = None
    measures: Text = ""
    deadline: date | None = None
    status: str = "found"
    found_at: datetime
    found_by: str
    version: int = 1
    supersedes: str | None = None
    # 五落实 of a major hazard (责任人, 整改资金, 安全措施和应急预案): sent only when set, as
    # protocol 1 has spelled them since they were added (an empty one is omitted).
    responsible: Short = ""
    funds: Short = ""
    safety_plan: Text = ""


class FindingEventV1(WireRecord):
    finding_id: str
    action: str
    from_status: str | None
    to_status: str
    actor_id: str
    at: datetime
    note: Text = ""
    deadline: date | None = None


class PhotoV1(WireRecord):
    finding_id: str
    sha256: Sha256
    bytes: int = Field(ge=1, le=MAX_BLOB_BYTES)
    mime: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    kind: Annotated[str, StringConstraints(max_length=40)] = "evidence"
    width: int
    height: int
    taken_at: datetime | None = None
    taken_offset: str | None = None
    gps_lat: float | None = None
    gps_lon: float | None = None
    make: Short = ""
    model: Short = ""
    imported_at: datetime
    device_clock: datetime
    original_name: Short = ""
    imported_by: str = ""


class NoticePdfV1(BaseModel):
    """The signed PDF of a notice as it was frozen at issue (or once voided): its bytes
    travel apart, by SHA-256, as photo originals do."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    variant: Literal["issued", "voided"]
    sha256: Sha256
    bytes: int = Field(ge=1, le=MAX_BLOB_BYTES)
    pages: int = Field(ge=1, le=10_000)
    content_sha256: Sha256  # the digest of the payload it was rendered from


class NoticeV1(WireRecord):
    kind: Literal["record", "rectification", "order", "review"]
    number: str
    inspection_id: str
    site_id: str
    issued_by: str
    issued_at: datetime
    finding_ids: list[str] = []
    refers_to: str | None = None
    voided: bool = False
    void_reason: str = ""
    # Protocol 1.1 (PROTOCOL_MINOR): the frozen data the document was rendered from, and
    # its signed PDF, so another device re-renders it and the server checks its seal.
    # Optional, and absent from every notice of 1.0, whose content (and hash) stay.
    payload: dict[str, Any] | None = None
    pdf: NoticePdfV1 | None = None


class SiteAckV1(WireRecord):
    finding_id: str
    outcome: Literal["signed", "refused"]
    site_rep_name: str
    site_rep_id: str | None = None
    handwriting_sha256: Sha256 | None = None
    witness_name: str = ""
    witness_id: str | None = None
    reason: Text = ""
    recorded_by: str
    recorded_at: datetime
    signature_id: str


class SignatureV1(WireRecord):
    subject_kind: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    subject_id: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    signer_id: str
    key_id: str
    role: str
    purpose: str
    comment: Text = ""
    content_version: int = 1
    content_sha256: Sha256
    signature_b64: Annotated[str, StringConstraints(min_length=1, max_length=400)]
    public_key_b64: Annotated[str, StringConstraints(max_length=200)] = ""
    signed_at: datetime
    site_ack: SiteAckV1 | None = None  # a co-sign carries the record it covers


class KeyAttestationV1(WireRecord):
    """The server's signed word that a key is a person's (pulled only: the server writes
    it; its id is the key's). The fields are exactly what the server's key signed."""

    key_id: str
    person_id: str
    public_key_b64: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    role: Short
    jurisdiction: Short
    valid_from: Short  # UTC text exactly as signed
    valid_until: Short | None = None
    replaces: str | None = None
    device_id: Short
    attested_at: Short
    server_key_b64: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    signature_b64: Annotated[str, StringConstraints(min_length=1, max_length=400)]
    revoked_from: Short | None = None  # the county revoked the key from then on (signed)


V1: dict[Entity, type[WireRecord]] = {
    Entity.SITE: SiteV1,
    Entity.PERSON: PersonV1,
    Entity.PERSON_KEY: PersonKeyV1,
    Entity.INSPECTION: InspectionV1,
    Entity.ITEM_RESULT: ItemResultV1,
    Entity.FINDING: FindingV1,
    Entity.FINDING_EVENT: FindingEventV1,
    Entity.PHOTO: PhotoV1,
    Entity.NOTICE: NoticeV1,
    Entity.SIGNATURE: SignatureV1,
}
# What only the server writes and devices only pull.
PULLED_V1: dict[Entity, type[WireRecord]] = {Entity.KEY_ATTESTATION: KeyAttestationV1}


class WireProblem(ValueError):
    """A travelling record does not match its kind's wire model; the message says where."""


class ProtocolMismatch(Exception):
    """The other side speaks a sync protocol version this build cannot serve."""

    def __init__(self, theirs: int, side: Literal["device", "server"]) -> None:
        self.theirs = theirs
        self.side = side
        ours = ", ".join(str(v) for v in sorted(SUPPORTED_PROTOCOLS))
        if side == "device":
            todo = (
                "update the fieldcheck app on this device"
                if theirs < min(SUPPORTED_PROTOCOLS)
                else "update fieldcheck-server"
            )
            text = f"the device speaks sync protocol {theirs}; this server speaks {ours}"
        else:
            todo = (
                "update the fieldcheck app on this device"
                if theirs > max(SUPPORTED_PROTOCOLS)
                else "ask the administrator to update fieldcheck-server"
            )
            text = f"the server speaks sync protocol {theirs}; this app speaks {ours}"
        super().__init__(f"{text}: {todo}; nothing was sent or changed")


def from_wire(entity: Entity, content: dict[str, Any]) -> WireRecord:
    """The record as its kind's protocol-1 model; WireProblem names the field."""
    model = V1.get(entity) or PULLED_V1[entity]
    try:
        return model.model_validate(content)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"]) or entity.value
        raise WireProblem(f"{entity.value}: {loc}: {err['msg']}") from None


def to_wire(record: WireRecord) -> dict[str, Any]:
    """The JSON content a record travels as (every field, defaults included)."""
    return record.model_dump(mode="json")
