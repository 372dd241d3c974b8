# SPDX-License-Identifier: Apache-2.0
"""Read queries for trends: the steps of every hazard that could matter in a time window."""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import or_, text
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from fieldcheck.storage.queries import current_finding
from fieldcheck.storage.tables import OPEN_SQL, FindingEventRow, FindingRow


class Step(NamedTuple):
    """One event of a hazard: when, the status it led to, the deadline it set (if any)."""

    finding_id: str
    at: datetime
    action: str
    to_status: str
    deadline: date | None


def superseded(s: Session) -> dict[str, str]:
    """Corrected versions → the version that replaced them (usually a handful)."""
    rows = s.exec(
        select(FindingRow.id, FindingRow.superseded_by).where(
            col(FindingRow.superseded_by).is_not(None)
        )
    )
    return {fid: str(newer) for fid, newer in rows}


def steps_since(s: Session, since: datetime) -> list[Step]:
    """Every event of the hazards still open now or touched at or after since, in time order.

    A hazard settled before the window and never touched since cannot be found, closed
    or overdue inside it, so its events are not read (the bulk of an old ledger).
    """
    touched = select(FindingEventRow.finding_id).where(col(FindingEventRow.at) >= since)
    # Literal SQL, so SQLite answers it from the open-deadline partial index.
    still_open = select(FindingRow.id).where(current_finding(), text(OPEN_SQL))
    q = (
        sa_select(
            col(FindingEventRow.finding_id),
            col(FindingEventRow.at),
            col(FindingEventRow.action),
            col(FindingEventRow.to_status),
            col(FindingEventRow.deadline),
        )
        .where(
            or_(
                col(FindingEventRow.finding_id).in_(touched),
                col(FindingEventRow.finding_id).in_(still_open),
            )
        )
        .order_by(col(FindingEventRow.at), col(FindingEventRow.id))
    )
    return [Step(*row) for row in s.execute(q)]


def current_deadlines(s: Session, ids: set[str]) -> dict[str, date | None]:
    """The deadline each (current) hazard carries now, for steps that did not record one."""
    out: dict[str, date | None] = {}
    chunk = sorted(ids)
    for i in range(0, len(chunk), 900):  # SQLite's bound-parameter limit
        part = chunk[i : i + 900]
        rows = s.execute(
            sa_select(col(FindingRow.id), col(FindingRow.deadline)).where(
                col(FindingRow.id).in_(part)
            )
        )
        out.update({fid: deadline for fid, deadline in rows})
    return out
