# SPDX-License-Identifier: Apache-2.0
"""Issuing documents (文书): numbers, frozen content, findings moved to 交办; voiding; listing.

A notice is stored with the exact data it shows (``payload_json``), so rendering it
again years later gives the same document whatever happened to the records since.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError, InvalidValueError
from fieldcheck.core.loop import OPEN_STATUSES, Action, Status
from fieldcheck.core.models import Finding, Notice, NoticeKind, Person, Role
from fieldcheck.photos.store import BlobStore
from fieldcheck.reports.model import DocumentData, Hazard
from fieldcheck.reports.wording import NUMBER_CODES, TITLES
from fieldcheck.services.context import AppContext
from fieldcheck.services.documents import notice_data as nd
from fieldcheck.services.findings.findings import freeze_in, transition_in
from fieldcheck.services.inspections.drafts import live_findings
from fieldcheck.services.journal import record_change
from fieldcheck.services.major import close_approval
from fieldcheck.services.sync import home_check
from fieldcheck.signing.handwriting import check_png
from fieldcheck.storage import (
    audit,
    finding_repo,
    inspection_repo,
    notice_repo,
    signing_repo,
    site_repo,
)
from fieldcheck.storage.db import Session
from fieldcheck.storage.notice_repo import NoticeListing

SETTING_KEYS = (
    "prefix",
    "escalate_to",
    "appeal_government",
    "appeal_department",
    "appeal_court",
)
# Which roles may issue which documents: the set follows the issuer's role.
ISSUERS = {
    NoticeKind.RECORD: {Role.GRID, Role.ENFORCEMENT},
    NoticeKind.RECTIFICATION: {Role.GRID},
    NoticeKind.ORDER: {Role.ENFORCEMENT},
    NoticeKind.REVIEW: {Role.GRID, Role.ENFORCEMENT},
}
FIXED = frozenset({Status.VERIFIED, Status.CLOSED, Status.REVISIT})


def configure(ctx: AppContext, values: dict[str, str], *, actor_id: str) -> dict[str, str]:
    """Set document settings (number prefix, escalation body, review bodies, court)."""
    unknown = set(values) - set(SETTING_KEYS)
    if unknown:
        raise InvalidValueError(", ".join(sorted(unknown)), None, "not a document setting")
    with ctx.db.transaction() as s:
        for key, value in values.items():
            notice_repo.set_setting(s, key, value.strip())
        audit.append(
            s,
            actor_id=actor_id,
            action="notice.settings",
            entity="meta",
            entity_id="notice",
            payload=values,
        )
        return notice_repo.settings(s)


def format_number(kind: NoticeKind, prefix: str, year: int, device: str, seq: int) -> str:
    """The one place a document number is written out."""
    head = f"（{prefix}）" if prefix else ""
    return f"{head}{NUMBER_CODES[kind]}〔{year}〕{device}-{seq:04d}号"


def number_for(s: Session, kind: NoticeKind, prefix: str) -> str:
    """（前缀）检记〔2026〕DEVICE-0001号 — unique across devices that issue offline."""
    home_check.refuse_if_copied(s)  # a copied or restored home would reuse numbers
    year = clock.today().year
    device = notice_repo.device_code(s)
    while True:  # a number someone typed in by hand is skipped, never reused
        seq = notice_repo.next_sequence(s, kind.value, year)
        number = format_number(kind, prefix, year, device, seq)
        if not notice_repo.number_taken(s, number):
            return number


def example_number(
    ctx: AppContext, prefix: str, kind: NoticeKind = NoticeKind.RECTIFICATION
) -> str:
    """What this device's first number of the year looks like with prefix (uses none up)."""
    with ctx.db.read() as s:
        device = notice_repo.device_code(s)
    return format_number(kind, prefix.strip(), clock.today().year, device, 1)


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
class _Draft:
    """What a document would carry: its data and the findings it moves."""

    data: DocumentData
    findings: list[Finding]
    fixed: list[Finding]
    hazards: list[Hazard]
    earlier: Notice | None
    site_id: str


def _draft(
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
) -> _Draft:
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
    findings, fixed = _findings(s, kind, inspection_id, earlier)
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
    return _Draft(data, findings, fixed, hazards, earlier, site.id)


DRAFT_NUMBER = "（样稿，出具时编号）"


def preview_notice(
    ctx: AppContext,
    inspection_id: str,
    kind: NoticeKind,
    issuer_id: str,
    *,
    deadline: date | None = None,
    refers_to: str | None = None,
    receipt: nd.Receipt | None = None,
    only: list[str] | None = None,
) -> DocumentData:
    """The content the document would carry, unnumbered: nothing is stored or moved."""
    with ctx.db.read() as s:
        return _draft(
            s,
            inspection_id,
            kind,
            issuer_id,
            number=lambda _settings: DRAFT_NUMBER,
            deadline=deadline,
            refers_to=refers_to,
            receipt=receipt,
            only=only,
        ).data


def candidate_hazards(ctx: AppContext, inspection_id: str, kind: NoticeKind) -> list[Finding]:
    """The hazards a document of kind for this inspection would list (to choose from)."""
    if kind is NoticeKind.REVIEW:
        return []
    with ctx.db.read() as s:
        try:
            return _findings(s, kind, inspection_id, None)[0]
        except DomainError:
            return []


