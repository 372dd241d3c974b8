# SPDX-License-Identifier: Apache-2.0
"""Taking one file in: check it, copy and hash it, read its metadata, make derivatives.

``prepare`` does everything that can fail on bad input while the copy is still a
temp file, so a refused file leaves nothing behind (a file that changes meanwhile
is refused); ``keep`` then makes the original durable under its hash (rename, then
the file and its folder fsynced together). The caller commits the database row only
after ``keep`` returns; ``keep_soon`` runs it on a worker thread so the caller can
prepare that row meanwhile. ``prepare_staged`` checks bytes that were staged as they
arrived (the phone receiver hashes and writes them straight into the store's temp file).

A JPEG is checked without decoding its pixels (header, pixel count against the
file size, every segment and scan present up to the end-of-image marker), so its
display image and thumbnail are made only after the original is safe, by
``derive`` (thumbnail first, from a 1/8-scale decode). PNG, WebP and HEIF must be
decoded whole to know they are intact, so their derivatives come out of
``prepare`` and ``keep`` writes them.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from fieldcheck.photos.derive import (
    DISPLAY_PX,
    DISPLAY_QUALITY,
    THUMB_PX,
    THUMB_QUALITY,
    Derivatives,
    encode,
    make_derivatives,
    upright_preview,
)
from fieldcheck.photos.formats import (
    ACCEPTED,
    JPEG,
    Kind,
    PhotoRejectedError,
    check_data_size,
    check_jpeg_complete,
    describe_unknown,
    open_image,
    read_head,
    sniff,
)
from fieldcheck.photos.metadata import PhotoMeta, read_meta
from fieldcheck.photos.store import BlobStore, Staged

# Copies and fsyncs run here, beside the thread that checks the photo or writes its
# rows: hashing, writing and waiting for the disk all release the GIL. The threads
# are kept (starting one per photo costs more than it saves on a busy laptop).
_WORKERS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="photo-store")


@dataclass(frozen=True)
class Prepared:
    """A checked photo whose bytes are staged but not yet kept."""

    name: str
    staged: Staged
    kind: Kind
    meta: PhotoMeta
    derivatives: Derivatives | None  # None: made by derive() once the original is kept


@dataclass(frozen=True)
class Kept:
    """Where a kept photo's original and derivatives are (pending: not written yet)."""

    original: Path
    display: Path
    thumb: Path
    pending: bool = False


def _check_source(source: Path, name: str) -> Kind:
    try:
        if not source.exists():
            raise PhotoRejectedError(name, "no such file")
        if not source.is_file():
            raise PhotoRejectedError(name, "not a regular file")
        if source.stat().st_size == 0:
            raise PhotoRejectedError(name, "the file is empty (0 bytes)")
        head = read_head(source)
    except PermissionError as exc:
        raise PhotoRejectedError(name, f"cannot read the file ({exc.strerror})") from exc
    kind = sniff(head)
    if kind is None:
        raise PhotoRejectedError(name, f"{describe_unknown(head)}; accepted: {ACCEPTED}")
    return kind


def _inspect(path: Path, kind: Kind, size: int, name: str) -> tuple[PhotoMeta, Derivatives | None]:
    """Metadata, and the derivatives of a non-JPEG; PhotoRejectedError if the file is bad."""
    with path.open("rb") as fh:
        image = open_image(fh, kind, name)
        check_data_size(image, kind, size, name)
        meta = read_meta(image)
        if kind is JPEG:
            check_jpeg_complete(path, name)
            return meta, None
        return meta, make_derivatives(image, kind, name)


def prepare(store: BlobStore, source: Path, name: str | None = None) -> Prepared:
    """Check, stage and describe source; PhotoRejectedError (nothing kept) if it is bad.

    The copy to the store (hash, write) runs on a worker thread while this one
    checks the same file; both release the GIL, so the copy costs little time. Its
    fsync is keep()'s, beside the folder's.
    """
    name = name or str(source)
    kind = _check_source(source, name)
    before = source.stat()
    staging = _WORKERS.submit(store.stage, source, sync=False)
    try:
        meta, derivatives = _inspect(source, kind, before.st_size, name)
    except BaseException:
        with contextlib.suppress(OSError):
            store.discard(staging.result())
        raise
    try:
        staged = staging.result()
    except OSError as exc:
        raise PhotoRejectedError(name, f"cannot copy the file ({exc.strerror or exc})") from exc
    after = source.stat()
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or (
        staged.size != before.st_size
    ):
        store.discard(staged)
        raise PhotoRejectedError(name, "the file changed while it was being imported; try again")
    return Prepared(name=name, staged=staged, kind=kind, meta=meta, derivatives=derivatives)


