# SPDX-License-Identifier: Apache-2.0
"""What a document would carry before it is issued: its content and the hazards it moves.

``draft`` gathers a document's data (site, inspectors, hazards, settings, the earlier
notice a review refers to) and refuses with every missing required field; the issuing
service numbers and stores it, the preview shows it unnumbered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError, InvalidValueError
from fieldcheck.core.loop import OPEN_STATUSES, Status
from fieldcheck.core.models import Finding, Notice, Person
from fieldcheck.core.terms import NoticeKind, Role
from fieldcheck.reports.model import DocumentData, Hazard
from fieldcheck.reports.wording import TITLES
from fieldcheck.services.documents import notice_data as nd
from fieldcheck.services.inspections.drafts import live_findings
from fieldcheck.services.major import close_approval
from fieldcheck.storage import finding_repo, inspection_repo, notice_repo, site_repo
from fieldcheck.storage.db import Session

# Which roles may issue which documents: the set follows the issuer's role.
ISSUERS = {
    NoticeKind.RECORD: {Role.GRID, Role.ENFORCEMENT},
    NoticeKind.RECTIFICATION: {Role.GRID},
    NoticeKind.ORDER: {Role.ENFORCEMENT},
    NoticeKind.REVIEW: {Role.GRID, Role.ENFORCEMENT},
}
FIXED = frozenset({Status.VERIFIED, Status.CLOSED, Status.REVISIT})


def _current(s: Session, finding_id: str) -> Finding:
    """A finding, following corrections to its newest version."""
    return finding_repo.latest_version(s, finding_id)


def _check_role(kind: NoticeKind, issuer: Person) -> None:
    if issuer.role in ISSUERS[kind]:
        return
    hint = {
        Role.GRID: "a 网格员 issues 隐患整改通知书 (--kind rectification)",
        Role.ENFORCEMENT: "an enforcement officer issues 责令限期整改指令书 (--kind order)",
    }.get(issuer.role, "only inspectors (grid or enforcement) issue documents")
    raise DomainError(f"{issuer.name} ({issuer.role.value}) cannot issue {TITLES[kind]}: {hint}")


@dataclass(frozen=True)
class Draft:
    """What a document would carry: its data and the findings it moves."""

    data: DocumentData
    findings: list[Finding]
    fixed: list[Finding]
    hazards: list[Hazard]
    earlier: Notice | None
    site_id: str


def draft(
    s: Session,
    inspection_id: str,
    kind: NoticeKind,
    issuer_id: str,
    *,
    number: Callable[[dict[str, str]], str],
    deadline: date | None,
    refers_to: str | None,
    receipt: nd.Receipt | None,
    only: list[str] | None,
) -> Draft:
    """Gather a document's content; MissingFieldsError lists every empty required field."""
    if deadline is not None and deadline <= clock.today():
        raise InvalidValueError(
            "deadline", deadline, "a deadline must be a later day than today (the site needs time)"
        )
    insp = inspection_repo.get_inspection(s, inspection_id)
    site = site_repo.get_site(s, insp.site_id)
    issuer = site_repo.get_person(s, issuer_id)
    _check_role(kind, issuer)
    people = [site_repo.get_person(s, p) for p in insp.inspector_ids]
    settings = notice_repo.settings(s)
    enforcement = issuer.role is Role.ENFORCEMENT
    earlier = _earlier(s, site.id, refers_to) if kind is NoticeKind.REVIEW else None
    findings, fixed = findings_of(s, kind, inspection_id, earlier)
    if only is not None and kind is not NoticeKind.REVIEW:
        findings = [f for f in findings if f.id in set(only)]
        if not findings:
            raise DomainError("choose at least one hazard for the document to carry")
    hazards = [
        nd.hazard(
            f,
            _deadline_for(kind, f, deadline),
            close_approval.escalations_text(close_approval.of_hazard(s, f.id)),
        )
        for f in findings
    ]
    missing = nd.missing_fields(
        kind,
        site,
        people,
        issuer,
        hazards,
        settings,
        new_deadline=deadline,
        refers_to=earlier.number if earlier else None,
    )
    if missing:
        raise nd.MissingFieldsError(TITLES[kind], missing)
    fixed_items = [nd.hazard(f, None) for f in fixed]
    # Evidence of the hazards notified; for a review, the proof of those fixed.
    if kind is NoticeKind.REVIEW:
        photos = notice_repo.photos_of(s, [f.id for f in fixed], "rectification")
    else:
        photos = notice_repo.photos_of(s, [f.id for f in findings], "evidence")
    data = DocumentData(
        kind=kind,
        enforcement=enforcement,
        number=number(settings),
        issued_at=clock.now(),
        issuer_name=issuer.name,
        issuer_unit=issuer.unit,
        site_name=site.name,
        site_address=site.address,
        site_uscc=site.uscc or "",
        legal_rep=site.legal_rep,
        site_phone=site.contact_phone,
        place=insp.location,
        started_at=insp.started_at,
        finished_at=insp.finished_at or clock.now(),
        inspectors=nd.officers(people),
        hazards=hazards,
        fixed=fixed_items,
        new_deadline=deadline if kind is NoticeKind.REVIEW else None,
        refers_to_number=earlier.number if earlier else "",
        refers_to_title=TITLES[NoticeKind(earlier.kind)] if earlier else "",
        refers_to_date=earlier.issued_at.date() if earlier else None,
        escalate_to=settings.get("escalate_to", ""),
        appeal_government=settings.get("appeal_government", ""),
        appeal_department=settings.get("appeal_department", ""),
        appeal_court=settings.get("appeal_court", ""),
        signers=nd.signer_blocks(kind, enforcement, people, receipt, clock.today()),
        photos=nd.photo_refs(fixed_items if kind is NoticeKind.REVIEW else hazards, photos),
    )
    return Draft(data, findings, fixed, hazards, earlier, site.id)


