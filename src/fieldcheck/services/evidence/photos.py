# SPDX-License-Identifier: Apache-2.0
"""Use cases for photo evidence: attach, list, verify, regenerate, watermark.

Each photo is its own unit: its original is durable under its SHA-256 before the
one transaction that adds its rows, audit entry and outbox change commits, so a
crash at any instant leaves no row without its file, and a bad file in a batch
costs only itself.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldcheck import paths
from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError, FrozenError, InvalidValueError
from fieldcheck.core.ids import new_id
from fieldcheck.core.models import Photo, PhotoKind
from fieldcheck.photos.ingest import (
    Kept,
    Prepared,
    derive,
    keep_soon,
    prepare,
    prepare_staged,
    regenerate,
)
from fieldcheck.photos.markup import Shape, draw, read_sidecar, sidecar
from fieldcheck.photos.metadata import Gps, offset_tz, stored_time, taken_text, wall_clock
from fieldcheck.photos.store import BlobStore, Staged
from fieldcheck.photos.watermark import BandInfo, band_lines, write_watermarked
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence.derivative_queue import DerivativeQueue as DerivativeQueue
from fieldcheck.services.evidence.derivative_queue import ThumbReady
from fieldcheck.storage import audit, outbox, photo_repo

FONT = ("fonts", "wqy-microhei.ttc")
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


def taken_wall_clock(photo: Photo) -> datetime | None:
    """When the photo was taken, as the camera's clock showed it."""
    return None if photo.taken_at is None else wall_clock(photo.taken_at, photo.taken_offset)


def taken_text_of(photo: Photo) -> str | None:
    """ISO 8601 camera time, with the offset only when the camera recorded one."""
    return taken_text(taken_wall_clock(photo), photo.taken_offset)


def taken_instant(photo: Photo) -> datetime | None:
    """When it was taken: an instant when the camera recorded its offset, else its clock."""
    wall = taken_wall_clock(photo)
    if wall is None or not photo.taken_offset:
        return wall
    return wall.replace(tzinfo=offset_tz(photo.taken_offset))


def photo_gps(photo: Photo) -> Gps | None:
    """Where the photo was taken, when the camera recorded it."""
    if photo.gps_lat is None or photo.gps_lon is None:
        return None
    return Gps(photo.gps_lat, photo.gps_lon)


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


def _check_finding(ctx: AppContext, finding_id: str, kind: PhotoKind) -> None:
    with ctx.db.read() as s:
        _require_open(s, finding_id, kind)


