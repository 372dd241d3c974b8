# SPDX-License-Identifier: Apache-2.0
"""One clock for people: times are stored in UTC and shown in the device's zone.

Every date and time a person reads (the window, the PDFs, the xlsx ledger, the photo
captions) goes through this module, so the same record reads the same everywhere,
whatever the machine's own ``TZ`` says. The zone is the device's setting (设置),
Asia/Shanghai unless changed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"
# Zones offered in 设置: China's own, and UTC for servers and tests.
ZONES = ("Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "UTC")
# China keeps no summer time since 1991: a fixed offset is exact where no tz database
# is installed (Windows without the tzdata package).
_FIXED = {
    "Asia/Shanghai": timezone(timedelta(hours=8), "Asia/Shanghai"),
    "Asia/Urumqi": timezone(timedelta(hours=6), "Asia/Urumqi"),
    "Asia/Hong_Kong": timezone(timedelta(hours=8), "Asia/Hong_Kong"),
    "UTC": UTC,
}

_zone_name = DEFAULT_ZONE
_zone: tzinfo = _FIXED[DEFAULT_ZONE]


def lookup(name: str) -> tzinfo:
    """The tzinfo for an IANA name; ValueError names an unknown zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        if name in _FIXED:
            return _FIXED[name]
        raise ValueError(f"unknown time zone {name!r}") from None


def set_zone(name: str | None) -> None:
    """Use this zone for every time shown; None or "" restores Asia/Shanghai."""
    global _zone, _zone_name
    name = name or DEFAULT_ZONE
    _zone = lookup(name)
    _zone_name = name


def zone_name() -> str:
    return _zone_name


def zone() -> tzinfo:
    return _zone


def local(value: datetime) -> datetime:
    """The same instant on the device's clock; a naive value is read as UTC (as stored)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(_zone)


def local_date(value: date | datetime) -> date:
    """The calendar day a person on this device would name."""
    return local(value).date() if isinstance(value, datetime) else value


def parse(text: str) -> datetime:
    """An ISO time as services pass them around (naive means UTC)."""
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def date_text(value: date | datetime | None, blank: str = "") -> str:
    """2026年3月5日."""
    if value is None:
        return blank
    d = local_date(value)
    return f"{d.year}年{d.month}月{d.day}日"


def datetime_text(value: datetime | str | None, blank: str = "") -> str:
    """2026年3月5日 09:30 — the one form the window, the ledger and captions use."""
    if value is None or value == "":
        return blank
    t = local(parse(value) if isinstance(value, str) else value)
    return f"{t.year}年{t.month}月{t.day}日 {t.hour:02d}:{t.minute:02d}"


def time_text(value: datetime | None, blank: str = "") -> str:
    """09:30."""
    if value is None:
        return blank
    t = local(value)
    return f"{t.hour:02d}:{t.minute:02d}"


def paper_time(value: datetime | None) -> str:
    """2026年3月5日9时30分, as 文书 write a time of day."""
    if value is None:
        return "    年  月  日  时  分"
    t = local(value)
    return f"{t.year}年{t.month}月{t.day}日{t.hour}时{t.minute:02d}分"
