# SPDX-License-Identifier: Apache-2.0
"""Domain records as pydantic models; storage maps them to tables.

Sites, people, inspections and their item results, findings and their events, photos,
notices, signatures and audit links, each a strict `Record` with a device-made id. The
enumerations these records use (roles, levels, kinds, outcomes) live in `core.terms`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from fieldcheck.core.errors import SupersededError
from fieldcheck.core.ids import new_id
from fieldcheck.core.loop import Status, is_overdue
from fieldcheck.core.terms import (
    USCC,
    EventAction,
    ItemOutcome,
    Level,
    MajorStatus,
    NonEmpty,
    PhotoKind,
)

# Still imported from here by demo/, which other work was changing; once it imports
# them from core.terms, fold these into the import above.
from fieldcheck.core.terms import InspectionKind as InspectionKind
from fieldcheck.core.terms import NoticeKind as NoticeKind
from fieldcheck.core.terms import RiskLevel as RiskLevel
from fieldcheck.core.terms import Role as Role


class Record(BaseModel):
    """Base of every stored record: a device-made id, strict fields."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False)
    id: str = Field(default_factory=new_id)


class Site(Record):
    """被检查单位: a factory, shop, rented house or building site."""

    name: NonEmpty
    uscc: USCC = None
    address: NonEmpty
    industry: str = Field(default="", max_length=100)
    kind_of_place: str = Field(default="", max_length=100)  # e.g. 九小场所, 出租房
    jurisdiction: str = Field(min_length=1, max_length=40)  # grid / township code
    legal_rep: str = Field(default="", max_length=100)
    contact_name: str = Field(default="", max_length=100)
    contact_phone: str = Field(default="", max_length=40)  # personal data: never logged
    risk_level: RiskLevel = RiskLevel.LOW
    # 合并: this record is the same unit as the site named here (one 统一社会信用代码). Its
    # records stay on it as they were signed and show under that site. Added later: left out
    # of the JSON while empty, so every site recorded before travels as it always did.
    merged_into: str | None = None

    @model_serializer(mode="wrap")
    def _omit_unmerged(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict) and self.merged_into is None:
            data.pop("merged_into", None)
        return data


class Person(Record):
    """Someone who inspects, reviews, supervises or signs for a site."""

    name: NonEmpty
    role: Role
    unit: str = Field(default="", max_length=200)
    certificate_no: str = Field(default="", max_length=60)  # 执法证/检查证 number
    jurisdiction: str = Field(default="", max_length=40)
    phone: str = Field(default="", max_length=40)


class ChecklistRef(BaseModel):
    """Which version of which checklist an inspection walked."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    checklist_id: str
    version: str
    sha256: str | None = None  # the stored snapshot of exactly this content


class Inspection(Record):
    """One visit to one site by one or more inspectors."""

    site_id: str
    inspector_ids: list[str] = Field(min_length=1)
    kind: InspectionKind = InspectionKind.ROUTINE
    started_at: datetime
    finished_at: datetime | None = None
    checklists: list[ChecklistRef] = Field(default_factory=list)
    location: str = Field(default="", max_length=200)  # place inside the site, or GPS text
    summary: str = Field(default="", max_length=4000)
    # 结束为未完成: why the walk was abandoned. Added later: left out of the JSON while
    # empty, so every inspection recorded before keeps its content (and hash) on the wire.
    unfinished_reason: str = Field(default="", max_length=2000)

    @model_serializer(mode="wrap")
    def _omit_no_reason(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict) and not self.unfinished_reason:
            data.pop("unfinished_reason", None)
        return data

    @model_validator(mode="after")
    def _times_in_order(self) -> Inspection:
        if self.finished_at is not None and self.finished_at < self.started_at:
            raise ValueError("finished_at is before started_at")
        return self


class ItemResult(Record):
    """The outcome of one checklist item during one inspection."""

    inspection_id: str
    checklist_id: str
    item_id: str
    outcome: ItemOutcome
    note: str = Field(default="", max_length=2000)


class Basis(BaseModel):
    """What a finding rests on: a checklist item and/or a criteria clause and law."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    checklist_id: str | None = None
    item_id: str | None = None
    criteria_id: str | None = None  # a criteria set, e.g. gongmao-2023
    clause_ref: str | None = None  # e.g. 第九条第（一）项
    legal_basis: str | None = None  # e.g. 《安全生产法》第四十一条


PLAN_FIELDS = ("responsible", "funds", "safety_plan")


