# SPDX-License-Identifier: Apache-2.0
"""Made-up camera photos for the demo data: a JPEG with the EXIF a phone writes.

The picture is drawn, not photographed, and says so on its face (演示照片), so demo
evidence can never be mistaken for a real inspection's.
"""

from __future__ import annotations

import random
from datetime import datetime
from fractions import Fraction
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw, ImageFont, TiffImagePlugin

SIZE = (2000, 1500)  # a 3 MP phone photo: small enough to keep the demo quick


def _dms(value: float) -> tuple[TiffImagePlugin.IFDRational, ...]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = Fraction(round((value - degrees - minutes / 60) * 3600 * 100), 100)
    return tuple(
        TiffImagePlugin.IFDRational(f.numerator, f.denominator)
        for f in (Fraction(degrees), Fraction(minutes), seconds)
    )


def _exif(taken: datetime, gps: tuple[float, float]) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "fieldcheck"
    exif[ExifTags.Base.Model] = "demo"
    # Assigned whole: older Pillow drops tags added to a fresh get_ifd() dict.
    exif[ExifTags.IFD.Exif] = {
        ExifTags.Base.DateTimeOriginal: taken.strftime("%Y:%m:%d %H:%M:%S"),
        ExifTags.Base.OffsetTimeOriginal: taken.strftime("%z")[:3] + ":" + taken.strftime("%z")[3:],
    }
    lat, lon = gps
    exif[ExifTags.IFD.GPSInfo] = {
        1: "N" if lat >= 0 else "S",
        2: _dms(lat),
        3: "E" if lon >= 0 else "W",
        4: _dms(lon),
    }
    return exif


def demo_photo(
    path: Path, *, caption: str, taken: datetime, gps: tuple[float, float], font: Path, seed: int
) -> Path:
    """Draw a demo 'photo' of a hazard with its caption and write it as a camera JPEG."""
    rng = random.Random(seed)
    img = Image.new("RGB", SIZE, (rng.randint(90, 150), rng.randint(90, 140), rng.randint(80, 120)))
    draw = ImageDraw.Draw(img)
    for _ in range(14):  # shelves, boxes, machines: something for the eye
        x, y = rng.randint(0, SIZE[0] - 200), rng.randint(300, SIZE[1] - 200)
        w, h = rng.randint(120, 600), rng.randint(80, 500)
        shade = tuple(rng.randint(40, 220) for _ in range(3))
        draw.rectangle([x, y, x + w, y + h], fill=shade, outline=(30, 30, 30), width=6)
    big = ImageFont.truetype(str(font), 96, index=0)
    small = ImageFont.truetype(str(font), 64, index=0)
    draw.rectangle([0, 0, SIZE[0], 260], fill=(250, 250, 245))
    draw.text((60, 40), "演示照片", font=big, fill=(200, 30, 30))
    draw.text((60, 160), caption[:28], font=small, fill=(20, 20, 20))
    img.save(path, "JPEG", quality=85, exif=_exif(taken, gps))
    return path
