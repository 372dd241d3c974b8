# SPDX-License-Identifier: Apache-2.0
"""Issuing documents (文书): numbers, frozen content, findings moved to 交办; voiding; listing.

A notice is stored with the exact data it shows (``payload_json``), so rendering it
again years later gives the same document whatever happened to the records since. What
it would carry is gathered by ``notice_draft``; the settings are ``doc_settings``', the
site's 签收 ``receipts``'.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError, InvalidValueError
from fieldcheck.core.loop import Action, Status
from fieldcheck.core.models import Finding, Notice
from fieldcheck.core.terms import NoticeKind
from fieldcheck.reports.model import DocumentData, Hazard
from fieldcheck.reports.wording import TITLES
from fieldcheck.services.context import AppContext
from fieldcheck.services.documents import notice_data as nd
from fieldcheck.services.documents.notice_draft import draft, findings_of
from fieldcheck.services.documents.numbering import number_for
from fieldcheck.services.findings.findings import freeze_in, transition_in
from fieldcheck.services.journal import record_change
from fieldcheck.storage import audit, issued_pdfs, notice_repo
from fieldcheck.storage.db import Session
from fieldcheck.storage.notice_repo import NoticeListing

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
        return draft(
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
            return findings_of(s, kind, inspection_id, None)[0]
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
        d = draft(
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
            record=travelling(s, notice),
            audit_payload={"number": number, "digest": data.digest()},
        )
    return notice


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
            record=travelling(s, notice),
            audit_payload={"number": notice.number, "reason": notice.void_reason},
        )
    return notice


def travelling(s: Session, notice: Notice) -> dict[str, Any]:
    """The notice as it travels (protocol 1.1): the record, the frozen data it was
    issued with, and its signed PDF once frozen (issued_pdfs.travelling; the bytes go by
    SHA-256, like photos). A PDF signed again once voided stays on its device."""
    content = notice.model_dump(mode="json")
    _, payload = notice_repo.find_with_payload(s, notice.id)
    content["payload"] = json.loads(payload)
    pdf = issued_pdfs.travelling(s, notice.id)
    if pdf is not None:
        content["pdf"] = {
            "variant": pdf.variant,
            "sha256": pdf.sha256,
            "bytes": pdf.bytes,
            "pages": pdf.pages,
            "content_sha256": pdf.content_sha256,
        }
    return content


def pdf_frozen(s: Session, pdf: issued_pdfs.FrozenPdf, *, actor_id: str) -> None:
    """Keep a notice's signed PDF as issued (or voided), audited; when it is the one that
    travels, the notice's version that carries it is queued for the server."""
    issued_pdfs.keep(s, pdf)
    if issued_pdfs.travelling(s, pdf.notice_id) != pdf:
        audit_payload = {"variant": pdf.variant, "file": pdf.file_name, "sha256": pdf.sha256}
        audit.append(
            s,
            actor_id=actor_id,
            action="notice.pdf_frozen",
            entity="notice",
            entity_id=pdf.notice_id,
            payload=audit_payload,
        )
        return
    record_change(
        s,
        actor_id=actor_id,
        action="notice.pdf_frozen",
        entity="notice",
        record=travelling(s, notice_repo.find_notice(s, pdf.notice_id)),
        audit_payload={"variant": pdf.variant, "file": pdf.file_name, "sha256": pdf.sha256},
    )


def list_notices(ctx: AppContext, *, site_id: str | None = None) -> list[NoticeListing]:
    """Every notice on this device, newest first."""
    with ctx.db.read() as s:
        return notice_repo.list_notices(s, site_id=site_id)


def document_data(ctx: AppContext, notice_id: str) -> tuple[Notice, DocumentData]:
    """A notice and the frozen data it was issued with (by id or number)."""
    with ctx.db.read() as s:
        notice, payload = notice_repo.find_with_payload(s, notice_id)
        return notice, DocumentData.model_validate_json(payload)
