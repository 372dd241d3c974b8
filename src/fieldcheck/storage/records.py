# SPDX-License-Identifier: Apache-2.0
"""Mapping between domain models (core) and table rows, and the plain record reads."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlmodel import Session, col, func, select

from fieldcheck.core.errors import NotFoundError
from fieldcheck.core.models import (
    PLAN_FIELDS,
    Basis,
    ChecklistRef,
    Finding,
    FindingEvent,
    Inspection,
    ItemResult,
    Person,
    Site,
)
from fieldcheck.storage.tables import (
    FindingEventRow,
    FindingRow,
    InspectionRow,
    ItemResultRow,
    PersonRow,
    SiteRow,
)


def aware(value: datetime) -> datetime:
    """SQLite hands back naive UTC times; make them aware again."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def aware_or_none(value: datetime | None) -> datetime | None:
    """`aware` for a time that may be missing."""
    return None if value is None else aware(value)


T = TypeVar("T")


def fill(row: T, data: dict[str, Any]) -> T:
    """Write a record's values over its stored row (the columns the record does not
    carry, such as when a row was made, stay)."""
    for key, value in data.items():
        setattr(row, key, value)
    return row


# Each kind's ``*_values`` are the columns of its new row, the one mapping from the record;
# ``*_to_row`` makes that row, or writes the record over a stored one. Local writes and
# pulled records (sync_apply, sync_bulk) both go through them.


def site_values(site: Site, now: datetime) -> dict[str, Any]:
    return {"merged_into": None, **site.model_dump(), "created_at": now, "updated_at": now}


def site_to_row(site: Site, now: datetime, row: SiteRow | None = None) -> SiteRow:
    if row is None:
        return SiteRow(**site_values(site, now))
    fill(row, site.model_dump())
    row.updated_at = now
    return row


def site_from_row(row: SiteRow) -> Site:
    return Site.model_validate(row.model_dump(exclude={"created_at", "updated_at"}))


def person_from_row(row: PersonRow) -> Person:
    return Person.model_validate(row.model_dump(exclude={"created_at"}))


def person_values(person: Person, now: datetime) -> dict[str, Any]:
    return {**person.model_dump(), "created_at": now}


def person_to_row(person: Person, now: datetime, row: PersonRow | None = None) -> PersonRow:
    if row is None:
        return PersonRow(**person_values(person, now))
    return fill(row, person.model_dump())


def _inspection_data(insp: Inspection) -> dict[str, Any]:
    return {
        "id": insp.id,
        "site_id": insp.site_id,
        "kind": insp.kind.value,
        "started_at": insp.started_at,
        "finished_at": insp.finished_at,
        "location": insp.location,
        "summary": insp.summary,
        "unfinished_reason": insp.unfinished_reason,
        "inspector_ids_json": json.dumps(insp.inspector_ids),
        "checklists_json": json.dumps([c.model_dump() for c in insp.checklists]),
    }


def inspection_values(insp: Inspection, created_by: str, now: datetime) -> dict[str, Any]:
    return {**_inspection_data(insp), "created_by": created_by, "created_at": now}


def inspection_to_row(
    insp: Inspection, created_by: str, now: datetime, row: InspectionRow | None = None
) -> InspectionRow:
    """The row of an inspection (who made the row, and when, stay on an existing one)."""
    if row is None:
        return InspectionRow(**inspection_values(insp, created_by, now))
    return fill(row, _inspection_data(insp))


def inspection_from_row(row: InspectionRow) -> Inspection:
    return Inspection(
        id=row.id,
        site_id=row.site_id,
        kind=row.kind,
        started_at=aware(row.started_at),
        finished_at=aware(row.finished_at) if row.finished_at else None,
        location=row.location,
        summary=row.summary,
        unfinished_reason=row.unfinished_reason,
        inspector_ids=json.loads(row.inspector_ids_json),
        checklists=[ChecklistRef.model_validate(c) for c in json.loads(row.checklists_json)],
    )


def item_result_values(result: ItemResult, now: datetime) -> dict[str, Any]:
    return {**result.model_dump(), "recorded_at": now}


