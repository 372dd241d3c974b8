# SPDX-License-Identifier: Apache-2.0
"""The weekly trend: found, closed (销号), overdue as each week ended; corrections once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from fieldcheck.core import clock
from fieldcheck.core.errors import InvalidValueError
from fieldcheck.core.loop import Action
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import changes, findings, trends
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites

TODAY = date(2026, 3, 18)  # a Wednesday; four weeks start on Monday 2026-02-23


def _at(day: date) -> Callable[[], datetime]:
    moment = datetime(day.year, day.month, day.day, 10, 0, tzinfo=clock.CHINA_TZ)
    return lambda: moment


def _on(day: date) -> None:
    clock.set_clock(_at(day))


def test_found_closed_and_overdue_as_each_week_ended(ctx: AppContext, inspector: str) -> None:
    _on(date(2026, 1, 5))
    site = sites.register_site(
        ctx,
        {"name": "丰产五金机械加工厂", "address": "金水区丰产路1号", "jurisdiction": "410105001"},
        actor_id=inspector,
    )
    insp = inspections.start_inspection(
        ctx, site_id=site.id, inspector_ids=[inspector], actor_id=inspector
    )

    def record(day: date, text: str) -> str:
        _on(day)
        return findings.record_finding(
            ctx, inspection_id=insp.id, description=text, actor_id=inspector
        ).id

    def step(day: date, fid: str, action: Action, deadline: date | None = None) -> None:
        _on(day)
        findings.transition(ctx, fid, action, actor_id=inspector, deadline=deadline)

    # Still open since January, deadline long past: overdue every week.
    old_open = record(date(2026, 1, 5), "消防通道堆放杂物")
    step(date(2026, 1, 6), old_open, Action.ASSIGN, date(2026, 1, 20))
    # Settled in January: appears nowhere.
    settled = record(date(2026, 1, 5), "灭火器过期")
    step(date(2026, 1, 6), settled, Action.FIX_ON_SPOT)
    step(date(2026, 1, 25), settled, Action.CLOSE)
    # Found in week 0, late in week 1, closed in week 2.
    late = record(date(2026, 2, 24), "配电箱门缺失")
    step(date(2026, 2, 24), late, Action.ASSIGN, date(2026, 3, 3))
    step(date(2026, 3, 10), late, Action.REPORT_RECTIFICATION)
    step(date(2026, 3, 10), late, Action.VERIFY_PASS)
    step(date(2026, 3, 11), late, Action.CLOSE)
    # Found in week 1, not yet due, then corrected: still one hazard.
    fresh = record(date(2026, 3, 2), "应急照明损坏")
    step(date(2026, 3, 2), fresh, Action.ASSIGN, date(2026, 3, 20))
    _on(date(2026, 3, 16))
    changes.correct_finding(
        ctx, fresh, {"place": "二楼楼梯间"}, actor_id=inspector, reason="部位写错"
    )
    clock.set_clock(None)

    weeks = trends.weekly_trend(ctx, weeks=4, today=TODAY)
    assert [w.start for w in weeks] == [
        date(2026, 2, 23),
        date(2026, 3, 2),
        date(2026, 3, 9),
        date(2026, 3, 16),
    ]
    assert weeks[-1].end == date(2026, 3, 22)
    assert [w.found for w in weeks] == [1, 1, 0, 0]
    assert [w.closed for w in weeks] == [0, 0, 1, 0]
    assert [w.overdue for w in weeks] == [1, 2, 1, 1]


def test_the_current_week_matches_the_ledgers_overdue_count(demo_ctx: AppContext) -> None:
    from fieldcheck.services.findings import ledger

    weeks = trends.weekly_trend(demo_ctx)
    assert len(weeks) == 12
    assert weeks[-1].overdue == ledger.counts(demo_ctx)["overdue"] > 0
    assert sum(w.found for w in weeks) == ledger.counts(demo_ctx)["findings"]


def test_a_trend_of_no_weeks_is_refused(ctx: AppContext) -> None:
    with pytest.raises(InvalidValueError, match="1 to 104 weeks"):
        trends.weekly_trend(ctx, weeks=0)
