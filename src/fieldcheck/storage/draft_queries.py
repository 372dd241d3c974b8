# SPDX-License-Identifier: Apache-2.0
"""Inspections still open (never finished): what a restart must offer to continue, as
core models and counts."""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from fieldcheck.core.models import Inspection
from fieldcheck.storage.queries import at_site, current_finding
from fieldcheck.storage.records import inspection_from_row
from fieldcheck.storage.tables import FindingRow, InspectionRow, ItemResultRow, SiteRow


def unfinished(
    s: Session, *, jurisdiction: str | None = None, site_id: str | None = None
) -> list[tuple[Inspection, str]]:
    """(inspection, site name) of every open inspection, newest first."""
    q = (
        select(InspectionRow, SiteRow.name)
        .join(SiteRow, col(SiteRow.id) == col(InspectionRow.site_id))
        .where(col(InspectionRow.finished_at).is_(None))
    )
    if jurisdiction:
        q = q.where(SiteRow.jurisdiction == jurisdiction)
    if site_id:
        q = q.where(at_site(s, InspectionRow.site_id, site_id))
    rows = s.exec(q.order_by(col(InspectionRow.started_at).desc()))
    return [(inspection_from_row(insp), str(name)) for insp, name in rows]


def answered_count(s: Session, inspection_id: str) -> int:
    q = select(func.count()).where(ItemResultRow.inspection_id == inspection_id)
    return int(s.exec(q).one())


def findings_count(s: Session, inspection_id: str, *, exclude_status: str) -> int:
    q = select(func.count()).where(
        FindingRow.inspection_id == inspection_id,
        current_finding(),
        FindingRow.status != exclude_status,
    )
    return int(s.exec(q).one())
