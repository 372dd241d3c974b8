# SPDX-License-Identifier: Apache-2.0
"""The one place that reads the time, so tests and the demo can fix it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")

_now: Callable[[], datetime] = lambda: datetime.now(UTC)  # noqa: E731


def now() -> datetime:
    """Aware current time in UTC."""
    return _now()


def today() -> date:
    """Today's date on the device's clock (设置; Asia/Shanghai unless changed)."""
    from fieldcheck.core import timefmt

    return timefmt.local_date(now())


def set_clock(fn: Callable[[], datetime] | None) -> None:
    """Replace the clock (tests, demo); None restores the real one."""
    global _now
    _now = fn if fn is not None else (lambda: datetime.now(UTC))
