# SPDX-License-Identifier: Apache-2.0
"""Mark-up (circle, arrow) drawn on a derived copy of a stored photo; the original is
never touched, and a sidecar names the original's SHA-256 it was drawn over."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fieldcheck.photos.ingest import (
    regenerate,
)
from fieldcheck.photos.markup import Shape, draw, read_sidecar, sidecar
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence.photos import get_photo, photo_store


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
