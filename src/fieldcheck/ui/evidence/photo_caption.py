# SPDX-License-Identifier: Apache-2.0
"""A photo's caption as people read it: when and where it was taken, never its hash."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from fieldcheck.ui.shell.labels import datetime_text, wall_text


def time_text(taken: datetime | None, imported_at: datetime | None) -> str:
    """The camera's time (an instant on the one clock, or its own clock), or its absence."""
    if taken is not None and taken.tzinfo is not None:
        return datetime_text(taken)
    if taken is not None:  # no offset recorded: the camera's clock as it showed it
        wall = wall_text(taken)
        return QCoreApplication.translate("photo_caption", "%1（相机时间）").replace("%1", wall)
    if imported_at is not None:
        return QCoreApplication.translate("photo_caption", "未记录拍摄时间（导入于 %1）").replace(
            "%1", datetime_text(imported_at)
        )
    return QCoreApplication.translate("photo_caption", "未记录拍摄时间")


def place_text(gps: Any, digits: int = 4) -> str:
    """北纬 34.7471° 东经 113.6253° (4 decimals: about 10 m), or that none was recorded."""
    if gps is None:
        return QCoreApplication.translate("photo_caption", "未记录拍摄位置")
    ns = (
        QCoreApplication.translate("photo_caption", "北纬")
        if gps.lat >= 0
        else QCoreApplication.translate("photo_caption", "南纬")
    )
    ew = (
        QCoreApplication.translate("photo_caption", "东经")
        if gps.lon >= 0
        else QCoreApplication.translate("photo_caption", "西经")
    )
    return f"{ns} {abs(gps.lat):.{digits}f}° {ew} {abs(gps.lon):.{digits}f}°"


def photo_caption(photo: Any) -> str:
    """Two lines under a thumbnail: the time, then the place."""
    return f"{time_text(photo.taken, photo.imported_at)}\n{place_text(photo.gps)}"
