# SPDX-License-Identifier: Apache-2.0
"""Inspections (one visit to one site) and their checklist item results, as core models."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from fieldcheck.core.models import Inspection, ItemResult
from fieldcheck.storage import queries
from fieldcheck.storage.records import (
    get_row,
    inspection_from_row,
    inspection_to_row,
    item_result_from_row,
    item_result_to_row,
)
from fieldcheck.storage.tables import InspectionRow


def get_inspection(s: Session, inspection_id: str) -> Inspection:
    """The inspection, or NotFoundError."""
    return inspection_from_row(get_row(s, InspectionRow, inspection_id, "inspection"))


def add_inspection(s: Session, insp: Inspection, created_by: str, now: datetime) -> None:
    s.add(inspection_to_row(insp, created_by, now))


def save_finish(s: Session, insp: Inspection) -> None:
    """Write an inspection's end time, summary and 未完成 reason (the rest of a visit
    never changes)."""
    row = get_row(s, InspectionRow, insp.id, "inspection")
    row.finished_at = insp.finished_at
    row.summary = insp.summary
    row.unfinished_reason = insp.unfinished_reason
    s.add(row)


def inspections_of_site(s: Session, site_id: str) -> list[Inspection]:
    return [inspection_from_row(r) for r in queries.inspections_of_site(s, site_id)]


def item_results(s: Session, inspection_id: str) -> list[ItemResult]:
    return [item_result_from_row(r) for r in queries.item_results(s, inspection_id)]


def save_item_result(s: Session, result: ItemResult, now: datetime) -> ItemResult:
    """Record an item's outcome; an item answered before keeps its record (and id), with
    the new outcome and note. Returns what is stored."""
    row = queries.item_result(s, result.inspection_id, result.checklist_id, result.item_id)
    if row is None:
        s.add(item_result_to_row(result, now))
        return result
    row.outcome = result.outcome.value
    row.note = result.note
    row.recorded_at = now
    s.add(row)
    return item_result_from_row(row)