def issue_notice(
    ctx: AppContext,
    inspection_id: str,
    kind: NoticeKind,
    issuer_id: str,
    *,
    deadline: date | None = None,
    refers_to: str | None = None,
    receipt: nd.Receipt | None = None,
    only: list[str] | None = None,
) -> Notice:
    """Issue a document for an inspection: number, frozen content, findings to 交办.

    ``deadline`` fills hazards without one (notices) or is the new deadline for the
    hazards not fixed (review); ``only`` limits a record or notice to the hazards chosen.
    Refuses with the list of every missing field.
    """
    with ctx.db.transaction() as s:
        d = _draft(
            s,
            inspection_id,
            kind,
            issuer_id,
            number=lambda settings: number_for(s, kind, settings.get("prefix", "")),
            deadline=deadline,
            refers_to=refers_to,
            receipt=receipt,
            only=only,
        )
        data, number, earlier = d.data, d.data.number, d.earlier
        _move(s, kind, d.findings, d.hazards, deadline, issuer_id, f"{TITLES[kind]} {number}")
        ids = [f.id for f in d.findings] + [f.id for f in d.fixed]
        for fid in ids:
            freeze_in(s, fid)
        notice = Notice(
            kind=kind,
            number=number,
            inspection_id=inspection_id,
            site_id=d.site_id,
            issued_by=issuer_id,
            issued_at=data.issued_at,
            finding_ids=ids,
            refers_to=earlier.id if earlier else None,
        )
        notice_repo.add_notice(s, notice, data.canonical_json())
        record_change(
            s,
            actor_id=issuer_id,
            action=f"notice.issue.{kind.value}",
            entity="notice",
            record=notice,
            audit_payload={"number": number, "digest": data.digest()},
        )
    return notice


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


def _findings(
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


def _move(
    s: Session,
    kind: NoticeKind,
    findings: list[Finding],
    hazards: list[Hazard],
    deadline: date | None,
    actor_id: str,
    note: str,
) -> None:
    """交办 on a notice; 验收不通过 with the new deadline on a review's unfixed items."""
    for f, h in zip(findings, hazards, strict=True):
        if kind in (NoticeKind.RECTIFICATION, NoticeKind.ORDER) and f.status in (
            Status.FOUND,
            Status.FAILED_VERIFICATION,
        ):
            transition_in(s, f.id, Action.ASSIGN, actor_id=actor_id, note=note, deadline=h.deadline)
        elif kind is NoticeKind.REVIEW and f.status in (Status.ASSIGNED, Status.RECTIFYING):
            transition_in(
                s, f.id, Action.VERIFY_FAIL, actor_id=actor_id, note=note, deadline=deadline
            )


def void_notice(ctx: AppContext, notice_id: str, *, reason: str, actor_id: str) -> Notice:
    """Void a notice: it keeps its number and prints marked 作废; nothing is deleted."""
    if not reason.strip():
        raise InvalidValueError("reason", reason, "voiding a document needs a reason")
    with ctx.db.transaction() as s:
        row = notice_repo.find_notice(s, notice_id)
        if row.voided:
            raise DomainError(f"{row.number} was already voided ({row.void_reason})")
        notice = notice_repo.void_notice(s, row.id, reason.strip(), clock.now())
        record_change(
            s,
            actor_id=actor_id,
            action="notice.void",
            entity="notice",
            record=notice,
            audit_payload={"number": notice.number, "reason": notice.void_reason},
        )
    return notice


def list_notices(ctx: AppContext, *, site_id: str | None = None) -> list[NoticeListing]:
    """Every notice on this device, newest first."""
    with ctx.db.read() as s:
        return notice_repo.list_notices(s, site_id=site_id)


def document_data(ctx: AppContext, notice_id: str) -> tuple[Notice, DocumentData]:
    """A notice and the frozen data it was issued with (by id or number)."""
    with ctx.db.read() as s:
        notice, payload = notice_repo.find_with_payload(s, notice_id)
        return notice, DocumentData.model_validate_json(payload)


# Demo settings for 郑州市金水区; a real unit sets its own with `notice setup`.
DEMO_SETTINGS = {
    "prefix": "金水",
    "escalate_to": "郑州市金水区应急管理局",
    "appeal_government": "郑州市金水区人民政府",
    "appeal_department": "郑州市应急管理局",
    "appeal_court": "郑州铁路运输法院",
}


def make_receipt(
    ctx: AppContext,
    *,
    site_rep_name: str,
    handwriting_png: bytes | None = None,
    refused: bool = False,
    witness: str = "",
) -> nd.Receipt:
    """The site's 签收 (with the handwritten image stored as evidence) or 拒签 with a witness."""
    if refused and not witness.strip():
        raise InvalidValueError("witness", witness, "a refusal (拒签) needs a witness (见证人)")
    if refused and handwriting_png:
        raise InvalidValueError("signature", "png", "a refusal cannot carry a signature image")
    sha = None
    if handwriting_png is not None:
        check_png(handwriting_png)
        sha = _store_png(ctx, handwriting_png)
    return nd.Receipt(site_rep_name.strip(), sha, refused, witness.strip())


def _store_png(ctx: AppContext, png: bytes) -> str:
    """Keep the image in the evidence store (file first, then its blob row)."""
    store = BlobStore(ctx.home.photos)
    ctx.home.cache.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="receipt-", suffix=".png", dir=ctx.home.cache)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(png)
        staged = store.stage(Path(name))
        store.commit(staged)
    finally:
        os.unlink(name)
    with ctx.db.transaction() as s:
        signing_repo.ensure_blob(
            s, sha256=staged.sha256, size=staged.size, mime="image/png", at=clock.now()
        )
    return staged.sha256
