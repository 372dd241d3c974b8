# SPDX-License-Identifier: Apache-2.0
"""The frozen data a document is rendered from; stored with the notice as JSON."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from fieldcheck.core.canonical import canonical_json
from fieldcheck.core.terms import NoticeKind


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    # Fields added after documents were first issued: left out of the JSON while at their
    # default, so a document issued before they existed keeps its digest when re-read.
    _later: ClassVar[frozenset[str]] = frozenset()

    @model_serializer(mode="wrap")
    def _omit_later_defaults(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            for name in self._later:
                if getattr(self, name) == type(self).model_fields[name].default:
                    data.pop(name, None)
        return data


class Officer(_Frozen):
    """An inspector as the document names them."""

    name: str
    unit: str = ""
    certificate_no: str = ""


class Hazard(_Frozen):
    """One numbered hazard on a document."""

    finding_id: str
    description: str
    place: str = ""
    major: bool = False
    criteria_title: str = ""  # 《工贸企业重大事故隐患判定标准》
    clause_ref: str = ""  # 第十一条（十）
    legal_basis: str = ""  # 《中华人民共和国安全生产法》第四十一条
    measures: str = ""
    deadline: date | None = None
    suspected: bool = False  # flagged as possibly major, the expert has not decided yet
    # 五落实 of a major hazard's 治理方案 (责任、措施、资金、时限、预案): measures and deadline
    # above, and these three.
    responsible: str = ""  # 责任人
    funds: str = ""  # 整改资金
    safety_plan: str = ""  # 安全措施和应急预案
    oversight: str = ""  # 督办 in force: 县（区）挂牌督办，责任领导：王副区长（副区长）

    _later = frozenset({"suspected", "responsible", "funds", "safety_plan", "oversight"})


class SignerBlock(_Frozen):
    """A signature line: a handwritten image where captured, or 拒签 with a witness."""

    label: str  # 检查人员, 被检查单位负责人 ...
    name: str = ""
    certificate_no: str = ""
    image_sha256: str | None = None
    refused: bool = False
    witness: str = ""
    signed_on: date | None = None  # 签收日期 of the site's person

    _later = frozenset({"signed_on"})


class PhotoRef(_Frozen):
    """An evidence photo for the appendix."""

    caption: str
    photo_id: str
    sha256: str


class DocumentData(_Frozen):
    """Everything one document shows, as issued."""

    kind: NoticeKind
    enforcement: bool  # 执法 wording (应急管理部门) or township wording (乡镇/街道)
    number: str
    issued_at: datetime
    issuer_name: str
    issuer_unit: str
    site_name: str
    site_address: str
    site_uscc: str = ""
    legal_rep: str = ""
    site_phone: str = ""
    place: str = ""
    started_at: datetime | None = None
    finished_at: datetime | None = None
    inspectors: list[Officer] = Field(default_factory=list)
    hazards: list[Hazard] = Field(default_factory=list)  # record / notice / review: not fixed
    fixed: list[Hazard] = Field(default_factory=list)  # review: fixed
    new_deadline: date | None = None  # review: for the items not fixed
    refers_to_number: str = ""
    refers_to_title: str = ""
    refers_to_date: date | None = None
    escalate_to: str = ""  # township notice: who it goes to if not fixed
    appeal_government: str = ""  # 行政复议: 人民政府
    appeal_department: str = ""  # 行政复议: the department above
    appeal_court: str = ""  # 行政诉讼
    signers: list[SignerBlock] = Field(default_factory=list)
    photos: list[PhotoRef] = Field(default_factory=list)

    def canonical_json(self) -> str:
        """Sorted, compact JSON: the same document always gives the same text."""
        return canonical_json(self.model_dump(mode="json"))

    def digest(self) -> str:
        """SHA-256 of the canonical JSON: what the QR code and the signature vouch for."""
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()
