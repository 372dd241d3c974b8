# SPDX-License-Identifier: Apache-2.0
"""Use cases for inspections (one visit to one site) and checklist item results."""

from __future__ import annotations

from datetime import datetime

from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError
from fieldcheck.core.models import ChecklistRef, Inspection, ItemResult
from fieldcheck.core.terms import InspectionKind, ItemOutcome
from fieldcheck.services.context import AppContext
from fieldcheck.services.inspections.checklists import Library, load_library, snapshot
from fieldcheck.services.journal import record_change
from fieldcheck.storage import checklist_repo, inspection_repo, site_repo, task_repo
from fieldcheck.storage.db import Session


def start_inspection(
    ctx: AppContext,
    *,
    site_id: str,
    inspector_ids: list[str],
    actor_id: str,
    kind: InspectionKind = InspectionKind.ROUTINE,
    checklists: list[ChecklistRef] | None = None,
    location: str = "",
    started_at: datetime | None = None,
    task_id: str | None = None,
    campaign_id: str | None = None,
) -> Inspection:
    """Open an inspection of a site; the checklists used are kept as snapshots.

    ``task_id`` / ``campaign_id``: the task it does or the campaign it is opened under,
    kept on this device beside it (the task's server is told once it is pushed)."""
    refs = list(checklists or [])
    library = load_library(ctx.home) if refs else None
    with ctx.db.transaction() as s:
        site_repo.get_site(s, site_id)
        for pid in inspector_ids:
            site_repo.get_person(s, pid)
        if library is not None:
            refs = [_snapshot_ref(s, library, ref) for ref in refs]
        insp = Inspection(
            site_id=site_id,
            inspector_ids=inspector_ids,
            kind=kind,
            started_at=started_at or clock.now(),
            checklists=refs,
            location=location,
        )
        inspection_repo.add_inspection(s, insp, actor_id, clock.now())
        if task_id or campaign_id:
            task_repo.record_work(s, insp.id, clock.now(), task_id=task_id, campaign_id=campaign_id)
        record_change(
            s, actor_id=actor_id, action="inspection.start", entity="inspection", record=insp
        )
    return insp


def _snapshot_ref(s: Session, library: Library, ref: ChecklistRef) -> ChecklistRef:
    # The inspection keeps exactly the content it walked: a later version of the
    # checklist never changes what this record says was checked.
    checklist = library.checklist(ref.checklist_id, ref.version)
    sha256, text = snapshot(checklist)
    checklist_repo.add_snapshot(
        s,
        sha256=sha256,
        checklist_id=checklist.id,
        version=checklist.version,
        content_json=text,
        stored_at=clock.now(),
    )
    return ref.model_copy(update={"sha256": sha256})


def finish_inspection(
    ctx: AppContext,
    inspection_id: str,
    *,
    actor_id: str,
    summary: str = "",
    finished_at: datetime | None = None,
) -> Inspection:
    """Close an inspection; its time range is then fixed."""
    return close_inspection(
        ctx,
        inspection_id,
        actor_id=actor_id,
        summary=summary,
        finished_at=finished_at,
        action="inspection.finish",
    )


def close_inspection(
    ctx: AppContext,
    inspection_id: str,
    *,
    actor_id: str,
    summary: str,
    finished_at: datetime | None,
    action: str,
    unfinished_reason: str = "",
) -> Inspection:
    """Set the end time and summary (or the 未完成 reason) of an open inspection."""
    with ctx.db.transaction() as s:
        insp = inspection_repo.get_inspection(s, inspection_id)
        if insp.finished_at is not None:
            raise DomainError(f"inspection {inspection_id} was already finished")
        insp = insp.model_copy(
            update={
                "finished_at": finished_at or clock.now(),
                "summary": summary,
                "unfinished_reason": unfinished_reason,
            }
        )
        Inspection.model_validate(insp.model_dump())  # re-check time order and lengths
        inspection_repo.save_finish(s, insp)
        record_change(s, actor_id=actor_id, action=action, entity="inspection", record=insp)
    return insp


def record_item_result(
    ctx: AppContext,
    *,
    inspection_id: str,
    checklist_id: str,
    item_id: str,
    outcome: ItemOutcome,
    actor_id: str,
    note: str = "",
) -> ItemResult:
    """Record (or change) the outcome of one checklist item in an inspection."""
    with ctx.db.transaction() as s:
        if inspection_repo.get_inspection(s, inspection_id).finished_at is not None:
            raise DomainError(f"inspection {inspection_id} is finished; its results are fixed")
        answer = ItemResult(
            inspection_id=inspection_id,
            checklist_id=checklist_id,
            item_id=item_id,
            outcome=outcome,
            note=note,
        )
        result = inspection_repo.save_item_result(s, answer, clock.now())
        record_change(
            s, actor_id=actor_id, action="item_result.record", entity="item_result", record=result
        )
    return result


def get_inspection(ctx: AppContext, inspection_id: str) -> Inspection:
    with ctx.db.read() as s:
        return inspection_repo.get_inspection(s, inspection_id)


def item_results(ctx: AppContext, inspection_id: str) -> list[ItemResult]:
    with ctx.db.read() as s:
        return inspection_repo.item_results(s, inspection_id)


def inspections_of_site(ctx: AppContext, site_id: str) -> list[Inspection]:
    with ctx.db.read() as s:
        return inspection_repo.inspections_of_site(s, site_id)
