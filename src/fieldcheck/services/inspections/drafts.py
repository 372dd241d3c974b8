# SPDX-License-Identifier: Apache-2.0
"""Half-done inspections: find them, reopen them where they stopped, or end them 未完成.

Every answer and every finding is committed the moment it is given (see
``inspections.record_item_result`` and ``findings.record_finding``), so a crash loses
nothing; this module only reads that state back and closes what was abandoned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fieldcheck.checklists.models import Checklist
from fieldcheck.checklists.snapshot import from_json
from fieldcheck.core.errors import DomainError, InvalidValueError
from fieldcheck.core.loop import Status
from fieldcheck.core.models import Finding, Inspection, Site
from fieldcheck.core.terms import ItemOutcome
from fieldcheck.services.context import AppContext
from fieldcheck.services.inspections import inspections
from fieldcheck.storage import (
    checklist_repo,
    draft_queries,
    inspection_repo,
    notice_repo,
    site_repo,
)
from fieldcheck.storage.db import Session

# Inspections ended 未完成 before the reason had its own field carry it in the summary,
# after this prefix; they are read as they were recorded, never rewritten.
INCOMPLETE_PREFIX = "未完成："


@dataclass(frozen=True)
class OpenInspection:
    """One inspection still open, as 今日 lists it."""

    inspection: Inspection
    site_name: str
    answered: int
    total: int
    findings: int


@dataclass(frozen=True)
class Draft:
    """Everything needed to reopen a walk exactly where it stopped."""

    inspection: Inspection
    site: Site
    checklists: list[Checklist]
    outcomes: dict[tuple[str, str], ItemOutcome]
    findings: list[Finding]  # current versions, withdrawn ones left out

    def first_unanswered(self) -> int:
        """Row of the first item without an answer (0 when all are answered or none)."""
        items = [(c.id, i.id) for c in self.checklists for i in c.items]
        return next((n for n, key in enumerate(items) if key not in self.outcomes), 0)

    def unanswered(self) -> int:
        return sum(1 for c in self.checklists for i in c.items if (c.id, i.id) not in self.outcomes)


def incomplete_reason(inspection: Inspection) -> str | None:
    """Why an inspection ended 未完成, or None if it did not (or is still open)."""
    if inspection.finished_at is None:
        return None
    if inspection.unfinished_reason:
        return inspection.unfinished_reason
    if inspection.summary.startswith(INCOMPLETE_PREFIX):  # recorded before the field existed
        return inspection.summary.removeprefix(INCOMPLETE_PREFIX)
    return None


def is_incomplete(inspection: Inspection) -> bool:
    """Ended as 未完成 (abandoned with a reason) rather than finished."""
    return incomplete_reason(inspection) is not None


def _checklists(s: Session, insp: Inspection) -> list[Checklist]:
    out: list[Checklist] = []
    for ref in insp.checklists:
        text = checklist_repo.snapshot_text(s, sha256=ref.sha256) if ref.sha256 else None
        if text is None:
            raise DomainError(
                f"inspection {insp.id}: the checklist {ref.checklist_id} {ref.version} "
                "it walked is not stored"
            )
        out.append(from_json(text))
    return out


def live_findings(s: Session, inspection_id: str) -> list[Finding]:
    """An inspection's current findings, in order, leaving out those withdrawn (作废)."""
    found = notice_repo.inspection_findings(s, inspection_id)
    return [f for f in found if f.status is not Status.WITHDRAWN]


def current_findings(ctx: AppContext, inspection_id: str) -> list[Finding]:
    """What the walk lists as recorded in this inspection (withdrawn ones left out)."""
    with ctx.db.read() as s:
        return live_findings(s, inspection_id)


def open_inspections(ctx: AppContext, *, jurisdiction: str | None = None) -> list[OpenInspection]:
    """Every inspection not yet finished, newest first, with how far its walk got."""
    with ctx.db.read() as s:
        out = []
        for insp, site_name in draft_queries.unfinished(s, jurisdiction=jurisdiction):
            total = sum(len(c.items) for c in _checklists(s, insp))
            out.append(
                OpenInspection(
                    inspection=insp,
                    site_name=site_name,
                    answered=draft_queries.answered_count(s, insp.id),
                    total=total,
                    findings=draft_queries.findings_count(
                        s, insp.id, exclude_status=Status.WITHDRAWN.value
                    ),
                )
            )
        return out


def open_at_site(ctx: AppContext, site_id: str) -> Inspection | None:
    """The newest open inspection at this site, if there is one."""
    with ctx.db.read() as s:
        rows = draft_queries.unfinished(s, site_id=site_id)
        return rows[0][0] if rows else None


def load_draft(ctx: AppContext, inspection_id: str) -> Draft:
    """An open inspection with its checklists as walked, its answers and its findings."""
    with ctx.db.read() as s:
        insp = inspection_repo.get_inspection(s, inspection_id)
        if insp.finished_at is not None:
            raise DomainError(f"inspection {inspection_id} is finished; it cannot be continued")
        site = site_repo.get_site(s, insp.site_id)
        checklists = _checklists(s, insp)
        outcomes = {
            (r.checklist_id, r.item_id): r.outcome
            for r in inspection_repo.item_results(s, inspection_id)
        }
        found = live_findings(s, inspection_id)
    return Draft(insp, site, checklists, outcomes, found)


def end_incomplete(
    ctx: AppContext,
    inspection_id: str,
    *,
    actor_id: str,
    reason: str,
    ended_at: datetime | None = None,
) -> Inspection:
    """End an abandoned inspection as 未完成, with the reason in its own field."""
    reason = reason.strip()
    if not reason:
        raise InvalidValueError("reason", reason, "an inspection ended 未完成 needs a reason")
    return inspections.close_inspection(
        ctx,
        inspection_id,
        actor_id=actor_id,
        summary="",
        unfinished_reason=reason,
        finished_at=ended_at,
        action="inspection.end_incomplete",
    )
