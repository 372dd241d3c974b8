# SPDX-License-Identifier: Apache-2.0
"""One photo into the database: its rows, audit entry and outbox change in one transaction.

The original is made durable on a worker thread while the rows are written, and the
transaction commits only once it is, so a crash at any instant leaves no row without its
file. The record that travels and is audited is ``payload``, protocol 1's photo.
"""

from __future__ import annotations

from concurrent.futures import Future
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldcheck.core import clock
from fieldcheck.core.errors import FrozenError
from fieldcheck.core.ids import new_id
from fieldcheck.core.models import Photo
from fieldcheck.core.terms import PhotoKind
from fieldcheck.photos.ingest import (
    Kept,
    Prepared,
    keep_soon,
)
from fieldcheck.photos.metadata import stored_time
from fieldcheck.photos.store import BlobStore, Staged
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence.camera import taken_text_of
from fieldcheck.services.evidence.derivative_queue import DerivativeQueue, ThumbReady
from fieldcheck.services.journal import record_change
from fieldcheck.storage import photo_repo


def payload(photo: Photo) -> dict[str, Any]:
    """The photo as it travels and is audited (protocol 1): every field, with taken_at
    as the camera's clock text. Pinned byte for byte by tests/photos/test_photo_payload.py."""
    data = photo.model_dump(mode="json")
    data["taken_at"] = taken_text_of(photo)
    return data


def _require_open(s: Any, finding_id: str, kind: PhotoKind) -> None:
    """Raise unless photos of kind can be attached to the finding (in session s)."""
    finding = photo_repo.get_finding(s, finding_id).require_current(
        "attach photos to the current version"
    )
    if kind is PhotoKind.EVIDENCE and finding.frozen:
        raise FrozenError(
            f"finding {finding_id} is covered by a notice or signature, so its evidence "
            "is closed; record a correction to add evidence (rectification photos are allowed)"
        )


def check_open(ctx: AppContext, finding_id: str, kind: PhotoKind) -> None:
    with ctx.db.read() as s:
        _require_open(s, finding_id, kind)


def store_one(
    ctx: AppContext,
    store: BlobStore,
    prepared: Prepared,
    finding_id: str,
    kind: PhotoKind,
    actor_id: str,
    original_name: str,
) -> tuple[Photo, Kept, bool]:
    # The original is made durable on a worker thread while this one writes the rows;
    # the transaction commits only after it is (kept.result() is its last statement).
    keeping = keep_soon(store, prepared)
    try:
        return _record(ctx, prepared, keeping, finding_id, kind, actor_id, original_name)
    finally:
        keeping.exception()  # never leave with the rename still running


def _record(
    ctx: AppContext,
    prepared: Prepared,
    keeping: Future[Kept],
    finding_id: str,
    kind: PhotoKind,
    actor_id: str,
    original_name: str,
) -> tuple[Photo, Kept, bool]:
    sha, meta = prepared.staged.sha256, prepared.meta
    with ctx.db.transaction() as s:
        # Checked again in the transaction that adds the photo: the finding may have
        # been signed or superseded since the call began (a phone session lasts long).
        _require_open(s, finding_id, kind)
        photo_repo.add_blob_if_missing(
            s,
            sha256=sha,
            size=prepared.staged.size,
            mime=prepared.kind.mime,
            stored_at=clock.now(),
        )
        existing = photo_repo.find_link(s, finding_id=finding_id, sha256=sha, kind=kind.value)
        if existing is not None:  # the same bytes again: already here, add nothing
            s.flush()
            return existing, keeping.result(), True
        photo = Photo(
            id=new_id(),
            finding_id=finding_id,
            sha256=sha,
            kind=kind,
            bytes=prepared.staged.size,
            width=meta.width,
            height=meta.height,
            mime=prepared.kind.mime,
            taken_at=stored_time(meta.taken_at, meta.taken_offset) if meta.taken_at else None,
            taken_offset=meta.taken_offset,
            gps_lat=meta.gps.lat if meta.gps else None,
            gps_lon=meta.gps.lon if meta.gps else None,
            make=meta.make,
            model=meta.model,
            imported_at=clock.now(),
            device_clock=datetime.now(UTC),
            original_name=original_name,
            imported_by=actor_id,
        )
        photo_repo.add_photo(s, photo)
        record_change(
            s, actor_id=actor_id, action="photo.attach", entity="photo", record=payload(photo)
        )
        s.flush()  # the statements run now, while the disk writes the original
        kept = keeping.result()  # durable (or raises: the transaction rolls back)
    return photo, kept, False


def early_thumbnail(
    queue: DerivativeQueue | None,
    on_thumb: ThumbReady | None,
    prepared: Prepared,
    path: Path,
    staged: Staged | None,
) -> Future[bytes] | None:
    """Start a checked JPEG's thumbnail while its original is kept and its rows written.

    Only when someone waits to show it (on_thumb: the phone dialog); otherwise the
    decode would only compete with the acknowledgement for the CPU. It decodes the
    file given (never renamed) or, for bytes staged as they arrived, a copy in
    memory: the staged file itself is renamed meanwhile, which Windows refuses
    while it is open. Written and announced only once the photo is stored.
    """
    if queue is None or on_thumb is None or prepared.derivatives is not None:
        return None
    source = staged.temp.read_bytes() if staged is not None else path
    return queue.preview(source, prepared.name)
