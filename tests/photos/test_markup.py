# SPDX-License-Identifier: Apache-2.0
"""Mark-up round trip: drawn on a derived copy, printed, and checked against the original."""

from __future__ import annotations

from pathlib import Path

import pytest
from photo_samples import save, textured
from PIL import Image

from fieldcheck.photos.markup import Shape, read_sidecar
from fieldcheck.photos.store import sha256_file
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence import markup, photos, viewing


def test_markup_round_trip_keeps_the_original_and_its_hash(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    path = save(textured((640, 480), 3), tmp_path / "a.jpg", "JPEG", quality=90)
    [r] = photos.attach_photos(ctx, finding_id, [path], actor_id="p")
    [row] = photos.list_photos(ctx, finding_id)
    original = photos.photo_store(ctx).original(r.sha256)
    before = original.read_bytes()
    plain = viewing.watermarked_display(ctx, row.id)
    shapes = [Shape("circle", 0.2, 0.2, 0.5, 0.6), Shape("arrow", 0.9, 0.9, 0.55, 0.65)]
    marked = markup.save_markup(ctx, row.id, shapes)
    assert markup.markup_path(ctx, row.id) == marked
    assert original.read_bytes() == before and sha256_file(original) == r.sha256
    sha, back = read_sidecar(marked.with_suffix(".json"))
    assert (sha, back) == (r.sha256, shapes)
    assert markup.verify_markup(ctx, row.id) is None
    with Image.open(marked) as drawn, Image.open(r.display_path) as display:
        assert drawn.size == display.size
        x, y = round(0.2 * display.width), round(0.4 * display.height)  # on the circle's edge
        red = drawn.convert("RGB").getpixel((x + 1, y))
        assert red[0] > 180 and red[1] < 90  # type: ignore[index]
    printed = viewing.watermarked_display(ctx, row.id)  # what the notice embeds
    assert printed != plain
    with Image.open(printed) as image:
        px = image.convert("RGB").getpixel((round(0.2 * image.width) + 1, y))
        assert px[0] > 180 and px[1] < 90  # type: ignore[index]
    facts = viewing.stored_facts(ctx, row.id)
    assert facts.sha256 == r.sha256 and facts.marked_up == marked
    # A mark-up that claims another original is not printed.
    marked.with_suffix(".json").write_text(
        marked.with_suffix(".json").read_text().replace(r.sha256, "0" * 64)
    )
    assert markup.verify_markup(ctx, row.id) is not None
    with Image.open(viewing.watermarked_display(ctx, row.id)) as image, Image.open(plain) as p:
        assert image.tobytes() == p.tobytes()
    markup.save_markup(ctx, row.id, [])
    assert markup.markup_path(ctx, row.id) is None


def test_shapes_outside_the_image_are_refused() -> None:
    with pytest.raises(ValueError):
        Shape("circle", 0.1, 0.1, 1.4, 0.5)
    with pytest.raises(ValueError):
        Shape("star", 0.1, 0.1, 0.2, 0.2)  # type: ignore[arg-type]
