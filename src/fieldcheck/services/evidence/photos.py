# SPDX-License-Identifier: Apache-2.0
"""Use cases for photo evidence: attach, list, verify, regenerate.

Each photo is its own unit: its original is durable under its SHA-256 before the
one transaction that adds its rows, audit entry and outbox change commits, so a
crash at any instant leaves no row without its file, and a bad file in a batch
costs only itself (the transaction is ``recording``). What the camera recorded is
read by ``camera``; the viewer's facts and the watermarked copy are ``viewing``, the
mark-up ``markup``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldcheck.core.errors import FieldcheckError, InvalidValueError
from fieldcheck.core.models import Photo
from fieldcheck.core.terms import PhotoKind
from fieldcheck.photos.ingest import (
    derive,
    prepare,
    prepare_staged,
    regenerate,
)
from fieldcheck.photos.store import BlobStore, Staged
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence import recording
from fieldcheck.services.evidence.camera import photo_gps, taken_text_of
from fieldcheck.services.evidence.derivative_queue import DerivativeQueue as DerivativeQueue
from fieldcheck.services.evidence.derivative_queue import ThumbReady
from fieldcheck.storage import photo_repo

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AttachResult:
    """The outcome for one file: stored (with its facts) or refused (with the reason)."""

    file: str
    ok: bool
    error: str = ""
    photo_id: str = ""
    sha256: str = ""
    bytes: int = 0
    width: int = 0
    height: int = 0
    taken_at: str | None = None
    gps: dict[str, float] | None = None
    display_path: str = ""
    thumb_path: str = ""
    duplicate: bool = False  # the same bytes were already this finding's photo of this kind

    def as_json(self) -> dict[str, Any]:
        """The CLI's --json object for this file."""
        if not self.ok:
            return {"file": self.file, "ok": False, "error": self.error}
        keys = ("file", "ok", "sha256", "bytes", "width", "height", "taken_at", "gps")
        data = {k: getattr(self, k) for k in keys}
        return {**data, "display_path": self.display_path, "thumb_path": self.thumb_path}


def photo_store(ctx: AppContext) -> BlobStore:
    """The content-addressed store of this data directory."""
    return BlobStore(ctx.home.photos)


def photo_kind(kind: PhotoKind | str) -> PhotoKind:
    """kind as a PhotoKind, or InvalidValueError."""
    try:
        return PhotoKind(kind)
    except ValueError:
        raise InvalidValueError(
            "kind", kind, "must be evidence, rectification or revisit"
        ) from None


def check_can_attach(ctx: AppContext, finding_id: str, kind: PhotoKind | str) -> PhotoKind:
    """Raise unless photos of kind can be attached to the finding now; the kind."""
    kind = photo_kind(kind)
    recording.check_open(ctx, finding_id, kind)
    return kind


def attach_file(
    ctx: AppContext,
    finding_id: str,
    path: Path,
    *,
    kind: PhotoKind,
    actor_id: str,
    label: str | None = None,
    original_name: str | None = None,
    queue: DerivativeQueue | None = None,
    on_thumb: ThumbReady | None = None,
    staged: Staged | None = None,
    thumb: Future[bytes] | None = None,
) -> AttachResult:
    """Attach one file (the finding already checked); ok=False with the reason if refused.

    label names the file in the result and messages (default: the path as given);
    original_name is what is recorded (default: the path's file name). staged: the
    bytes were already written to the store's temp file path and hashed as they
    arrived (the phone), so they are checked there instead of copied; thumb is then
    the thumbnail decoded from those same bytes as they arrived, written and announced
    only after the photo is stored. A JPEG's derivatives are made after its row
    commits: by queue when one is given, else here.
    """
    label = str(path) if label is None else label
    store = photo_store(ctx)
    try:
        if staged is not None:
            prepared = prepare_staged(store, staged, label)
        else:
            prepared = prepare(store, path, label)
        if thumb is None or prepared.derivatives is not None:
            thumb = recording.early_thumbnail(queue, on_thumb, prepared, path, staged)
        photo, kept, duplicate = recording.store_one(
            ctx, store, prepared, finding_id, kind, actor_id, original_name or path.name
        )
    except FieldcheckError as exc:
        return AttachResult(file=label, ok=False, error=getattr(exc, "reason", str(exc)))
    except OSError as exc:
        error = f"could not store the photo ({exc.strerror or exc}); nothing was recorded"
        return AttachResult(file=label, ok=False, error=error)
    if kept.pending and queue is not None:
        queue.submit(store, photo.sha256, on_thumb, thumb)
    elif kept.pending:
        try:
            derive(store, photo.sha256, on_thumb)
        except (FieldcheckError, OSError) as exc:  # a full disk: made again on first look
            log.warning("could not make a display image or thumbnail: %s", exc)
    elif on_thumb is not None:
        on_thumb(kept.thumb)
    gps = photo_gps(photo)
    return AttachResult(
        file=label,
        ok=True,
        photo_id=photo.id,
        sha256=photo.sha256,
        bytes=prepared.staged.size,
        width=photo.width,
        height=photo.height,
        taken_at=taken_text_of(photo),
        gps=gps.as_json() if gps else None,
        display_path=str(kept.display),
        thumb_path=str(kept.thumb),
        duplicate=duplicate,
    )