def _earlier(s: Session, site_id: str, refers_to: str | None) -> Notice | None:
    kinds = [NoticeKind.RECTIFICATION.value, NoticeKind.ORDER.value]
    if refers_to:
        row = notice_repo.find_notice(s, refers_to)
        if row.kind.value not in kinds or row.site_id != site_id or row.voided:
            raise DomainError(
                f"{row.number} cannot be reviewed here: a review refers to a valid "
                "整改通知书/指令书 of the same site"
            )
        return row
    return notice_repo.latest_notice(s, site_id, kinds)


def findings_of(
    s: Session, kind: NoticeKind, inspection_id: str, earlier: Notice | None
) -> tuple[list[Finding], list[Finding]]:
    """(hazards the document lists, hazards a review lists as fixed)."""
    if kind is NoticeKind.REVIEW:
        if earlier is None:
            return [], []
        covered = [_current(s, fid) for fid in earlier.finding_ids]
        return [f for f in covered if f.status not in FIXED], [
            f for f in covered if f.status in FIXED
        ]
    found = live_findings(s, inspection_id)  # a void record is in the history, not on paper
    if kind is NoticeKind.RECORD:
        return found, []
    open_ = [f for f in found if f.status in OPEN_STATUSES]
    if not open_:
        raise DomainError(f"inspection {inspection_id} has no open hazards to notify")
    return open_, []


def _deadline_for(kind: NoticeKind, f: Finding, given: date | None) -> date | None:
    """A hazard's own deadline wins; `given` fills in where it has none (or a stale one).

    A deadline of today or earlier on a hazard not yet notified is stale: the site is
    never told to have fixed something by the day it hears of it.
    """
    if kind not in (NoticeKind.RECTIFICATION, NoticeKind.ORDER):
        return None
    stale = f.status is Status.FOUND and f.deadline is not None and f.deadline <= clock.today()
    return given if f.deadline is None or stale else f.deadline