def item_result_to_row(
    result: ItemResult, now: datetime, row: ItemResultRow | None = None
) -> ItemResultRow:
    data = item_result_values(result, now)
    return ItemResultRow(**data) if row is None else fill(row, data)


def item_result_from_row(row: ItemResultRow) -> ItemResult:
    return ItemResult.model_validate(row.model_dump(exclude={"recorded_at"}))


_BASIS_FIELDS = ("checklist_id", "item_id", "criteria_id", "clause_ref", "legal_basis")


def _finding_data(f: Finding) -> dict[str, Any]:
    data = f.model_dump(exclude={"basis"})
    data.update({k: getattr(f.basis, k) for k in _BASIS_FIELDS})
    data.update({k: getattr(f, k) for k in PLAN_FIELDS})  # the dump leaves them out when empty
    return data


def finding_values(f: Finding, now: datetime) -> dict[str, Any]:
    """A new finding's row: not frozen, not superseded (only ``mark_frozen`` and
    ``correct_finding`` change that evidence state later)."""
    return {**_finding_data(f), "frozen": False, "superseded_by": None, "updated_at": now}


def finding_to_row(f: Finding, now: datetime, row: FindingRow | None = None) -> FindingRow:
    """The row of f's record; its evidence state (frozen, superseded_by) is not copied:
    only freezing and correcting (``mark_frozen``, ``correct_finding``) change that."""
    if row is None:
        return FindingRow(**finding_values(f, now))
    fill(row, _finding_data(f))
    row.updated_at = now
    return row


def finding_from_row(row: FindingRow) -> Finding:
    return Finding(
        id=row.id,
        inspection_id=row.inspection_id,
        site_id=row.site_id,
        description=row.description,
        place=row.place,
        basis=Basis(**{k: getattr(row, k) for k in _BASIS_FIELDS}),
        level=row.level,
        major_status=row.major_status,
        measures=row.measures,
        deadline=row.deadline,
        status=row.status,
        found_at=aware(row.found_at),
        found_by=row.found_by,
        version=row.version,
        supersedes=row.supersedes,
        responsible=row.responsible,
        funds=row.funds,
        safety_plan=row.safety_plan,
        frozen=row.frozen,
        superseded_by=row.superseded_by,
    )


def event_values(ev: FindingEvent) -> dict[str, Any]:
    return {
        "id": ev.id,
        "finding_id": ev.finding_id,
        "action": str(ev.action),
        "from_status": ev.from_status.value if ev.from_status else None,
        "to_status": ev.to_status.value,
        "actor_id": ev.actor_id,
        "at": ev.at,
        "note": ev.note,
        "deadline": ev.deadline,
    }


def event_to_row(ev: FindingEvent, row: FindingEventRow | None = None) -> FindingEventRow:
    data = event_values(ev)
    return FindingEventRow(**data) if row is None else fill(row, data)


def event_from_row(row: FindingEventRow) -> FindingEvent:
    return FindingEvent(
        id=row.id,
        finding_id=row.finding_id,
        action=row.action,
        from_status=row.from_status,
        to_status=row.to_status,
        actor_id=row.actor_id,
        at=aware(row.at),
        note=row.note,
        deadline=row.deadline,
    )


def get_row(session: Session, table: type[T], ident: str, kind: str) -> T:
    """The row with primary key ident, or NotFoundError naming kind."""
    row = session.get(table, ident)
    if row is None:
        raise NotFoundError(kind, ident)
    return row


def finding_events(session: Session, finding_id: str) -> list[FindingEvent]:
    rows = session.exec(
        select(FindingEventRow)
        .where(FindingEventRow.finding_id == finding_id)
        .order_by(col(FindingEventRow.at), col(FindingEventRow.id))
    )
    return [event_from_row(r) for r in rows]


def last_event_at(session: Session, finding_id: str) -> datetime | None:
    """When the finding last moved (or was recorded)."""
    at = session.exec(
        select(func.max(FindingEventRow.at)).where(FindingEventRow.finding_id == finding_id)
    ).one()
    return aware(at) if at is not None else None
