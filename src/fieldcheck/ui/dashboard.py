# SPDX-License-Identifier: Apache-2.0
"""统计: hazards by status, level and site; overdue and major hazards under supervision."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from fieldcheck.core.loop import Status
from fieldcheck.core.models import Level
from fieldcheck.services import cosign, ledger, sites, trends
from fieldcheck.services.context import AppContext
from fieldcheck.ui.bar_chart import ALERT, BAR, BarChart
from fieldcheck.ui.labels import level_label, status_label
from fieldcheck.ui.ops import Progress, run_op
from fieldcheck.ui.state import AppState
from fieldcheck.ui.trend_chart import CLOSED, TrendChart

TOP_SITES = 10


def open_by_site(ctx: AppContext, progress: Progress) -> list[tuple[str, int, int]]:
    """(site name, open hazards, overdue) for the sites with the most open hazards."""
    found = sites.search_sites(ctx, "", limit=5000)
    out = []
    for i, site in enumerate(found):
        progress(i, len(found), site.name)
        total = 0
        for st in (Status.FOUND, Status.ASSIGNED, Status.RECTIFYING, Status.FAILED_VERIFICATION):
            total += ledger.ledger_size(ctx, ledger.ledger_filter(site_id=site.id, status=st.value))
        overdue = ledger.ledger_size(ctx, ledger.ledger_filter(site_id=site.id, overdue=True))
        if total:
            out.append((site.name, total, overdue))
    out.sort(key=lambda r: (-r[1], r[0]))
    return out[:TOP_SITES]


class DashboardView(QWidget):
    """Four charts and a line of totals; the per-site count runs in the background."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.totals = QLabel(self)
        self.totals.setObjectName("heading")
        self.by_status = BarChart(self.tr("按状态"), self)
        self.by_level = BarChart(self.tr("按等级"), self)
        self.by_site = BarChart(self.tr("未销号隐患最多的单位（红色：含逾期）"), self)
        self.supervised = BarChart(self.tr("挂牌督办的重大隐患"), self)
        self.trend = TrendChart(self.tr("近 12 周趋势（每周发现、销号，周末逾期）"), self)
        grid = QGridLayout()
        grid.addWidget(self.by_status, 0, 0)
        grid.addWidget(self.by_level, 0, 1)
        grid.addWidget(self.by_site, 1, 0)
        grid.addWidget(self.supervised, 1, 1)
        grid.addWidget(self.trend, 2, 0, 1, 2)
        self.trend.setMaximumHeight(230)  # the bar charts above need their rows more
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.totals)
        layout.addLayout(grid, 1)
        self.op: Any = None
        self.trend_op: Any = None
        self.refresh()

    def refresh(self) -> None:
        c = ledger.counts(self.state.ctx)
        self.totals.setText(
            self.tr("单位 %1 家 · 检查 %2 次 · 隐患 %3 项 · 逾期 %4 项 · 照片 %5 张")
            .replace("%1", str(c["sites"]))
            .replace("%2", str(c["inspections"]))
            .replace("%3", str(c["findings"]))
            .replace("%4", str(c["overdue"]))
            .replace("%5", str(c["photos"]))
        )
        self.by_status.set_data(
            [
                (status_label(s), int(c["by_status"][s.value]), s is Status.FAILED_VERIFICATION)
                for s in Status
            ]
        )
        self.by_level.set_data(
            [(level_label(lv), int(c["by_level"][lv.value]), lv is Level.MAJOR) for lv in Level]
        )
        sup = cosign.supervised_list(self.state.ctx)
        self.supervised.set_data(
            [
                (self.tr("督办中"), len(sup), False),
                (self.tr("其中逾期"), sum(1 for s in sup if s.overdue), True),
                (self.tr("待企业签字"), len(cosign.awaiting_site(self.state.ctx)), False),
            ]
        )
        ctx = self.state.ctx
        self.op = run_op(
            self, lambda progress: open_by_site(ctx, progress), success=self._sites_counted
        )
        self.trend_op = run_op(self, lambda _p: trends.weekly_trend(ctx), success=self._trend)

    def _trend(self, weeks: list[trends.WeekPoint]) -> None:
        self.trend.set_data(
            [f"{w.start:%m-%d}" for w in weeks],
            [
                (self.tr("发现"), [w.found for w in weeks], BAR),
                (self.tr("销号"), [w.closed for w in weeks], CLOSED),
                (self.tr("周末逾期"), [w.overdue for w in weeks], ALERT),
            ],
        )

    def _sites_counted(self, rows: list[tuple[str, int, int]]) -> None:
        self.by_site.set_data([(name, n, overdue > 0) for name, n, overdue in rows])
