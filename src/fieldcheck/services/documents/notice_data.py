# SPDX-License-Identifier: Apache-2.0
"""Gathering what a document shows from the record, and listing what is missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from fieldcheck.core import clock
from fieldcheck.core.citation import clause_ref
from fieldcheck.core.errors import FieldcheckError, NotFoundError
from fieldcheck.core.models import Finding, Person, Site
from fieldcheck.core.terms import Level, MajorStatus, NoticeKind
from fieldcheck.reports.model import Hazard, Officer, PhotoRef, SignerBlock
from fieldcheck.reports.wording import (
    SIGN_INSPECTOR,
    SIGN_RECORD_INSPECTOR,
    SIGN_RECORD_SITE,
    SIGN_REVIEW_SITE,
    SIGN_SITE,
    cn_time,
)
from fieldcheck.services.inspections import clauses
from fieldcheck.storage.notice_repo import NoticePhoto


class MissingFieldsError(FieldcheckError):
    """A document cannot be issued: required fields are empty. Lists every one of them."""

    def __init__(self, title: str, missing: list[str]) -> None:
        self.missing = missing
        lines = "\n  - ".join(missing)
        super().__init__(f"{title} not issued; fill in first:\n  - {lines}")


@dataclass(frozen=True)
class Receipt:
    """The site's responsible person signed (optionally a handwritten image) or refused."""

    site_rep_name: str
    handwriting_sha256: str | None = None
    refused: bool = False
    witness: str = ""


def criteria_title(criteria_id: str | None) -> str:
    """《…判定标准》 for a bundled criteria set, or '' when the set is not known here."""
    if not criteria_id:
        return ""
    try:
        return clauses.criteria_set(criteria_id).cite_title
    except (NotFoundError, FieldcheckError):
        return ""


def established_major(f: Finding) -> bool:
    """A major hazard the paper may call one: an expert confirmed it (or no review applies)."""
    return f.level is Level.MAJOR and f.major_status is not MajorStatus.SUSPECTED


def hazard(f: Finding, deadline: date | None, oversight: str = "") -> Hazard:
    """A finding as a numbered item on a document: it says only what is established
    (``oversight``: the 督办 in force, as close_approval.escalations_text words it)."""
    major = established_major(f)
    return Hazard(
        finding_id=f.id,
        description=f.description,
        place=f.place,
        major=major,
        suspected=f.major_status is MajorStatus.SUSPECTED,
        criteria_title=criteria_title(f.basis.criteria_id) if major else "",
        clause_ref=clause_ref(f.basis.clause_ref) if major else "",
        legal_basis=f.basis.legal_basis or "",
        measures=f.measures,
        deadline=deadline,
        responsible=f.responsible if major else "",
        funds=f.funds if major else "",
        safety_plan=f.safety_plan if major else "",
        oversight=oversight,
    )


def officers(people: list[Person]) -> list[Officer]:
    return [Officer(name=p.name, unit=p.unit, certificate_no=p.certificate_no) for p in people]


def signer_blocks(
    kind: NoticeKind,
    enforcement: bool,
    people: list[Person],
    receipt: Receipt | None,
    on: date | None = None,
) -> list[SignerBlock]:
    """The signature lines of a document kind, in the order the forms print them."""
    label = SIGN_RECORD_INSPECTOR if kind is NoticeKind.RECORD else SIGN_INSPECTOR[enforcement]
    inspectors = [
        SignerBlock(label=label, name=p.name, certificate_no=p.certificate_no) for p in people
    ]
    site_label = {NoticeKind.RECORD: SIGN_RECORD_SITE, NoticeKind.REVIEW: SIGN_REVIEW_SITE}.get(
        kind, SIGN_SITE
    )
    site = SignerBlock(
        label=site_label,
        name=receipt.site_rep_name if receipt else "",
        image_sha256=receipt.handwriting_sha256 if receipt else None,
        refused=receipt.refused if receipt else False,
        witness=receipt.witness if receipt else "",
        signed_on=on if receipt and not receipt.refused else None,
    )
    return [site, *inspectors] if kind is NoticeKind.REVIEW else [*inspectors, site]


def photo_refs(
    hazards: list[Hazard], photos: list[NoticePhoto], *, start: int = 1
) -> list[PhotoRef]:
    """Appendix entries: 隐患N：description（taken at）, in hazard order."""
    number = {h.finding_id: i for i, h in enumerate(hazards, start=start)}
    short = {h.finding_id: h.description for h in hazards}
    refs = []
    for p in sorted(photos, key=lambda p: (number.get(p.finding_id, 0), p.imported_at)):
        if p.finding_id not in number:
            continue
        desc = short[p.finding_id]
        desc = desc if len(desc) <= 18 else desc[:17] + "…"
        when = p.taken_at or p.imported_at
        caption = f"隐患{number[p.finding_id]}：{desc}（{cn_time(_aware(when))}）"
        refs.append(PhotoRef(caption=caption, photo_id=p.id, sha256=p.sha256))
    return refs


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=clock.now().tzinfo)


def missing_fields(
    kind: NoticeKind,
    site: Site,
    people: list[Person],
    issuer: Person,
    hazards: list[Hazard],
    settings: dict[str, str],
    *,
    new_deadline: date | None = None,
    refers_to: str | None = None,
) -> list[str]:
    """Every required field that is empty, in words a clerk can act on."""
    out = []
    if not site.address.strip():
        out.append(f"被检查单位地址 (site {site.name} has no address)")
    if kind is NoticeKind.RECORD and not site.legal_rep.strip():
        out.append(f"法定代表人（负责人） (site {site.name} has no legal_rep)")
    for p in people:
        if not p.certificate_no.strip():
            out.append(f"证件号码 of inspector {p.name} (person {p.id} has no certificate_no)")
    if not issuer.unit.strip():
        out.append(f"发文单位 (issuer {issuer.name} has no unit)")
    if kind in (NoticeKind.RECTIFICATION, NoticeKind.ORDER):
        out += [
            f"整改期限 of 隐患{i} ({h.description[:20]}): no deadline (give --deadline)"
            for i, h in enumerate(hazards, 1)
            if h.deadline is None
        ]
    out += [
        f"判定依据 of 重大隐患{i} ({h.description[:20]}): no criteria clause"
        for i, h in enumerate(hazards, 1)
        if h.major and not h.clause_ref
    ]
    if kind is NoticeKind.RECTIFICATION and not settings.get("escalate_to"):
        out.append("逾期上报机关 (set with: notice setup --escalate-to NAME)")
    if kind is NoticeKind.ORDER:
        for key, label in (
            ("appeal_government", "行政复议机关（人民政府）"),
            ("appeal_department", "行政复议机关（上级部门）"),
            ("appeal_court", "行政诉讼法院"),
        ):
            if not settings.get(key):
                out.append(f"{label} (set with: notice setup --{key.replace('_', '-')} NAME)")
    if kind is NoticeKind.REVIEW:
        if not refers_to:
            out.append("the earlier 整改通知书/指令书 this review refers to (give --refers-to)")
        if hazards and new_deadline is None:
            out.append("新的整改期限 for the hazards not fixed (give --deadline)")
    return out
