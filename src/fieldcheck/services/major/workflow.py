# SPDX-License-Identifier: Apache-2.0
"""Where a finding stands in the major-hazard workflow, and the inspector's flag that starts it.

`state_in` reads the workflow state (core.major) from what is recorded: the finding's
major_status, its latest major_* event and the site's signature or refusal. Every step
(the flag here, the expert's review and signed decisions in `major`, the site's
signature in `cosign`) checks it first. `flag_major` marks a finding as a suspected
重大事故隐患 under a criteria clause, for an expert.
"""

from __future__ import annotations

from fieldcheck.core import clock
from fieldcheck.core.errors import FrozenError
from fieldcheck.core.major import MajorState, MajorStep, major_state, next_major_state
from fieldcheck.core.models import Finding, FindingEvent
from fieldcheck.core.terms import Level, MajorStatus, Role
from fieldcheck.services.context import AppContext
from fieldcheck.services.inspections.clauses import major_clause
from fieldcheck.services.journal import record_change
from fieldcheck.services.major.signoff import add_event
from fieldcheck.signing.errors import RoleError
from fieldcheck.storage import finding_repo, signing_repo, site_repo
from fieldcheck.storage.db import Session

FLAG = MajorStep.FLAG


def last_major_event(s: Session, finding_id: str) -> FindingEvent | None:
    steps = [e for e in finding_repo.events(s, finding_id) if str(e.action).startswith("major_")]
    return steps[-1] if steps else None


def state_in(s: Session, f: Finding) -> MajorState:
    """Where the finding stands in the major-hazard workflow (core.major), from what is
    recorded: its major_status, its latest major_* event, the site's signature or refusal."""
    last = last_major_event(s, f.id) if f.major_status == MajorStatus.SUSPECTED else None
    acked = f.major_status == MajorStatus.CONFIRMED and bool(signing_repo.acks_of(s, f.id))
    return major_state(f.major_status, last.action if last else None, acked)


def state(ctx: AppContext, finding_id: str) -> MajorState:
    """The finding's major-hazard workflow state."""
    with ctx.db.read() as s:
        return state_in(s, finding_repo.get_finding(s, finding_id))


def flag_major(
    ctx: AppContext,
    finding_id: str,
    *,
    actor_id: str,
    criteria_id: str,
    clause_ref: str,
    note: str = "",
) -> Finding:
    """Mark a finding as a suspected major hazard under a criteria clause, for an expert."""
    clause = major_clause(criteria_id, clause_ref)
    with ctx.db.transaction() as s:
        actor = site_repo.get_person(s, actor_id)
        if actor.role not in (Role.GRID, Role.ENFORCEMENT):
            raise RoleError(f"{actor.name} is a {actor.role}; only inspectors flag major hazards")
        old = finding_repo.get_finding(s, finding_id).require_current()
        next_major_state(finding_id, state_in(s, old), MajorStep.FLAG)
        changes = (
            old.level != Level.MAJOR,
            old.basis.criteria_id != clause.criteria_id,
            old.basis.clause_ref != clause.ref,
        )
        if old.frozen and any(changes):
            raise FrozenError(
                f"finding {finding_id} is covered by a notice or signature; record a correction "
                "(a new version) with the new level and clause, then flag that"
            )
        basis = old.basis.model_copy(
            update={"criteria_id": clause.criteria_id, "clause_ref": clause.ref}
        )
        new = old.model_copy(
            update={"level": Level.MAJOR, "major_status": MajorStatus.SUSPECTED, "basis": basis}
        )
        finding_repo.save_finding(s, new, clock.now())
        record_change(s, actor_id=actor_id, action=f"finding.{FLAG}", entity="finding", record=new)
        add_event(
            s,
            new,
            action=FLAG,
            actor_id=actor_id,
            note=f"{clause.citation()}" + (f"；{note}" if note else ""),
        )
    return new
