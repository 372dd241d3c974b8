# SPDX-License-Identifier: Apache-2.0
"""Taking one file in: check it, copy and hash it, read its metadata, make derivatives.

``prepare`` does everything that can fail on bad input while the copy is still a
temp file, so a refused file leaves nothing behind (a file that changes meanwhile
is refused); ``keep`` then makes the original durable under its hash. The caller
commits the database row only after ``keep`` returns.

A JPEG is checked without decoding its pixels (header, pixel count against the
file size, every segment and scan present up to the end-of-image marker), so its
display image and thumbnail are made only after the original is safe, by
``derive`` (thumbnail first, from a 1/8-scale decode). PNG, WebP and HEIF must be
decoded whole to know they are intact, so their derivatives come out of
``prepare`` and ``keep`` writes them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

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


def prepare(store: BlobStore, source: Path, name: str | None = None) -> Prepared:
    """Check, stage and describe source; PhotoRejectedError (nothing kept) if it is bad.

    The copy to the store (hash, write, fsync) runs in a worker thread while this one
    decodes the same file; both release the GIL, so the copy costs almost no time.
    """
    name = name or str(source)
    kind = _check_source(source, name)
    before = source.stat()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="stage") as pool:
        staging = pool.submit(store.stage, source)
        try:
            with source.open("rb") as fh:
                image = open_image(fh, kind, name)
                check_data_size(image, kind, before.st_size, name)
                meta = read_meta(image)
                if kind is JPEG:
                    check_jpeg_complete(source, name)
                    derivatives = None
                else:
                    derivatives = make_derivatives(image, kind, name)
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


def jpeg_preview(source: Path, longest: int, quality: int) -> bytes:
    """An upright JPEG of source, long side at most longest, from a DCT-scaled decode."""
    name = str(source)
    with source.open("rb") as fh:
        image = open_image(fh, JPEG, name)
        return encode(upright_preview(image, JPEG, longest, name), quality)


def derive(store: BlobStore, sha: str, on_thumb: Callable[[Path], None] | None = None) -> Kept:
    """Make a kept JPEG's thumbnail (from a 1/8-scale decode), then its display image.

    on_thumb(path) runs as soon as the thumbnail is written. Raises PhotoRejectedError
    when the pixels cannot be decoded; the original stays as it was kept.
    """
    original = store.original(sha)
    store.write_derivative(store.thumb(sha), jpeg_preview(original, THUMB_PX, THUMB_QUALITY))
    if on_thumb is not None:
        on_thumb(store.thumb(sha))
    display = jpeg_preview(original, DISPLAY_PX, DISPLAY_QUALITY)
    store.write_derivative(store.display(sha), display)
    return Kept(original=original, display=store.display(sha), thumb=store.thumb(sha))


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