def prepare_staged(store: BlobStore, staged: Staged, name: str) -> Prepared:
    """Check bytes already staged and hashed (as they arrived); discarded if they are bad.

    keep() fsyncs them, beside the folder's fsync.
    """
    try:
        kind = _check_source(staged.temp, name)
        meta, derivatives = _inspect(staged.temp, kind, staged.size, name)
    except BaseException as exc:
        store.discard(staged)
        if isinstance(exc, OSError):
            reason = f"cannot read the file ({exc.strerror or exc})"
            raise PhotoRejectedError(name, reason) from exc
        raise
    return Prepared(name=name, staged=staged, kind=kind, meta=meta, derivatives=derivatives)


def keep(store: BlobStore, prepared: Prepared) -> Kept:
    """Make the original durable under its hash, then write the derivatives prepare made."""
    sha = prepared.staged.sha256
    original = store.commit(prepared.staged)
    derivatives = prepared.derivatives
    if derivatives is not None:
        store.write_derivative(store.display(sha), derivatives.display)
        store.write_derivative(store.thumb(sha), derivatives.thumb)
    pending = derivatives is None
    return Kept(original, store.display(sha), store.thumb(sha), pending=pending)


def keep_soon(store: BlobStore, prepared: Prepared) -> Future[Kept]:
    """keep() on a worker thread: the caller may prepare its rows, and commits after result()."""
    return _WORKERS.submit(keep, store, prepared)


def jpeg_preview(
    source: Path | bytes | BinaryIO, longest: int, quality: int, name: str = ""
) -> bytes:
    """An upright JPEG of source (a file, its bytes or a stream), long side at most longest.

    Decoded with DCT scaling (a 1/8-scale decode for a thumbnail).
    """
    name = name or str(source)
    if isinstance(source, Path):
        opened: contextlib.AbstractContextManager[BinaryIO] = source.open("rb")
    elif isinstance(source, bytes):
        opened = io.BytesIO(source)
    else:
        opened = contextlib.nullcontext(source)
    with opened as fh:
        image = open_image(fh, JPEG, name)
        return encode(upright_preview(image, JPEG, longest, name), quality)


def thumbnail_jpeg(source: Path | bytes | BinaryIO, name: str = "") -> bytes:
    """The thumbnail of a JPEG; from a checked file, it may be made before the original is kept."""
    return jpeg_preview(source, THUMB_PX, THUMB_QUALITY, name)


def write_thumbnail(store: BlobStore, sha: str, data: bytes) -> Path:
    """Write a kept photo's thumbnail; its path."""
    store.write_derivative(store.thumb(sha), data)
    return store.thumb(sha)


def write_display(store: BlobStore, sha: str) -> Path:
    """Make and write a kept JPEG's display image from its original; its path."""
    data = jpeg_preview(store.original(sha), DISPLAY_PX, DISPLAY_QUALITY)
    store.write_derivative(store.display(sha), data)
    return store.display(sha)


def derive(store: BlobStore, sha: str, on_thumb: Callable[[Path], None] | None = None) -> Kept:
    """Make a kept JPEG's thumbnail (from a 1/8-scale decode), then its display image.

    on_thumb(path) runs as soon as the thumbnail is written. Raises PhotoRejectedError
    when the pixels cannot be decoded; the original stays as it was kept.
    """
    original = store.original(sha)
    thumb = write_thumbnail(store, sha, thumbnail_jpeg(original))
    if on_thumb is not None:
        on_thumb(thumb)
    return Kept(original=original, display=write_display(store, sha), thumb=thumb)


def regenerate(store: BlobStore, sha: str, *, only_missing: bool = True) -> Kept:
    """Make the derivatives of a kept original again (all, or only those missing)."""
    display, thumb = store.display(sha), store.thumb(sha)
    present = all(p.is_file() and p.stat().st_size > 0 for p in (display, thumb))
    if not (only_missing and present):
        original = store.original(sha)
        kind = sniff(read_head(original))
        if kind is None:
            raise PhotoRejectedError(str(original), "the stored original is not an image")
        with original.open("rb") as fh:
            image = open_image(fh, kind, str(original))
            derivatives = make_derivatives(image, kind, str(original))
        store.write_derivative(display, derivatives.display)
        store.write_derivative(thumb, derivatives.thumb)
    return Kept(original=store.original(sha), display=display, thumb=thumb)
