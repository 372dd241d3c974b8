# SPDX-License-Identifier: Apache-2.0
"""What a photo says about itself: upright size, when and where it was taken, by what.

Read from the EXIF block only (no pixel decoding). Times are kept as the camera's
wall clock plus the offset it recorded (EXIF OffsetTimeOriginal), because that is
what the inspector saw on the screen. The store keeps aware UTC times, so a camera
time without an offset is read as China time (ASSUMED_OFFSET) and its offset is
stored as None, which keeps both the wall clock and the fact that it was assumed.
GPS from phones is WGS-84, as EXIF requires.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from PIL import ExifTags, Image

ORIENTATION = 0x0112
MAKE = 0x010F
MODEL = 0x0110
DATETIME_ORIGINAL = 0x9003
DATETIME_DIGITIZED = 0x9004
OFFSET_ORIGINAL = 0x9011
OFFSET_DIGITIZED = 0x9012
SWAPS_AXES = {5, 6, 7, 8}
OFFSET_RE = re.compile(r"^([+-])(\d{2}):(\d{2})$")
ASSUMED_OFFSET = "+08:00"  # devices and sites are in China


@dataclass(frozen=True)
class Gps:
    """A position in decimal degrees (WGS-84), altitude in metres when recorded."""

    lat: float
    lon: float
    alt: float | None = None

    def as_json(self) -> dict[str, float]:
        data = {"lat": round(self.lat, 7), "lon": round(self.lon, 7)}
        if self.alt is not None:
            data["alt"] = round(self.alt, 1)
        return data


@dataclass(frozen=True)
class PhotoMeta:
    """The facts read from one photo's header and EXIF."""

    width: int  # as displayed, after EXIF orientation
    height: int
    orientation: int
    taken_at: datetime | None  # camera wall clock, naive
    taken_offset: str | None  # "+08:00" when the camera recorded it
    gps: Gps | None
    make: str
    model: str

    def taken_at_text(self) -> str | None:
        """ISO 8601, with the offset when the camera recorded one."""
        return taken_text(self.taken_at, self.taken_offset)


def stored_time(wall: datetime, offset: str | None) -> datetime:
    """The aware time to store for a camera wall clock and its offset (if any)."""
    return wall.replace(tzinfo=offset_tz(offset or ASSUMED_OFFSET))


def wall_clock(stored: datetime, offset: str | None) -> datetime:
    """The camera's wall clock (naive) back from a stored aware time."""
    return stored.astimezone(offset_tz(offset or ASSUMED_OFFSET)).replace(tzinfo=None)


def taken_text(wall: datetime | None, offset: str | None) -> str | None:
    """ISO 8601 wall clock, with the offset only when the camera recorded one."""
    return None if wall is None else wall.isoformat() + (offset or "")


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value).strip("\x00 ").strip() if value is not None else ""


def parse_exif_time(value: Any) -> datetime | None:
    """EXIF "YYYY:MM:DD HH:MM:SS" as a naive datetime; None when blank or malformed."""
    text = _text(value)
    try:
        return datetime.strptime(text[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None  # "0000:00:00 00:00:00" and garbage are common in the wild


def parse_offset(value: Any) -> str | None:
    """EXIF "+08:00" if well formed and plausible, else None."""
    text = _text(value)
    match = OFFSET_RE.match(text)
    if not match or int(match.group(2)) > 14 or int(match.group(3)) >= 60:
        return None
    return text


def offset_tz(offset: str) -> timezone:
    """The timezone for a "+08:00" offset text."""
    sign = -1 if offset[0] == "-" else 1
    return timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))


def _degrees(value: Any, ref: Any) -> float | None:
    try:
        d, m, s = (float(x) for x in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    deg = d + m / 60 + s / 3600
    if not math.isfinite(deg):
        return None
    return -deg if _text(ref).upper() in ("S", "W") else deg


def read_gps(gps_ifd: dict[int, Any]) -> Gps | None:
    """Decimal WGS-84 position from the EXIF GPS IFD; None when absent or implausible."""
    lat = _degrees(gps_ifd.get(2), gps_ifd.get(1))
    lon = _degrees(gps_ifd.get(4), gps_ifd.get(3))
    if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180:
        return None
    if lat == 0 and lon == 0:
        return None  # phones write 0,0 when they had no fix
    alt: float | None = None
    try:
        alt = float(gps_ifd[6])
        if gps_ifd.get(5) in (1, b"\x01"):
            alt = -alt
        if not math.isfinite(alt):
            alt = None
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        alt = None
    return Gps(lat, lon, alt)


def read_meta(image: Image.Image) -> PhotoMeta:
    """The upright size, time, place and camera of an opened (not decoded) image."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns on corrupt EXIF; we just use less
            exif = image.getexif()
    except Exception:  # a damaged EXIF block must not cost us the photo
        exif = Image.Exif()
    orientation = exif.get(ORIENTATION, 1)
    if not isinstance(orientation, int) or not 1 <= orientation <= 8:
        orientation = 1
    width, height = image.size
    if orientation in SWAPS_AXES:
        width, height = height, width
    try:
        sub = exif.get_ifd(ExifTags.IFD.Exif)
        gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo)
    except Exception:
        sub, gps_ifd = {}, {}
    taken = parse_exif_time(sub.get(DATETIME_ORIGINAL))
    offset = parse_offset(sub.get(OFFSET_ORIGINAL))
    if taken is None:
        taken = parse_exif_time(sub.get(DATETIME_DIGITIZED))
        offset = parse_offset(sub.get(OFFSET_DIGITIZED))
    return PhotoMeta(
        width=width,
        height=height,
        orientation=orientation,
        taken_at=taken,
        taken_offset=offset if taken is not None else None,
        gps=read_gps(gps_ifd),
        make=_text(exif.get(MAKE))[:100],
        model=_text(exif.get(MODEL))[:100],
    )
