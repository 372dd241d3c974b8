# SPDX-License-Identifier: Apache-2.0
"""Use cases for findings (隐患): record one and move it around the loop.

Editing and correcting a recorded finding are in ``changes``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from fieldcheck.core import clock
from fieldcheck.core.errors import (
    ExpertAcceptanceNeededError,
    ExpertReviewNeededError,
    InvalidValueError,
)
from fieldcheck.core.loop import (
    DEADLINE_ACTIONS,
    REVISIT_OUTCOME_ACTION,
    Action,
    RevisitOutcome,
    Status,
    next_status,
)
from fieldcheck.core.major import require_close_approved
from fieldcheck.core.models import Basis, Finding, FindingEvent
from fieldcheck.core.terms import Change, EventAction, Level, MajorStatus
from fieldcheck.services.context import AppContext
from fieldcheck.services.journal import record_change
from fieldcheck.services.major import close_approval
from fieldcheck.storage import finding_repo, inspection_repo, signing_repo
from fieldcheck.storage.db import Session

# Steps that accept a hazard as fixed: for a confirmed major hazard only an expert's
# signed 验收 (purpose "verify", made after the last step) may take them.
EXPERT_ACCEPTANCE = frozenset({Action.VERIFY_PASS, Action.FIX_ON_SPOT})


def validated(data: dict[str, Any]) -> Finding:
    try:
        return Finding.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "finding"
        raise InvalidValueError(field, err.get("input"), err["msg"]) from None


def add_event(
    s: Session,
    finding: Finding,
    *,
    action: EventAction,
    from_status: Status | None,
    actor_id: str,
    note: str = "",
    deadline: date | None = None,
    at: datetime | None = None,
) -> FindingEvent:
    ev = FindingEvent(
        finding_id=finding.id,
        action=action,
        from_status=from_status,
        to_status=finding.status,
        actor_id=actor_id,
        at=at or clock.now(),
        note=note,
        deadline=deadline,
    )
    finding_repo.add_event(s, ev)
    record_change(
        s, actor_id=actor_id, action=f"finding.{action}", entity="finding_event", record=ev
    )
    return ev


def record_finding(
    ctx: AppContext,
    *,
    inspection_id: str,
    description: str,
    actor_id: str,
    place: str = "",
    basis: Basis | None = None,
    level: Level = Level.GENERAL,
    suspected_major: bool = False,
    measures: str = "",
    deadline: date | None = None,
    found_at: datetime | None = None,
    responsible: str = "",
    funds: str = "",
    safety_plan: str = "",
) -> Finding:
    """Record a hazard found during an inspection (排查), with its first event.

    A deadline, when given, is a later day than today: a hazard fixed at once is 当场整改,
    and one left open gets its deadline from the checklist item or the notice.
    """
    if deadline is not None and deadline <= clock.today():
        raise InvalidValueError(
            "deadline", deadline, "a new hazard's deadline must be a later day than today"
        )
    with ctx.db.transaction() as s:
        insp = inspection_repo.get_inspection(s, inspection_id)
        finding = validated(
            {
                "inspection_id": inspection_id,
                "site_id": insp.site_id,
                "description": description,
                "place": place,
                "basis": basis or Basis(),
                "level": Level.MAJOR if suspected_major else level,
                "major_status": MajorStatus.SUSPECTED if suspected_major else None,
                "measures": measures,
                "deadline": deadline,
                "found_at": found_at or clock.now(),
                "found_by": actor_id,
                "responsible": responsible.strip(),
                "funds": funds.strip(),
                "safety_plan": safety_plan.strip(),
            }
        )
        finding_repo.add_finding(s, finding, clock.now())
        record_change(
            s, actor_id=actor_id, action="finding.record", entity="finding", record=finding
        )
        add_event(
            s,
            finding,
            action=Change.RECORD,
            from_status=None,
            actor_id=actor_id,
            deadline=deadline,
            at=finding.found_at,
        )
    return finding


def transition(
    ctx: AppContext,
    finding_id: str,
    action: Action,
    *,
    actor_id: str,
    note: str = "",
    deadline: date | None = None,
) -> Finding:
    """Move a finding one step around the loop; impossible steps raise TransitionError."""
    with ctx.db.transaction() as s:
        return transition_in(s, finding_id, action, actor_id=actor_id, note=note, deadline=deadline)


def transition_in(
    s: Session,
    finding_id: str,
    action: Action,
    *,
    actor_id: str,
    note: str = "",
    deadline: date | None = None,
) -> Finding:
    """The same step inside a caller's transaction (issuing a notice assigns many)."""
    finding = finding_repo.get_finding(s, finding_id).require_current()
    new_status = next_status(finding_id, finding.status, action)
    if action is Action.WITHDRAW and not note.strip():
        raise InvalidValueError("note", note, "作废 needs a reason (why the record is void)")
    if action in EXPERT_ACCEPTANCE and finding.major_status is MajorStatus.SUSPECTED:
        raise ExpertReviewNeededError(
            f"finding {finding_id} is a suspected major hazard: an expert must confirm or "
            "downgrade it before its 验收 (fieldcheck major confirm|downgrade)"
        )
    if action in EXPERT_ACCEPTANCE and finding.major_status is MajorStatus.CONFIRMED:
        since = finding_repo.last_event_at(s, finding_id)
        if since is None or not signing_repo.has_signature_since(s, finding_id, "verify", since):
            raise ExpertAcceptanceNeededError(
                f"finding {finding_id} is a confirmed major hazard: its 验收 needs an expert's "
                "signature (fieldcheck major accept)"
            )
    if action is Action.CLOSE:  # 分级销号: a listed major hazard waits for its level
        require_close_approved(finding_id, close_approval.waits_in(s, finding))
    updates: dict[str, Any] = {"status": new_status}
    if action in DEADLINE_ACTIONS:
        if deadline is None and finding.deadline is None:
            raise InvalidValueError("deadline", None, f"{action.value} needs a deadline (整改期限)")
        if deadline is not None:
            if deadline < clock.today():
                raise InvalidValueError(
                    "deadline", deadline, "a new deadline cannot be in the past"
                )
            updates["deadline"] = deadline
    new = finding.model_copy(update=updates)
    finding_repo.save_finding(s, new, clock.now())
    record_change(
        s, actor_id=actor_id, action=f"finding.{action.value}", entity="finding", record=new
    )
    add_event(
        s,
        new,
        action=action,
        from_status=finding.status,
        actor_id=actor_id,
        note=note,
        deadline=updates.get("deadline"),
    )
    return new


