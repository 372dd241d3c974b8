# SPDX-License-Identifier: Apache-2.0
"""Major hazards (重大事故隐患): the expert's review, signed decisions and 验收.

The inspector flags a finding as a suspected major hazard under a criteria clause
(``workflow.flag_major``; ``workflow`` also reads where a finding stands); an expert
reviews what is recorded (``review`` gives the content hash to sign against) and
confirms, downgrades or sends it back, each signed with their key; the site's person
then signs by hand or refuses (see ``cosign``); 验收 of a confirmed major hazard needs
an expert's signature too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError
from fieldcheck.core.loop import Action, next_status
from fieldcheck.core.major import ACCEPT, MajorState, MajorStep, next_major_state
from fieldcheck.core.models import Finding, FindingEvent
from fieldcheck.core.terms import Level, MajorStatus
from fieldcheck.photos.metadata import Gps
from fieldcheck.photos.store import BlobStore
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence.camera import photo_gps, taken_instant
from fieldcheck.services.findings.findings import transition_in
from fieldcheck.services.inspections.clauses import ClauseText, find_clause
from fieldcheck.services.journal import record_change
from fieldcheck.services.major import keys
from fieldcheck.services.major.signoff import (
    Purpose,
    add_event,
    check_role,
    review_sha256_in,
    sign_in,
)
from fieldcheck.services.major.workflow import last_major_event, state_in
from fieldcheck.signing.errors import SigningError
from fieldcheck.storage import finding_repo, photo_repo, signing_repo, site_repo
from fieldcheck.storage.db import Session

_DECISION_UPDATES = {
    Purpose.CONFIRM: (Level.MAJOR, MajorStatus.CONFIRMED, MajorStep.CONFIRM),
    Purpose.DOWNGRADE: (Level.GENERAL, MajorStatus.DOWNGRADED, MajorStep.DOWNGRADE),
    Purpose.SEND_BACK: (None, MajorStatus.SUSPECTED, MajorStep.SEND_BACK),
}


@dataclass(frozen=True)
class ReviewPhoto:
    """A photo as the reviewer sees it."""

    sha256: str
    kind: str
    path: Path  # the display copy when there is one, else the original
    taken: datetime | None = None  # an instant when the camera recorded its offset, else its clock
    imported_at: datetime | None = None
    gps: Gps | None = None  # where it was taken, when the camera recorded it


@dataclass(frozen=True)
class Review:
    """Everything an expert needs to decide, and the hash to sign against."""

    finding: Finding
    site_name: str
    clause: ClauseText | None
    photos: list[ReviewPhoto]
    content_sha256: str
    last_step: FindingEvent | None  # the latest major-hazard event (flag, send back, ...)


def review(ctx: AppContext, finding_id: str, purpose: Purpose = Purpose.CONFIRM) -> Review:
    """What the expert reviews for a decision (or for 验收 with purpose VERIFY)."""
    store = BlobStore(ctx.home.photos)
    with ctx.db.read() as s:
        finding = finding_repo.get_finding(s, finding_id)
        site = site_repo.get_site(s, finding.site_id)
        shots = {(r.sha256, r.kind.value): r for r in photo_repo.photos_of_finding(s, finding_id)}
        photos = []
        for p in signing_repo.photos_of(s, [finding_id]):
            shown = store.display(p.sha256)
            shot = shots.get((p.sha256, p.kind))
            photos.append(
                ReviewPhoto(
                    p.sha256,
                    p.kind,
                    shown if shown.exists() else store.original(p.sha256),
                    taken=taken_instant(shot) if shot else None,
                    imported_at=shot.imported_at if shot else None,
                    gps=photo_gps(shot) if shot else None,
                )
            )
        clause = None
        if finding.basis.criteria_id and finding.basis.clause_ref:
            try:
                clause = find_clause(finding.basis.criteria_id, finding.basis.clause_ref)
            except DomainError:
                clause = None  # a clause of a set this build does not ship: show the ref only
        return Review(
            finding,
            site.name,
            clause,
            photos,
            review_sha256_in(s, finding_id, purpose),
            last_major_event(s, finding_id),
        )


def review_queue(ctx: AppContext) -> list[Review]:
    """Suspected major hazards waiting for an expert, oldest first (sent-back ones wait
    for the inspector instead)."""
    with ctx.db.read() as s:
        ids = [
            r.id
            for r in signing_repo.major_findings(s, MajorStatus.SUSPECTED)
            if state_in(s, r) is MajorState.SUSPECTED
        ]
    return [review(ctx, fid) for fid in ids]


def _current(s: Session, finding_id: str) -> Finding:
    return finding_repo.get_finding(s, finding_id).require_current()


def _check_decidable(s: Session, finding_id: str, step: MajorStep) -> None:
    next_major_state(finding_id, state_in(s, _current(s, finding_id)), step)


def decide(
    ctx: AppContext,
    finding_id: str,
    purpose: Purpose,
    *,
    expert_id: str,
    reviewed_sha256: str,
    comment: str = "",
    passphrase: str | None = None,
    unlocked: keys.Unlocked | None = None,
) -> Finding:
    """The expert's signed decision: confirm, downgrade or send back (the last two need a
    comment saying why). Pass the passphrase, or a key already opened with keys.unlock."""
    if purpose not in _DECISION_UPDATES:
        raise SigningError(f"{purpose} is not an expert decision")
    if purpose != Purpose.CONFIRM and not comment.strip():
        raise SigningError(f"{purpose.value}: say why in a comment")
    with ctx.db.read() as s:  # cheap refusals before the slow passphrase check
        check_role(s, expert_id, purpose)
        _check_decidable(s, finding_id, _DECISION_UPDATES[purpose][2])
    key = keys.opened(ctx, expert_id, passphrase, unlocked)
    level, status, action = _DECISION_UPDATES[purpose]
    with ctx.db.transaction() as s:
        _check_decidable(s, finding_id, action)
        sign_in(
            s,
            unlocked=key,
            finding_id=finding_id,
            purpose=purpose,
            comment=comment,
            reviewed_sha256=reviewed_sha256,
        )
        old = finding_repo.get_finding(s, finding_id)  # frozen now: the signature covers it
        new = old.model_copy(update={"level": level or old.level, "major_status": status})
        finding_repo.save_finding(s, new, clock.now())
        record_change(
            s, actor_id=expert_id, action=f"finding.{action}", entity="finding", record=new
        )
        add_event(s, new, action=action, actor_id=expert_id, note=comment)
    return new


def accept(
    ctx: AppContext,
    finding_id: str,
    *,
    expert_id: str,
    reviewed_sha256: str,
    comment: str = "",
    passphrase: str | None = None,
    unlocked: keys.Unlocked | None = None,
) -> Finding:
    """验收 of a confirmed major hazard: the expert signs over the rectification photos too."""
    with ctx.db.read() as s:
        check_role(s, expert_id, Purpose.VERIFY)
        current = _current(s, finding_id)
        next_major_state(finding_id, state_in(s, current), ACCEPT)
        next_status(finding_id, current.status, Action.VERIFY_PASS)
    key = keys.opened(ctx, expert_id, passphrase, unlocked)
    with ctx.db.transaction() as s:
        sign_in(
            s,
            unlocked=key,
            finding_id=finding_id,
            purpose=Purpose.VERIFY,
            comment=comment,
            reviewed_sha256=reviewed_sha256,
        )
        return transition_in(
            s, finding_id, Action.VERIFY_PASS, actor_id=expert_id, note=comment or "专家验收通过"
        )


def confirm(
    ctx: AppContext,
    finding_id: str,
    *,
    expert_id: str,
    reviewed_sha256: str,
    comment: str = "",
    passphrase: str | None = None,
    unlocked: keys.Unlocked | None = None,
) -> Finding:
    """The expert confirms a 重大事故隐患 and signs."""
    return decide(
        ctx,
        finding_id,
        Purpose.CONFIRM,
        expert_id=expert_id,
        comment=comment,
        reviewed_sha256=reviewed_sha256,
        passphrase=passphrase,
        unlocked=unlocked,
    )


def downgrade(
    ctx: AppContext,
    finding_id: str,
    *,
    expert_id: str,
    reviewed_sha256: str,
    comment: str,
    passphrase: str | None = None,
    unlocked: keys.Unlocked | None = None,
) -> Finding:
    """The expert judges it a general hazard and signs, saying why."""
    return decide(
        ctx,
        finding_id,
        Purpose.DOWNGRADE,
        expert_id=expert_id,
        comment=comment,
        reviewed_sha256=reviewed_sha256,
        passphrase=passphrase,
        unlocked=unlocked,
    )


def send_back(
    ctx: AppContext,
    finding_id: str,
    *,
    expert_id: str,
    reviewed_sha256: str,
    comment: str,
    passphrase: str | None = None,
    unlocked: keys.Unlocked | None = None,
) -> Finding:
    """The expert returns it to the inspector, signed, saying what is missing."""
    return decide(
        ctx,
        finding_id,
        Purpose.SEND_BACK,
        expert_id=expert_id,
        comment=comment,
        reviewed_sha256=reviewed_sha256,
        passphrase=passphrase,
        unlocked=unlocked,
    )
