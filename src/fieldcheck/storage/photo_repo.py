# SPDX-License-Identifier: Apache-2.0
"""The photo repository: core ``Photo`` in and out of the ``photo`` and ``blob`` tables.

``photo.taken_at`` is aware UTC like every other time in the store; ``taken_offset``
is the offset the camera recorded ("+08:00"), or None when it recorded none and
China time was assumed (see photos.metadata.wall_clock to get the camera's clock).
A ``Photo`` carries its original's size and type, which the ``blob`` row keeps once
per original however many findings link it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from fieldcheck.core.errors import NotFoundError
from fieldcheck.core.models import Finding, Photo
from fieldcheck.storage.records import aware, finding_from_row
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


def photo_from_row(row: PhotoRow, blob: BlobRow) -> Photo:
    """The core photo of a stored row and its original's blob row."""
    data = row.model_dump()
    data.update(
        taken_at=aware(row.taken_at) if row.taken_at else None,
        imported_at=aware(row.imported_at),
        device_clock=aware(row.device_clock),
        bytes=blob.bytes,
        mime=blob.mime,
    )
    return Photo.model_validate(data)


def photo_values(photo: Photo) -> dict[str, Any]:
    """The columns of a photo's row (its original's size and type are the blob row's)."""
    data = photo.model_dump(exclude={"bytes", "mime"})
    return {**data, "kind": photo.kind.value}


def _row_of(photo: Photo) -> PhotoRow:
    return PhotoRow(**photo_values(photo))


def _with_blobs(*where: ColumnElement[bool] | bool) -> Select[PhotoRow, BlobRow]:
    return (
        select(PhotoRow, BlobRow)
        .join(BlobRow, col(BlobRow.sha256) == col(PhotoRow.sha256))
        .where(*where)
        .order_by(col(PhotoRow.imported_at), col(PhotoRow.id))
    )


def find_link(session: Session, *, finding_id: str, sha256: str, kind: str) -> Photo | None:
    """The photo linking these bytes to this finding as this kind, if any."""
    found = session.exec(
        _with_blobs(
            PhotoRow.finding_id == finding_id,
            PhotoRow.sha256 == sha256,
            PhotoRow.kind == kind,
        )
    ).first()
    return None if found is None else photo_from_row(*found)


def add_photo(session: Session, photo: Photo) -> None:
    """Insert one photo inside the caller's transaction (its blob row added before)."""
    session.add(_row_of(photo))
    session.flush()


def get_photo(session: Session, photo_id: str) -> Photo:
    """A photo by id, or NotFoundError."""
    found = session.exec(_with_blobs(PhotoRow.id == photo_id)).first()
    if found is None:
        raise NotFoundError("photo", photo_id)
    return photo_from_row(*found)


def photos_of_finding(session: Session, finding_id: str) -> list[Photo]:
    """A finding's photos in the order they were imported."""
    rows = session.exec(_with_blobs(PhotoRow.finding_id == finding_id)).all()
    return [photo_from_row(row, blob) for row, blob in rows]


def all_hashes(session: Session) -> list[str]:
    """The SHA-256 of every stored original the database knows, in order."""
    return list(session.exec(select(BlobRow.sha256).order_by(col(BlobRow.sha256))).all())


def photo_context(session: Session, photo: Photo) -> PhotoContext:
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
