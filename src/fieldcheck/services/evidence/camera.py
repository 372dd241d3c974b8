# SPDX-License-Identifier: Apache-2.0
"""What the camera recorded about a stored photo: its clock, the instant, where it was."""

from __future__ import annotations

from datetime import datetime

from fieldcheck.core.models import Photo
from fieldcheck.photos.metadata import Gps, offset_tz, taken_text, wall_clock


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
