# SPDX-License-Identifier: Apache-2.0
"""Every accepted kind of file becomes an upright sRGB display image and thumbnail."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest
from photo_samples import (
    BLUE,
    RED,
    heic,
    make_exif,
    oriented_jpeg,
    save,
    textured,
    upright_marker,
)
from PIL import Image

from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence import photos


def _close(pixel: tuple[int, ...], colour: tuple[int, int, int], tol: int = 40) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(pixel[:3], colour, strict=True))


def _attach_one(ctx: AppContext, finding_id: str, path: Path) -> photos.AttachResult:
    [result] = photos.attach_photos(ctx, finding_id, [path], actor_id="tester")
    assert result.ok, result.error
    return result


@pytest.mark.parametrize("orientation", range(1, 9))
def test_exif_orientation_gives_upright_display_and_size(
    ctx: AppContext, finding_id: str, tmp_path: Path, orientation: int
) -> None:
    path = oriented_jpeg(tmp_path / f"o{orientation}.jpg", orientation)
    result = _attach_one(ctx, finding_id, path)
    assert (result.width, result.height) == (160, 80)
    with Image.open(result.display_path) as display:
        assert display.size == (160, 80) and display.mode == "RGB"
        assert _close(display.getpixel((10, 10)), RED)  # type: ignore[arg-type]
        assert _close(display.getpixel((150, 70)), BLUE)  # type: ignore[arg-type]
        assert _close(display.getpixel((150, 10)), BLUE)  # type: ignore[arg-type]
    # The original's bytes are the file's bytes, orientation tag and all.
    original = ctx.home.photos / "originals" / result.sha256[:2] / result.sha256
    assert original.read_bytes() == path.read_bytes()


def test_large_rotated_jpeg_is_scaled_to_display_and_thumb_sizes(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    upright = upright_marker((1800, 3600))  # portrait as shown; stored landscape (6)
    path = oriented_jpeg(tmp_path / "portrait.jpg", 6, upright)
    result = _attach_one(ctx, finding_id, path)
    assert (result.width, result.height) == (1800, 3600)
    with Image.open(result.display_path) as display:
        assert display.size == (800, 1600)
        assert _close(display.getpixel((20, 20)), RED)  # type: ignore[arg-type]
        assert _close(display.getpixel((780, 1580)), BLUE)  # type: ignore[arg-type]
    with Image.open(result.thumb_path) as thumb:
        assert thumb.size == (160, 320) and thumb.format == "JPEG"


def _progressive(tmp: Path) -> Path:
    return save(upright_marker(), tmp / "p.jpg", "JPEG", progressive=True, quality=90)


def _cmyk(tmp: Path) -> Path:
    image = Image.new("CMYK", (160, 80), (0, 200, 180, 0))
    return save(image, tmp / "c.jpg", "JPEG", quality=95)


def _grey(tmp: Path) -> Path:
    return save(upright_marker().convert("L"), tmp / "g.jpg", "JPEG")


def _png_alpha(tmp: Path) -> Path:
    image = Image.new("RGBA", (160, 80), (0, 0, 0, 0))  # fully transparent
    image.paste((*RED, 255), (0, 0, 80, 40))
    return save(image, tmp / "a.png", "PNG")


def _png_palette(tmp: Path) -> Path:
    return save(upright_marker().convert("P"), tmp / "pal.png", "PNG")


def _png_16bit(tmp: Path) -> Path:
    image = Image.new("I;16", (160, 80), 40000)
    return save(image, tmp / "g16.png", "PNG")


def _webp(tmp: Path) -> Path:
    return save(upright_marker(), tmp / "w.webp", "WEBP", quality=90)


def _heic(tmp: Path) -> Path:
    return heic(tmp / "i.heic", upright_marker())


@pytest.mark.parametrize(
    "maker",
    [_progressive, _cmyk, _grey, _png_alpha, _png_palette, _png_16bit, _webp, _heic],
    ids=lambda f: f.__name__.strip("_"),
)
def test_every_accepted_format_is_stored_byte_exact_with_rgb_derivatives(
    ctx: AppContext, finding_id: str, tmp_path: Path, maker
) -> None:
    path = maker(tmp_path)
    result = _attach_one(ctx, finding_id, path)
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert result.bytes == path.stat().st_size
    assert (result.width, result.height) == (160, 80)
    with Image.open(result.display_path) as display:
        assert display.format == "JPEG" and display.mode == "RGB" and display.size == (160, 80)
        top_left = display.getpixel((10, 10))
        bottom_right = display.getpixel((150, 70))
    if maker is _png_alpha:
        assert _close(top_left, RED) and _close(bottom_right, (255, 255, 255))  # type: ignore[arg-type]
    elif maker is _cmyk:
        assert _close(top_left, (255, 55, 75), tol=60)  # type: ignore[arg-type]
    elif maker is _png_16bit:
        assert _close(top_left, (156, 156, 156), tol=3)  # type: ignore[arg-type]
    elif maker is not _grey:
        assert _close(top_left, RED) and _close(bottom_right, BLUE)  # type: ignore[arg-type]


def test_heic_exif_time_and_place_are_read(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    exif = make_exif(
        taken=datetime(2025, 3, 14, 9, 26, 53),
        offset="+08:00",
        gps=(34.7471, 113.6253),
        make="Apple",
        model="iPhone 15 Pro",
    )
    result = _attach_one(ctx, finding_id, heic(tmp_path / "x.heic", textured((320, 240)), exif))
    assert result.taken_at == "2025-03-14T09:26:53+08:00"
    assert result.gps is not None
    assert result.gps["lat"] == pytest.approx(34.7471, abs=1e-5)
    assert result.gps["lon"] == pytest.approx(113.6253, abs=1e-5)
