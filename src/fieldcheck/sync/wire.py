# SPDX-License-Identifier: Apache-2.0
"""The records that travel, as protocol version 1 spells them: one model per kind.

These models are the wire contract, written out field by field, apart from
``core.models`` and the storage tables: changing a core model or a table no longer
changes what a device sends. Each forbids unknown fields, so a record carrying a field
this protocol does not know is refused, never silently cut down.

The rule for a new protocol version: add ``<Kind>V2`` models under a new
``PROTOCOL_VERSION``, keep the V1 models and the recorded V1 traffic under
``tests/data/wire_v1/`` passing, and list the version in ``versions.SUPPORTED_PROTOCOLS``. A minor
step (``PROTOCOL_MINOR``) only adds optional fields that a record of the earlier minor
never carries: 1.1 adds a notice's ``payload`` and ``pdf``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from fieldcheck.core.canonical import canonical_json
from fieldcheck.sync import wire_values as v
from fieldcheck.sync.protocol import MAX_BLOB_BYTES, Entity, RecordId, Sha256
from fieldcheck.sync.wire_values import Code, Label, Name, Note, Ref, Short, Text, Uscc, Word

MAX_NOTICE_FINDINGS = 1000


class WireRecord(BaseModel):
    """Base of every travelling record: unknown fields are an error; values are fixed."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: RecordId


class SiteV1(WireRecord):
    name: Name
    uscc: Uscc = None
    address: Name
    industry: Label = ""
    kind_of_place: Label = ""
    jurisdiction: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    legal_rep: Label = ""
    contact_name: Label = ""
    contact_phone: Code = ""
    risk_level: v.RiskLevel = "low"
    merged_into: Ref | None = None  # sent only once merged (an unmerged site omits it)


class PersonV1(WireRecord):
    name: Name
    role: v.Role
    unit: Short = ""
    certificate_no: Annotated[str, StringConstraints(max_length=60)] = ""
    jurisdiction: Code = ""
    phone: Code = ""


class PersonKeyV1(WireRecord):
    person_id: Ref
    public_key_b64: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    reason: Note = ""