def record_revisit(
    ctx: AppContext,
    finding_id: str,
    outcome: RevisitOutcome,
    *,
    actor_id: str,
    note: str = "",
    deadline: date | None = None,
) -> Finding:
    """回头看 of a struck-off hazard with what it found, in one transaction.

    未反弹 (held): the 回头看 and its confirmation; the hazard stays struck off. 反弹
    (rebound): the 回头看 and a re-assignment with a new deadline, so the loop starts
    again at 交办 (core.loop). A 回头看 recorded earlier without an outcome (status
    回头看) gets its outcome now.
    """
    if outcome is RevisitOutcome.REBOUND and (deadline is None or deadline <= clock.today()):
        raise InvalidValueError(
            "deadline", deadline, "a hazard found back (反弹) needs a new deadline after today"
        )
    with ctx.db.transaction() as s:
        current = finding_repo.get_finding(s, finding_id)
        if current.status is not Status.REVISIT:
            transition_in(s, finding_id, Action.REVISIT, actor_id=actor_id)
        step = REVISIT_OUTCOME_ACTION[outcome]
        return transition_in(
            s,
            finding_id,
            step,
            actor_id=actor_id,
            note=note.strip(),
            deadline=deadline if outcome is RevisitOutcome.REBOUND else None,
        )


def withdraw_finding(ctx: AppContext, finding_id: str, *, actor_id: str, reason: str) -> Finding:
    """作废: void a hazard recorded in error (e.g. twice); kept with its history and synced."""
    return transition(ctx, finding_id, Action.WITHDRAW, actor_id=actor_id, note=reason.strip())


def freeze_in(s: Session, finding_id: str) -> None:
    """Mark a finding's observed facts as covered (by a notice or a signature)."""
    finding_repo.mark_frozen(s, finding_id)


def get_finding(ctx: AppContext, finding_id: str) -> Finding:
    with ctx.db.read() as s:
        return finding_repo.get_finding(s, finding_id)


def is_frozen(ctx: AppContext, finding_id: str) -> bool:
    return get_finding(ctx, finding_id).frozen


def history(ctx: AppContext, finding_id: str) -> list[FindingEvent]:
    """Every event of a finding, oldest first."""
    with ctx.db.read() as s:
        finding_repo.get_finding(s, finding_id)
        return finding_repo.events(s, finding_id)
