# SPDX-License-Identifier: Apache-2.0
"""Reads and inserts for the ``blob`` and ``photo`` tables.

``photo.taken_at`` is aware UTC like every other time in the store; ``taken_offset``
is the offset the camera recorded ("+08:00"), or None when it recorded none and
China time was assumed (see photos.metadata.wall_clock to get the camera's clock).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from fieldcheck.core.errors import NotFoundError
from fieldcheck.core.models import Finding
from fieldcheck.storage.records import finding_from_row
from fieldcheck.storage.tables import (
    BlobRow,
    FindingRow,
    InspectionRow,
    PersonRow,
    PhotoRow,
    SiteRow,
)


@dataclass(frozen=True)
class PhotoContext:
    """What a watermark says about a photo beyond the photo itself."""

    site_name: str
    inspector_names: list[str]
    finding_description: str


def get_finding(session: Session, finding_id: str) -> Finding:
    """The finding a photo is attached to, or NotFoundError."""
    row = session.get(FindingRow, finding_id)
    if row is None:
        raise NotFoundError("finding", finding_id)
    return finding_from_row(row)


def add_blob_if_missing(
    session: Session, *, sha256: str, size: int, mime: str, stored_at: datetime
) -> bool:
    """Record a stored original once; True when this call added it."""
    if session.get(BlobRow, sha256) is not None:
        return False
    session.add(BlobRow(sha256=sha256, bytes=size, mime=mime, stored_at=stored_at))
    return True


def find_link(session: Session, *, finding_id: str, sha256: str, kind: str) -> PhotoRow | None:
    """The photo row linking these bytes to this finding as this kind, if any."""
    return session.exec(
        select(PhotoRow).where(
            PhotoRow.finding_id == finding_id, PhotoRow.sha256 == sha256, PhotoRow.kind == kind
        )
    ).first()


def add_photo(session: Session, row: PhotoRow) -> PhotoRow:
    """Insert one photo row inside the caller's transaction."""
    session.add(row)
    session.flush()
    return row


def get_photo(session: Session, photo_id: str) -> PhotoRow:
    """A photo row by id, or NotFoundError."""
    row = session.get(PhotoRow, photo_id)
    if row is None:
        raise NotFoundError("photo", photo_id)
    return row


def get_blob(session: Session, sha256: str) -> BlobRow | None:
    return session.get(BlobRow, sha256)


def photos_of_finding(session: Session, finding_id: str) -> Sequence[PhotoRow]:
    """A finding's photos in the order they were imported."""
    return session.exec(
        select(PhotoRow)
        .where(PhotoRow.finding_id == finding_id)
        .order_by(col(PhotoRow.imported_at), col(PhotoRow.id))
    ).all()


def all_blobs(session: Session) -> Sequence[BlobRow]:
    """Every stored original the database knows, by hash."""
    return session.exec(select(BlobRow).order_by(col(BlobRow.sha256))).all()


def photo_context(session: Session, photo: PhotoRow) -> PhotoContext:
    """Site name and inspectors' names for a photo, through its finding and inspection."""
    finding = get_finding(session, photo.finding_id)
    site = session.get(SiteRow, finding.site_id)
    inspection = session.get(InspectionRow, finding.inspection_id)
    names: list[str] = []
    if inspection is not None:
        for person_id in json.loads(inspection.inspector_ids_json or "[]"):
            person = session.get(PersonRow, person_id)
            names.append(person.name if person is not None else str(person_id))
    return PhotoContext(
        site_name=site.name if site is not None else "",
        inspector_names=names,
        finding_description=finding.description,
    )