class ChecklistRefV1(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    checklist_id: Ref
    version: Short
    sha256: Sha256 | None = None


class InspectionV1(WireRecord):
    site_id: Ref
    inspector_ids: list[Ref] = Field(min_length=1, max_length=100)
    kind: v.InspectionKind = "routine"
    started_at: datetime
    finished_at: datetime | None = None
    checklists: list[ChecklistRefV1] = Field(default=[], max_length=200)
    location: Short = ""
    summary: Text = ""
    unfinished_reason: Note = ""  # sent only when ended 未完成 (an empty one is omitted)

    @model_validator(mode="after")
    def _times_in_order(self) -> InspectionV1:
        if self.finished_at is not None and self.finished_at < self.started_at:
            raise ValueError("finished_at is before started_at")
        return self


class ItemResultV1(WireRecord):
    inspection_id: Ref
    checklist_id: Ref
    item_id: Ref
    outcome: v.Outcome
    note: Note = ""


class BasisV1(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    checklist_id: Ref | None = None
    item_id: Ref | None = None
    criteria_id: Ref | None = None
    clause_ref: Short | None = None
    legal_basis: Short | None = None


class FindingV1(WireRecord):
    inspection_id: Ref
    site_id: Ref
    description: Name
    place: Short = ""
    basis: BasisV1 = BasisV1()
    level: v.Level = "general"
    major_status: v.MajorStatus | None = None
    measures: Text = ""
    deadline: date | None = None
    status: v.Status = "found"
    found_at: datetime
    found_by: Ref
    version: int = Field(default=1, ge=1, le=1_000_000)
    supersedes: Ref | None = None
    # 五落实 of a major hazard (责任人, 整改资金, 安全措施和应急预案): sent only when set, as
    # protocol 1 has spelled them since they were added (an empty one is omitted).
    responsible: Short = ""
    funds: Short = ""
    safety_plan: Text = ""

    @model_validator(mode="after")
    def _major_consistent(self) -> FindingV1:
        if self.major_status == "downgraded" and self.level == "major":
            raise ValueError("a downgraded finding must have level general")
        if self.major_status == "confirmed" and self.level != "major":
            raise ValueError("a confirmed major hazard must have level major")
        return self


class FindingEventV1(WireRecord):
    finding_id: Ref
    action: v.Action
    from_status: v.Status | None
    to_status: v.Status
    actor_id: Ref
    at: datetime
    note: Text = ""
    deadline: date | None = None


class PhotoV1(WireRecord):
    finding_id: Ref
    sha256: Sha256
    bytes: int = Field(ge=1, le=MAX_BLOB_BYTES)
    mime: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    kind: v.PhotoKind = "evidence"
    width: int = Field(ge=1, le=1_000_000)
    height: int = Field(ge=1, le=1_000_000)
    taken_at: datetime | None = None
    taken_offset: Annotated[str, StringConstraints(max_length=10)] | None = None
    gps_lat: float | None = Field(default=None, ge=-90, le=90)
    gps_lon: float | None = Field(default=None, ge=-180, le=180)
    make: Short = ""
    model: Short = ""
    imported_at: datetime
    device_clock: datetime
    original_name: Short = ""
    imported_by: Annotated[str, StringConstraints(max_length=80)] = ""


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
    kind: v.NoticeKind
    number: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    inspection_id: Ref
    site_id: Ref
    issued_by: Ref
    issued_at: datetime
    finding_ids: list[Ref] = Field(default=[], max_length=MAX_NOTICE_FINDINGS)
    refers_to: Ref | None = None
    voided: bool = False
    void_reason: Note = ""
    # Protocol 1.1 (PROTOCOL_MINOR): the frozen data the document was rendered from, and
    # its signed PDF, so another device re-renders it and the server checks its seal.
    # Optional, and absent from every notice of 1.0, whose content (and hash) stay.
    payload: dict[str, Any] | None = None
    pdf: NoticePdfV1 | None = None


class SiteAckV1(WireRecord):
    finding_id: Ref
    outcome: Literal["signed", "refused"]
    site_rep_name: Short
    site_rep_id: Ref | None = None
    handwriting_sha256: Sha256 | None = None
    witness_name: Short = ""
    witness_id: Ref | None = None
    reason: Text = ""
    recorded_by: Ref
    recorded_at: datetime
    signature_id: Ref


class SignatureV1(WireRecord):
    subject_kind: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    subject_id: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    signer_id: Ref
    key_id: Ref
    role: v.Role
    purpose: Word
    comment: Text = ""
    content_version: int = Field(default=1, ge=1, le=1_000_000)
    content_sha256: Sha256
    signature_b64: Annotated[str, StringConstraints(min_length=1, max_length=400)]
    public_key_b64: Annotated[str, StringConstraints(max_length=200)] = ""
    signed_at: datetime
    site_ack: SiteAckV1 | None = None  # a co-sign carries the record it covers

    @model_validator(mode="after")
    def _ack_is_this_signature_s(self) -> SignatureV1:
        ack = self.site_ack
        if ack is not None and ack.signature_id != self.id:
            raise ValueError("site_ack.signature_id is not this signature's id")
        if ack is not None and (self.subject_kind, self.subject_id) != ("finding", ack.finding_id):
            raise ValueError("site_ack.finding_id is not the finding this signature covers")
        return self


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


def from_wire(entity: Entity, content: dict[str, Any], text: str | None = None) -> WireRecord:
    """The record as its kind's protocol-1 model; WireProblem names the field.

    Read as the JSON it travels as, strictly: a number is never taken from a string, a
    flag never from a number, a time only from ISO text. ``text``: the content's
    canonical JSON when the caller has it already.
    """
    model = V1.get(entity) or PULLED_V1[entity]
    try:
        return model.model_validate_json(
            canonical_json(content) if text is None else text, strict=True
        )
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"]) or entity.value
        raise WireProblem(f"{entity.value}: {loc}: {err['msg']}") from None


def to_wire(record: WireRecord) -> dict[str, Any]:
    """The JSON content a record travels as (every field, defaults included)."""
    return record.model_dump(mode="json")
