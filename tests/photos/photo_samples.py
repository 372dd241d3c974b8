# SPDX-License-Identifier: Apache-2.0
"""Real-world photo files made on the fly: EXIF orientations, formats, and bad files."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import datetime
from fractions import Fraction
from pathlib import Path

import pillow_heif
from PIL import ExifTags, Image, ImageDraw, TiffImagePlugin

pillow_heif.register_heif_opener()

RED = (220, 30, 30)
BLUE = (30, 60, 200)
# EXIF orientation N says: to show the picture, apply this to the stored pixels. The
# stored pixels of an upright picture U are therefore U with the inverse applied.
INVERSE = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,  # shown by turning 90° clockwise
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def upright_marker(size: tuple[int, int] = (160, 80)) -> Image.Image:
    """A landscape picture, blue with a red top-left quarter: any wrong turn shows."""
    image = Image.new("RGB", size, BLUE)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2 - 1, size[1] // 2 - 1), fill=RED)
    return image


def textured(size: tuple[int, int], seed: int = 0) -> Image.Image:
    """Photo-like content (noise over gradients) so JPEG sizes are realistic."""
    w, h = size
    small = Image.effect_noise((max(1, w // 16), max(1, h // 16)), 60 + seed % 7).convert("L")
    ramp = Image.linear_gradient("L").resize(small.size)
    base = Image.merge("RGB", (small, ramp, small.point(lambda v: 255 - v)))
    noise = Image.effect_noise(size, 18).convert("L")
    big = base.resize(size, Image.Resampling.BILINEAR)
    return Image.merge("RGB", [Image.blend(c, noise, 0.25) for c in big.split()])


def _dms(value: float) -> tuple[Fraction, Fraction, Fraction]:
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = round((value - d - m / 60) * 3600, 4)
    return Fraction(d), Fraction(m), Fraction(s).limit_denominator(10000)


def make_exif(
    *,
    orientation: int = 1,
    taken: datetime | None = None,
    offset: str | None = None,
    gps: tuple[float, float] | None = None,
    make: str = "",
    model: str = "",
) -> Image.Exif:
    """An EXIF block as a phone camera writes it."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    if make:
        exif[ExifTags.Base.Make] = make
    if model:
        exif[ExifTags.Base.Model] = model
    sub: dict[int, object] = {}
    if taken is not None:
        sub[ExifTags.Base.DateTimeOriginal] = taken.strftime("%Y:%m:%d %H:%M:%S")
    if offset is not None:
        sub[ExifTags.Base.OffsetTimeOriginal] = offset
    if sub:  # assigned whole: Pillow 10.2 drops tags added to a fresh get_ifd() dict
        exif[ExifTags.IFD.Exif] = sub
    if gps is not None:
        lat, lon = gps
        exif[ExifTags.IFD.GPSInfo] = {
            1: "N" if lat >= 0 else "S",
            2: tuple(TiffImagePlugin.IFDRational(f.numerator, f.denominator) for f in _dms(lat)),
            3: "E" if lon >= 0 else "W",
            4: tuple(TiffImagePlugin.IFDRational(f.numerator, f.denominator) for f in _dms(lon)),
        }
    return exif


def oriented_jpeg(path: Path, orientation: int, upright: Image.Image | None = None) -> Path:
    """A JPEG whose stored pixels need EXIF orientation to show upright_marker()."""
    picture = upright if upright is not None else upright_marker()
    inverse = INVERSE[orientation]
    stored = picture if inverse is None else picture.transpose(inverse)
    stored.save(path, "JPEG", quality=95, exif=make_exif(orientation=orientation))
    return path


def save(image: Image.Image, path: Path, fmt: str, **options: object) -> Path:
    image.save(path, fmt, **options)
    return path


def heic(path: Path, image: Image.Image, exif: Image.Exif | None = None) -> Path:
    """An iPhone-style HEIC."""
    options = {"quality": 80}
    if exif is not None:
        options["exif"] = exif.tobytes()  # type: ignore[assignment]
    image.save(path, "HEIF", **options)
    return path


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims width×height with almost no data behind it."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )
    return path


def png_bomb(path: Path, side: int) -> Path:
    """A valid all-black greyscale PNG of side×side: tiny on disk, huge in memory."""
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    compressor = zlib.compressobj(9)
    row = b"\x00" * (side + 1)
    parts = [compressor.compress(row) for _ in range(side)]
    parts.append(compressor.flush())
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", b"".join(parts))
        + png_chunk(b"IEND", b"")
    )
    return path


def jpeg_claiming(path: Path, width: int, height: int) -> Path:
    """A small real JPEG whose frame header is patched to claim width×height."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), RED).save(out, "JPEG")
    data = bytearray(out.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    path.write_bytes(bytes(data))
    return path


def truncated(path: Path, source: Path, keep: float = 0.6) -> Path:
    """The first part of source, as an interrupted copy or download leaves it."""
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def stored_files(home: Path) -> list[Path]:
    """Every file under a data directory's photo store, temp files included."""
    root = home / "photos"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
