# SPDX-License-Identifier: Apache-2.0
"""Use cases for inspections (one visit to one site) and checklist item results."""

from __future__ import annotations

from datetime import datetime

from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError
from fieldcheck.core.models import (
    ChecklistRef,
    Inspection,
    InspectionKind,
    ItemOutcome,
    ItemResult,
)
from fieldcheck.services.checklists import Library, load_library, snapshot
from fieldcheck.services.context import AppContext
from fieldcheck.services.journal import record_change
from fieldcheck.storage import checklist_repo, queries
from fieldcheck.storage.db import Session
from fieldcheck.storage.records import (
    get_row,
    inspection_from_row,
    inspection_to_row,
    item_result_from_row,
)
from fieldcheck.storage.tables import InspectionRow, ItemResultRow, PersonRow, SiteRow


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
) -> Inspection:
    """Open an inspection of a site; the checklists used are kept as snapshots."""
    refs = list(checklists or [])
    library = load_library(ctx.home) if refs else None
    with ctx.db.transaction() as s:
        get_row(s, SiteRow, site_id, "site")
        for pid in inspector_ids:
            get_row(s, PersonRow, pid, "person")
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
        s.add(inspection_to_row(insp, actor_id, clock.now()))
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
        row = get_row(s, InspectionRow, inspection_id, "inspection")
        if row.finished_at is not None:
            raise DomainError(f"inspection {inspection_id} was already finished")
        insp = inspection_from_row(row)
        insp = insp.model_copy(
            update={
                "finished_at": finished_at or clock.now(),
                "summary": summary,
                "unfinished_reason": unfinished_reason,
            }
        )
        Inspection.model_validate(insp.model_dump())  # re-check time order and lengths
        row.finished_at = insp.finished_at
        row.summary = summary
        row.unfinished_reason = unfinished_reason
        s.add(row)
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
        row = get_row(s, InspectionRow, inspection_id, "inspection")
        if row.finished_at is not None:
            raise DomainError(f"inspection {inspection_id} is finished; its results are fixed")
        existing = queries.item_result(s, inspection_id, checklist_id, item_id)
        if existing is None:
            result = ItemResult(
                inspection_id=inspection_id,
                checklist_id=checklist_id,
                item_id=item_id,
                outcome=outcome,
                note=note,
            )
            existing = ItemResultRow(**result.model_dump(), recorded_at=clock.now())
        else:
            existing.outcome = outcome.value
            existing.note = note
            existing.recorded_at = clock.now()
            result = item_result_from_row(existing)
        s.add(existing)
        record_change(
            s, actor_id=actor_id, action="item_result.record", entity="item_result", record=result
        )
    return result


def get_inspection(ctx: AppContext, inspection_id: str) -> Inspection:
    with ctx.db.read() as s:
        return inspection_from_row(get_row(s, InspectionRow, inspection_id, "inspection"))


def item_results(ctx: AppContext, inspection_id: str) -> list[ItemResult]:
    with ctx.db.read() as s:
        return [item_result_from_row(r) for r in queries.item_results(s, inspection_id)]


def inspections_of_site(ctx: AppContext, site_id: str) -> list[Inspection]:
    with ctx.db.read() as s:
        return [inspection_from_row(r) for r in queries.inspections_of_site(s, site_id)]