def attach_photos(
    ctx: AppContext,
    finding_id: str,
    files: Sequence[str | Path],
    *,
    kind: PhotoKind | str = PhotoKind.EVIDENCE,
    actor_id: str,
    queue: DerivativeQueue | None = None,
) -> list[AttachResult]:
    """Attach files to a finding, one transaction per photo; one result per file, in order.

    Refuses the whole call (raises) when the finding is missing, superseded, or its
    evidence is frozen; refuses single files (ok=False) when they are not photos.
    Attaching the same bytes to the same finding twice links them once. Display
    images and thumbnails are made after each original is safe: on queue's threads
    when given (call queue.wait() before relying on them), else before returning.
    """
    kind = check_can_attach(ctx, finding_id, kind)
    photo_store(ctx).clean_orphans()
    return [
        attach_file(
            ctx, finding_id, Path(f), kind=kind, actor_id=actor_id, label=str(f), queue=queue
        )
        for f in files
    ]


def list_photos(ctx: AppContext, finding_id: str) -> list[Photo]:
    """A finding's photos in import order."""
    with ctx.db.read() as s:
        photo_repo.get_finding(s, finding_id)
        return photo_repo.photos_of_finding(s, finding_id)


def get_photo(ctx: AppContext, photo_id: str) -> Photo:
    """One photo, or NotFoundError."""
    with ctx.db.read() as s:
        return photo_repo.get_photo(s, photo_id)


def _all_hashes(ctx: AppContext) -> list[str]:
    with ctx.db.read() as s:
        return photo_repo.all_hashes(s)


def verify_photos(ctx: AppContext) -> tuple[int, list[str]]:
    """Re-hash every original the database names; the count and the problems found."""
    store = photo_store(ctx)
    hashes = _all_hashes(ctx)
    problems = [p for sha in hashes if (p := store.verify(sha)) is not None]
    return len(hashes), problems


def thumbnail_of(ctx: AppContext, photo: Photo) -> Path:
    """A stored photo's thumbnail, made again first when it is missing.

    Derivatives follow the original, so a crash (or a full disk) between the two
    leaves a photo without them; the first look at it heals that. A photo whose
    pixels cannot be decoded keeps its original and gets no thumbnail (logged).
    """
    store = photo_store(ctx)
    thumb = store.thumb(photo.sha256)
    if not (thumb.is_file() and thumb.stat().st_size > 0):
        try:
            regenerate(store, photo.sha256)
        except (FieldcheckError, OSError) as exc:
            log.warning("could not make the thumbnail of photo %s again: %s", photo.id, exc)
    return thumb


def regenerate_derivatives(ctx: AppContext, *, only_missing: bool = True) -> int:
    """Make display images and thumbnails again from the originals; how many were checked."""
    store = photo_store(ctx)
    hashes = _all_hashes(ctx)
    for sha in hashes:
        regenerate(store, sha, only_missing=only_missing)
    return len(hashes)