def _store_one(
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
        record = payload(photo)
        audit.append(
            s,
            actor_id=actor_id,
            action="photo.attach",
            entity="photo",
            entity_id=photo.id,
            payload=record,
        )
        outbox.enqueue(s, entity="photo", entity_id=photo.id, payload=record)
        s.flush()  # the statements run now, while the disk writes the original
        kept = keeping.result()  # durable (or raises: the transaction rolls back)
    return photo, kept, False


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
    _check_finding(ctx, finding_id, kind)
    return kind


def _early_thumbnail(
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
            thumb = _early_thumbnail(queue, on_thumb, prepared, path, staged)
        photo, kept, duplicate = _store_one(
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
        except FieldcheckError as exc:
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


def watermarked_display(
    ctx: AppContext, photo_id: str, *, inspectors: Sequence[str] | None = None
) -> Path:
    """A display JPEG of the photo with the 水印相机 information band, for documents.

    The band shows the site's name, the time taken (camera clock and offset), GPS,
    the inspectors (those of the finding's inspection unless given) and the
    original's hash. The file is cached under the data directory's cache and made
    again whenever what it shows changes; the original is never altered.
    """
    with ctx.db.read() as s:
        photo = photo_repo.get_photo(s, photo_id)
        context = photo_repo.photo_context(s, photo)
    info = BandInfo(
        site_name=context.site_name,
        taken_at=taken_wall_clock(photo),
        taken_offset=photo.taken_offset,
        imported_at=photo.imported_at,
        gps=photo_gps(photo),
        inspectors=list(inspectors) if inspectors is not None else context.inspector_names,
        sha256=photo.sha256,
    )
    # A mark-up (circle, arrow) is printed when there is one; the band still names the
    # untouched original's hash, and the sidecar proves which original it was drawn over.
    marked = markup_path(ctx, photo_id) if verify_markup_ok(ctx, photo_id) else None
    drawn = hashlib.sha256(marked.read_bytes()).hexdigest()[:8] if marked else ""
    key = hashlib.sha256((repr(band_lines(info)) + drawn).encode("utf-8")).hexdigest()[:12]
    out = ctx.home.cache / "watermarked" / f"{photo_id}-{key}.jpg"
    if out.is_file():
        return out
    base = marked or regenerate(photo_store(ctx), photo.sha256).display
    return write_watermarked(base, info, paths.resources_dir().joinpath(*FONT), out)


@dataclass(frozen=True)
class PhotoFacts:
    """What the full-size viewer shows under a photo."""

    path: Path  # the image to show (display copy, or the file itself before it is saved)
    sha256: str
    taken_at: str | None
    gps: Gps | None
    name: str
    marked_up: Path | None = None


def stored_facts(ctx: AppContext, photo_id: str) -> PhotoFacts:
    """A stored photo's display image, original hash, camera time and GPS."""
    photo = get_photo(ctx, photo_id)
    kept = regenerate(photo_store(ctx), photo.sha256)
    return PhotoFacts(
        path=kept.display,
        sha256=photo.sha256,
        taken_at=taken_text_of(photo),
        gps=photo_gps(photo),
        name=photo.original_name,
        marked_up=markup_path(ctx, photo_id),
    )


def file_facts(path: Path) -> PhotoFacts:
    """A photo not saved yet: its own bytes' hash, and the time and GPS in its EXIF."""
    from PIL import Image

    from fieldcheck.photos.metadata import read_meta
    from fieldcheck.photos.store import sha256_file

    try:
        with Image.open(path) as image:
            meta = read_meta(image)
        taken, gps = meta.taken_at_text(), meta.gps
    except Exception:  # the viewer still shows the picture Qt can read
        taken, gps = None, None
    return PhotoFacts(path=path, sha256=sha256_file(path), taken_at=taken, gps=gps, name=path.name)


def _markup_files(ctx: AppContext, photo_id: str) -> tuple[Path, Path]:
    folder = photo_store(ctx).root / "markup"
    return folder / f"{photo_id}.jpg", folder / f"{photo_id}.json"


def markup_path(ctx: AppContext, photo_id: str) -> Path | None:
    """The marked-up copy of a photo, when one was drawn."""
    image, meta = _markup_files(ctx, photo_id)
    return image if image.is_file() and meta.is_file() else None


def save_markup(ctx: AppContext, photo_id: str, shapes: Sequence[Shape]) -> Path:
    """Draw shapes on a derived copy of the photo; the original is never touched.

    No shapes removes the mark-up. The sidecar names the original's SHA-256.
    """
    photo = get_photo(ctx, photo_id)
    store = photo_store(ctx)
    image, meta = _markup_files(ctx, photo_id)
    if not shapes:
        image.unlink(missing_ok=True)
        meta.unlink(missing_ok=True)
        return image
    kept = regenerate(store, photo.sha256)
    store.write_derivative(image, draw(kept.display, list(shapes)))
    store.write_derivative(meta, sidecar(photo.sha256, list(shapes)))
    return image


def verify_markup(ctx: AppContext, photo_id: str) -> str | None:
    """None when the mark-up was drawn over this photo's original and it is intact."""
    photo = get_photo(ctx, photo_id)
    _image, meta = _markup_files(ctx, photo_id)
    if not meta.is_file():
        return f"photo {photo_id} has no mark-up"
    original, _shapes = read_sidecar(meta)
    if original != photo.sha256:
        return f"the mark-up was drawn over {original}, not this photo's original {photo.sha256}"
    return photo_store(ctx).verify(photo.sha256)


def verify_markup_ok(ctx: AppContext, photo_id: str) -> bool:
    """True when the photo has a mark-up drawn over its intact original."""
    return markup_path(ctx, photo_id) is not None and verify_markup(ctx, photo_id) is None
