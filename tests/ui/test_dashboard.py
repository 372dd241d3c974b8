# SPDX-License-Identifier: Apache-2.0
"""统计: the overdue trend over 12 weeks, computed off the UI thread and drawn as lines."""

from __future__ import annotations

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from fieldcheck.services import trends
from fieldcheck.ui.bar_chart import ALERT
from fieldcheck.ui.dashboard import DashboardView
from fieldcheck.ui.state import AppState
from fieldcheck.ui.trend_chart import TrendChart


def _count(image: object, color: QColor) -> int:
    img = image.toImage()  # type: ignore[attr-defined]
    return sum(
        1
        for x in range(0, img.width(), 2)
        for y in range(0, img.height(), 2)
        if img.pixelColor(x, y) == color
    )


def test_dashboard_draws_the_weekly_trend(qtbot: QtBot, state: AppState) -> None:
    view = DashboardView(state)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    qtbot.waitUntil(lambda: bool(view.trend.series), timeout=10_000)
    weeks = trends.weekly_trend(state.ctx)
    names = [name for name, _v, _c in view.trend.series]
    assert names == ["发现", "销号", "周末逾期"]
    assert view.trend.series[2][1] == [w.overdue for w in weeks]
    assert view.trend.labels[-1] == f"{weeks[-1].start:%m-%d}" and len(view.trend.labels) == 12
    assert "周末逾期" in view.trend.accessibleDescription()
    assert _count(view.trend.grab(), ALERT) > 40  # the overdue line is drawn in red


def test_an_empty_trend_says_so(qtbot: QtBot) -> None:
    chart = TrendChart("趋势")
    qtbot.addWidget(chart)
    chart.resize(400, 200)
    chart.show()
    assert _count(chart.grab(), ALERT) == 0
    chart.set_data(["09-07", "09-14"], [("逾期", [0, 5], ALERT)])
    assert _count(chart.grab(), ALERT) > 10
