# SPDX-License-Identifier: Apache-2.0
"""Findings (隐患) and their events, as core models.

A finding's record is written by ``add``/``save``; its evidence state only by
``mark_frozen`` (a notice or a signature covers it) and ``mark_superseded`` (a
correction replaced it), so a save never thaws or revives a finding.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from fieldcheck.core.models import Finding, FindingEvent
from fieldcheck.storage.records import (
    event_to_row,
    finding_events,
    finding_from_row,
    finding_to_row,
    get_row,
    last_event_at,
)
from fieldcheck.storage.tables import FindingRow

__all__ = [
    "add_event",
    "add_finding",
    "events",
    "get_finding",
    "last_event_at",
    "latest_version",
    "mark_frozen",
    "mark_superseded",
    "save_finding",
]


def _row(s: Session, finding_id: str) -> FindingRow:
    return get_row(s, FindingRow, finding_id, "finding")


def get_finding(s: Session, finding_id: str) -> Finding:
    """The finding with its evidence state, or NotFoundError."""
    return finding_from_row(_row(s, finding_id))


def latest_version(s: Session, finding_id: str) -> Finding:
    """The finding, following corrections to its newest version."""
    row = _row(s, finding_id)
    while row.superseded_by:
        row = _row(s, row.superseded_by)
    return finding_from_row(row)


def add_finding(s: Session, finding: Finding, now: datetime) -> None:
    s.add(finding_to_row(finding, now))


def save_finding(s: Session, finding: Finding, now: datetime) -> None:
    """Write a changed finding over its stored version (its evidence state stays)."""
    s.add(finding_to_row(finding, now, _row(s, finding.id)))


def mark_frozen(s: Session, finding_id: str) -> None:
    """Its observed facts are covered now (by a notice or a signature)."""
    row = _row(s, finding_id)
    if not row.frozen:
        row.frozen = True
        s.add(row)


def mark_superseded(s: Session, finding_id: str, by: str) -> None:
    """A correction (the finding with id by) replaced it."""
    row = _row(s, finding_id)
    row.superseded_by = by
    s.add(row)


def add_event(s: Session, event: FindingEvent) -> None:
    s.add(event_to_row(event))


def events(s: Session, finding_id: str) -> list[FindingEvent]:
    """Every event of the finding, oldest first."""
    return finding_events(s, finding_id)
