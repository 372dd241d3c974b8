# SPDX-License-Identifier: Apache-2.0
"""统计: the overdue trend over 12 weeks, computed off the UI thread and drawn as lines."""

from __future__ import annotations

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from fieldcheck.services.findings import trends
from fieldcheck.ui.findings.dashboard import DashboardView
from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.bar_chart import ALERT
from fieldcheck.ui.widgets.trend_chart import TrendChart


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
    assert names == ["发现", "销号", "逾期未整改（每周日统计）"]  # not "weekend"
    assert view.trend.series[2][1] == [w.overdue for w in weeks]
    assert view.trend.labels[-1] == f"{weeks[-1].start:%m-%d}" and len(view.trend.labels) == 12
    assert "逾期未整改" in view.trend.accessibleDescription()
    assert _count(view.trend.grab(), ALERT) > 40  # the overdue line is drawn in red


def test_an_empty_trend_says_so(qtbot: QtBot) -> None:
    chart = TrendChart("趋势")
    qtbot.addWidget(chart)
    chart.resize(400, 200)
    chart.show()
    assert _count(chart.grab(), ALERT) == 0
    chart.set_data(["09-07", "09-14"], [("逾期", [0, 5], ALERT)])
    assert _count(chart.grab(), ALERT) > 10


def _window_on_dashboard(qtbot: QtBot, state: AppState) -> tuple[MainWindow, DashboardView]:
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    view = window.show_screen("dashboard")
    assert isinstance(view, DashboardView)
    return window, view


def test_rates_and_every_bar_and_line_click_through_to_the_ledger(
    qtbot: QtBot, state: AppState
) -> None:
    from PySide6.QtCore import QPoint, Qt

    from fieldcheck.services.findings import ledger
    from fieldcheck.ui.findings.dashboard import rectification_rate

    window, view = _window_on_dashboard(qtbot, state)
    qtbot.waitUntil(lambda: bool(view.weeks) and bool(view.site_targets), timeout=20_000)
    done, found, _m_done, m_found = view.rate_figures
    withdrawn = ledger.ledger_size(state.ctx, ledger.ledger_filter(status="withdrawn"))
    assert found == ledger.ledger_size(state.ctx) - withdrawn and 0 < done <= found
    assert (done, found) == rectification_rate(ledger.counts(state.ctx)["by_status"])
    assert (
        f"{100 * done / found:.1f}%" in view.rates.text() and "重大隐患整改率" in view.rates.text()
    )
    # 重大隐患整改率 is of the confirmed major hazards: one awaiting the expert is not major
    confirmed = ledger.ledger_filter(level="major", suspected_major=False)
    assert m_found == ledger.ledger_size(state.ctx, confirmed)
    assert m_found < ledger.ledger_size(state.ctx, ledger.ledger_filter(level="major"))
    ledger_view = window.views.get("ledger")

    def click(chart: object, pos: QPoint) -> int:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=pos)  # type: ignore[arg-type]
        shown = window.views["ledger"]
        assert window.current_key() == "ledger"
        qtbot.waitUntil(lambda: shown.model.rowCount() > 0 or True)  # type: ignore[attr-defined]
        f = ledger.ledger_filter(**shown.options())  # type: ignore[attr-defined]
        total = ledger.ledger_size(state.ctx, f)
        window.show_screen("dashboard")
        return total

    charts = [view.by_status, view.by_level, view.by_site, view.supervised]
    for chart in charts:
        for row, (_label, value, _h) in enumerate(chart.data):
            if value == 0:
                continue
            total = click(chart, QPoint(chart.width() // 2, chart.row_center_y(row)))
            if chart is not view.supervised:
                assert total >= value, (chart.title, row)
            if chart in (view.by_status, view.by_level):
                assert total == value, (chart.title, row)
    for week, point in enumerate(view.weeks):
        if point.found:
            total = click(view.trend, QPoint(view.trend.week_x(week), view.trend.height() // 2))
            assert total == point.found, week
    assert ledger_view is None or ledger_view is window.views["ledger"]


def test_a_suspected_major_hazard_has_its_own_bar_not_major(qtbot: QtBot, state: AppState) -> None:
    from PySide6.QtCore import QPoint, Qt

    from fieldcheck.services.findings import ledger

    window, view = _window_on_dashboard(qtbot, state)
    c = ledger.counts(state.ctx)
    suspected = c["suspected_major"]
    assert suspected > 0, "the demo has hazards awaiting the expert"
    assert view.by_level.data == [
        ("一般隐患", c["by_level"]["general"], False),
        ("重大隐患", c["by_level"]["major"] - suspected, True),
        ("疑似重大，待专家确认", suspected, False),
    ]
    shown: dict[str, list[tuple[str, str | None]]] = {}
    for row, (label, _n, _h) in enumerate(view.by_level.data):
        pos = QPoint(view.by_level.width() // 2, view.by_level.row_center_y(row))
        qtbot.mouseClick(view.by_level, Qt.MouseButton.LeftButton, pos=pos)
        table = window.views["ledger"]
        assert window.current_key() == "ledger"
        f = ledger.ledger_filter(**table.options())  # type: ignore[attr-defined]
        shown[label] = [(e.level, e.major_status) for e in ledger.ledger(state.ctx, f)]
        assert table.extra_label.text() == f"统计：{label}"  # type: ignore[attr-defined]
        window.show_screen("dashboard")
    assert set(shown["疑似重大，待专家确认"]) == {("major", "suspected")}
    assert len(shown["疑似重大，待专家确认"]) == suspected
    assert set(shown["重大隐患"]) == {("major", "confirmed")}
    assert {level for level, _m in shown["一般隐患"]} == {"general"}