class Finding(Record):
    """A hazard (隐患) found during an inspection."""

    inspection_id: str
    site_id: str
    description: NonEmpty
    place: str = Field(default="", max_length=200)  # where in the site
    basis: Basis = Field(default_factory=Basis)
    level: Level = Level.GENERAL
    major_status: MajorStatus | None = None
    measures: str = Field(default="", max_length=4000)  # 整改措施/要求
    deadline: date | None = None
    status: Status = Status.FOUND
    found_at: datetime
    found_by: str
    version: int = 1
    supersedes: str | None = None  # the earlier version this one corrects
    # 五落实 of a major hazard's 治理方案 besides measures and deadline: 责任人, 整改资金 and
    # 安全措施和应急预案. Added later: left out of the record's JSON while empty, so every
    # finding recorded before keeps the same content (and content hash) on the wire.
    responsible: str = Field(default="", max_length=200)
    funds: str = Field(default="", max_length=200)
    safety_plan: str = Field(default="", max_length=4000)
    # Its evidence state on this device, never part of the record's JSON (the wire, the
    # audit chain): frozen once a notice or a signature covers its observed facts;
    # superseded_by the correction that replaced it. Other devices learn both from the
    # notices, signatures and corrections that travel.
    frozen: bool = Field(default=False, exclude=True)
    superseded_by: str | None = Field(default=None, exclude=True)

    @model_serializer(mode="wrap")
    def _omit_empty_plan(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            for name in PLAN_FIELDS:
                if not getattr(self, name):
                    data.pop(name, None)
        return data

    def plan_missing(self) -> list[str]:
        """The 五落实 items still empty, by their Chinese names (for a major hazard)."""
        have = {
            "责任人": self.responsible,
            "整改措施": self.measures,
            "整改资金": self.funds,
            "整改时限": self.deadline,
            "安全措施和应急预案": self.safety_plan,
        }
        return [name for name, value in have.items() if not value]

    @model_validator(mode="after")
    def _major_consistent(self) -> Finding:
        if self.major_status is MajorStatus.DOWNGRADED and self.level is Level.MAJOR:
            raise ValueError("a downgraded finding must have level general")
        if self.major_status is MajorStatus.CONFIRMED and self.level is not Level.MAJOR:
            raise ValueError("a confirmed major hazard must have level major")
        return self

    def overdue(self, today: date) -> bool:
        """逾期, derived from deadline and status."""
        return is_overdue(self.status, self.deadline, today)

    def require_current(self, then: str = "act on that") -> Finding:
        """This finding, or SupersededError when a correction replaced it: "corrected by
        Y, act on that" — the one home of that rule; then says what to do instead."""
        if self.superseded_by:
            raise SupersededError(
                f"finding {self.id} was corrected by {self.superseded_by}; {then}"
            )
        return self


class FindingEvent(Record):
    """One step of a finding along the loop, with who and when."""

    finding_id: str
    action: EventAction
    from_status: Status | None
    to_status: Status
    actor_id: str
    at: datetime
    note: str = Field(default="", max_length=4000)
    deadline: date | None = None


class Photo(Record):
    """A photo attached to a finding; the bytes live in the content-addressed store.

    taken_at is aware UTC like every stored time; taken_offset is the offset the camera
    recorded ("+08:00"), or None when it recorded none and China time was assumed.
    imported_at is fieldcheck's clock at the import and device_clock the computer's own,
    both kept so that a clock set wrong cannot hide when it happened; bytes and mime
    are the original's.
    """

    finding_id: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    kind: PhotoKind = PhotoKind.EVIDENCE
    bytes: int = Field(ge=1)
    width: int = Field(ge=1)
    height: int = Field(ge=1)
    mime: str
    taken_at: datetime | None = None
    taken_offset: str | None = None
    gps_lat: float | None = None
    gps_lon: float | None = None
    make: str = ""
    model: str = ""
    imported_at: datetime
    device_clock: datetime
    original_name: str = ""
    imported_by: str = ""  # the person who attached it


class Notice(Record):
    """An issued document with its number."""

    kind: NoticeKind
    number: str
    inspection_id: str
    site_id: str
    issued_by: str
    issued_at: datetime
    finding_ids: list[str] = Field(default_factory=list)
    refers_to: str | None = None  # the earlier notice a review refers to
    voided: bool = False
    void_reason: str = ""


class AuditEvent(BaseModel):
    """One link of the hash-chained audit log."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    seq: int
    at: datetime
    actor_id: str
    action: str
    entity: str
    entity_id: str
    payload: dict[str, object]
    prev_hash: str
    hash: str
