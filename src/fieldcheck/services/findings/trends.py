# SPDX-License-Identifier: Apache-2.0
"""Weekly trend of the ledger: hazards found, closed (销号), and overdue at each week's end.

    for w in weekly_trend(ctx):            # the last 12 weeks, oldest first
        print(w.start, w.found, w.closed, w.overdue)

Weeks run Monday to Sunday in China time. "Overdue" is rebuilt from each hazard's
steps as they stood at the end of that week (for this week: today), so a hazard
fixed late still counts as overdue in the weeks it was late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from fieldcheck.core import clock, timefmt
from fieldcheck.core.errors import InvalidValueError
from fieldcheck.core.loop import Action, Status, is_overdue
from fieldcheck.services.context import AppContext
from fieldcheck.storage import trend_queries
from fieldcheck.storage.trend_queries import Step

MAX_WEEKS = 104


@dataclass(frozen=True)
class WeekPoint:
    """One week of the trend."""

    start: date  # Monday
    end: date  # Sunday
    found: int  # hazards recorded (排查) that week
    closed: int  # hazards closed (销号) that week
    overdue: int  # open hazards past their deadline at the week's end (or today)


def _day(at: datetime) -> date:
    aware = at if at.tzinfo else at.replace(tzinfo=UTC)
    return timefmt.local_date(aware)


def _chains(steps: list[Step], newer: dict[str, str]) -> dict[str, list[Step]]:
    """Steps grouped per hazard, corrected versions under the version that replaced them."""

    def current(fid: str) -> str:
        seen = set()
        while fid in newer and fid not in seen:  # a cycle would be corrupt data: stop, not hang
            seen.add(fid)
            fid = newer[fid]
        return fid

    out: dict[str, list[Step]] = {}
    for st in steps:
        out.setdefault(current(st.finding_id), []).append(st)
    return out


def weekly_trend(ctx: AppContext, weeks: int = 12, *, today: date | None = None) -> list[WeekPoint]:
    """The last `weeks` weeks (this one included), oldest first."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidValueError("weeks", weeks, f"a trend covers 1 to {MAX_WEEKS} weeks")
    today = today or clock.today()
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    since = datetime.combine(first, time.min, tzinfo=timefmt.zone())
    with ctx.db.read() as s:
        chains = _chains(trend_queries.steps_since(s, since), trend_queries.superseded(s))
        fallback = trend_queries.current_deadlines(s, set(chains))
    starts = [first + timedelta(weeks=w) for w in range(weeks)]
    ends = [min(d + timedelta(days=6), today) for d in starts]
    found = [0] * weeks
    closed = [0] * weeks
    overdue = [0] * weeks
    for fid, chain in chains.items():
        days = [_day(st.at) for st in chain]
        recorded = next(
            (d for d, st in zip(days, chain, strict=True) if st.action == "record"), None
        )
        for i, d in enumerate(days):
            week = (d - first).days // 7
            if not 0 <= week < weeks:
                continue
            if chain[i].action == Action.CLOSE.value:
                closed[week] += 1
            if d == recorded and chain[i].action == "record":
                found[week] += 1
        # Walk the weeks and the steps together: the state as it stood at each week's end.
        pos, status, deadline = 0, None, None
        for w, end in enumerate(ends):
            while pos < len(chain) and days[pos] <= end:
                status = chain[pos].to_status
                deadline = chain[pos].deadline or deadline
                pos += 1
            if status is None:
                continue
            due = deadline or fallback.get(fid)
            if is_overdue(Status(status), due, end):
                overdue[w] += 1
    return [
        WeekPoint(start, start + timedelta(days=6), found[i], closed[i], overdue[i])
        for i, start in enumerate(starts)
    ]
