# SPDX-License-Identifier: Apache-2.0
"""Read side of `verify --all` for unsigned records: rows, their last recorded version."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, select

from fieldcheck.storage import records, sync_repo
from fieldcheck.storage.sync_tables import SyncConflictRow
from fieldcheck.storage.tables import (
    FindingEventRow,
    FindingRow,
    InspectionRow,
    PersonRow,
    PhotoRow,
    SiteRow,
)

PULL_OPEN_KEY = "pull_open"  # device.* meta: set while a pull runs, left set when cut off

# The kinds whose rows read back to exactly the content that was queued or pulled.
KINDS: dict[str, tuple[type[Any], Callable[[Any], BaseModel]]] = {
    "site": (SiteRow, records.site_from_row),
    "person": (PersonRow, records.person_from_row),
    "inspection": (InspectionRow, records.inspection_from_row),
    "finding": (FindingRow, records.finding_from_row),
    "finding_event": (FindingEventRow, records.event_from_row),
}


def current_contents(
    s: Session,
) -> Iterator[tuple[str, str, dict[str, Any] | str, str]]:
    """(entity, id, content rebuilt from the row, a label for people) for every covered row;
    instead of the content, why the row does not read back as a valid record."""
    for entity, (table, read) in KINDS.items():
        for row in s.exec(select(table)):
            label = str(getattr(row, "name", None) or getattr(row, "description", "") or "")
            try:
                content: dict[str, Any] | str = read(row).model_dump(mode="json")
            except ValueError as exc:  # pydantic's ValidationError is a ValueError
                content = str(exc).splitlines()[-1].strip() or type(exc).__name__
            yield entity, str(row.id), content, label[:24]


def recorded_versions(
    s: Session, sha_of: Callable[[dict[str, Any]], str]
) -> dict[tuple[str, str], str]:
    """Per record, the SHA-256 of the version fieldcheck last wrote: the newest one queued
    here while it waits for a receipt, else what the server last confirmed or sent."""
    known = sync_repo.known_on_server(s)
    out: dict[tuple[str, str], str] = {}
    for k, (text, pending) in sync_repo.local_versions(s).items():
        if pending or k not in known:
            out[k] = sha_of(json.loads(text))
    return known | out


def open_conflicts(s: Session) -> set[tuple[str, str]]:
    rows = s.exec(select(SyncConflictRow).where(SyncConflictRow.resolved_at == None))  # noqa: E711
    return {(r.entity, r.entity_id) for r in rows}


def photo_files(s: Session) -> list[tuple[str, str, str]]:
    """(photo id, finding id, original's SHA-256) of every photo row."""
    return [(p.id, p.finding_id, p.sha256) for p in s.exec(select(PhotoRow))]


def own_findings(s: Session) -> set[str]:
    """Findings recorded on this device (queued here), as opposed to pulled ones."""
    return {i for (e, i) in sync_repo.local_versions(s) if e == "finding"}
