# SPDX-License-Identifier: Apache-2.0
"""What a stored photo shows: the full-size viewer's facts and the watermarked copy
documents print (水印相机 band, with the mark-up when there is one)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fieldcheck import paths
from fieldcheck.photos.ingest import (
    regenerate,
)
from fieldcheck.photos.metadata import Gps
from fieldcheck.photos.watermark import BandInfo, band_lines, write_watermarked
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence.camera import photo_gps, taken_text_of, taken_wall_clock
from fieldcheck.services.evidence.markup import markup_path, verify_markup_ok
from fieldcheck.services.evidence.photos import get_photo, photo_store
from fieldcheck.storage import photo_repo

FONT = ("fonts", "wqy-microhei.ttc")


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
