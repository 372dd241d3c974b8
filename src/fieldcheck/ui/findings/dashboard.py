# SPDX-License-Identifier: Apache-2.0
"""统计: hazards by status, level and site; overdue and major hazards under supervision."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from fieldcheck.core.loop import Status
from fieldcheck.core.terms import Level, MajorStatus
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import ledger, trends
from fieldcheck.services.major import cosign
from fieldcheck.services.sites import sites
from fieldcheck.ui.shell.labels import level_label, major_label, status_label
from fieldcheck.ui.shell.ops import Progress, run_op
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.bar_chart import ALERT, BAR, BarChart
from fieldcheck.ui.widgets.trend_chart import CLOSED, TrendChart

TOP_SITES = 10


OPEN_STATUSES = (Status.FOUND, Status.ASSIGNED, Status.RECTIFYING, Status.FAILED_VERIFICATION)
RECTIFIED = (Status.VERIFIED, Status.CLOSED, Status.REVISIT)  # 已整改: accepted or later
NOT_COUNTED = (Status.WITHDRAWN,)  # recorded in error: neither found nor rectified


def rectification_rate(by_status: dict[str, int]) -> tuple[int, int]:
    """(rectified, found): 隐患整改率 is rectified / found."""
    skip = {s.value for s in NOT_COUNTED}
    found = sum(int(v) for k, v in by_status.items() if k not in skip)
    return sum(int(by_status.get(s.value, 0)) for s in RECTIFIED), found


def percent(done: int, total: int) -> str:
    return f"{100 * done / total:.1f}%" if total else "—"


def open_by_site(ctx: AppContext, progress: Progress) -> list[tuple[str, int, int, str]]:
    """(site name, open hazards, overdue, site id) for the sites with the most open hazards."""
    found = sites.search_sites(ctx, "", limit=5000)
    out = []
    for i, site in enumerate(found):
        progress(i, len(found), site.name)
        total = 0
        for st in (Status.FOUND, Status.ASSIGNED, Status.RECTIFYING, Status.FAILED_VERIFICATION):
            total += ledger.ledger_size(ctx, ledger.ledger_filter(site_id=site.id, status=st.value))
        overdue = ledger.ledger_size(ctx, ledger.ledger_filter(site_id=site.id, overdue=True))
        if total:
            out.append((site.name, total, overdue, site.id))
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
        self.trend = TrendChart(self.tr("近 12 周趋势（点击某一周，查看当周发现的隐患）"), self)
        self.rates = QLabel(self)
        self.rates.setObjectName("rates")
        self.status_targets: list[dict[str, Any]] = []
        self.level_targets: list[dict[str, Any]] = []
        self.site_targets: list[dict[str, Any]] = []
        self.supervised_targets: list[dict[str, Any]] = []
        self.weeks: list[trends.WeekPoint] = []
        for chart, targets in (
            (self.by_status, "status_targets"),
            (self.by_level, "level_targets"),
            (self.by_site, "site_targets"),
            (self.supervised, "supervised_targets"),
        ):
            chart.clicked.connect(lambda row, t=targets: self._open(getattr(self, t), row))
        self.trend.clicked.connect(self._open_week)
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
        layout.addWidget(self.rates)
        layout.addLayout(grid, 1)
        self.op: Any = None
        self.trend_op: Any = None
        self.refresh()

    def refresh(self) -> None:
        c = ledger.counts(self.state.ctx)
        self.totals.setText(
            " · ".join(
                [
                    self.tr("单位 %n 家", "", c["sites"]),
                    self.tr("检查 %n 次", "", c["inspections"]),
                    self.tr("隐患 %n 项", "", c["findings"]),
                    self.tr("逾期 %n 项", "", c["overdue"]),
                    self.tr("照片 %n 张", "", c["photos"]),
                ]
            )
        )
        self.by_status.set_data(
            [
                (status_label(s), int(c["by_status"][s.value]), s is Status.FAILED_VERIFICATION)
                for s in Status
            ]
        )
        self.status_targets = [
            {"status": s.value, "why": self.tr("统计：状态为“%1”").replace("%1", status_label(s))}
            for s in Status
        ]
        self._levels(c)
        self._rates()
        sup = cosign.supervised_list(self.state.ctx)
        self.supervised.set_data(
            [
                (self.tr("督办中"), len(sup), False),
                (self.tr("其中逾期"), sum(1 for s in sup if s.overdue), True),
                (self.tr("待企业签字"), len(cosign.awaiting_site(self.state.ctx)), False),
            ]
        )
        major = {
            "level": Level.MAJOR.value,
            "suspected_major": False,
            "why": self.tr("统计：重大隐患"),
        }
        self.supervised_targets = [major, {**major, "overdue": True}, major]
        ctx = self.state.ctx
        self.op = run_op(
            self, lambda progress: open_by_site(ctx, progress), success=self._sites_counted
        )
        self.trend_op = run_op(self, lambda _p: trends.weekly_trend(ctx), success=self._trend)

    def _levels(self, c: dict[str, Any]) -> None:
        """一般隐患, 重大隐患 (an expert confirmed it) and 疑似重大，待专家确认 (no expert has
        ruled yet): a suspected hazard is never counted as major."""
        suspected = int(c["suspected_major"])
        general, major = Level.GENERAL.value, Level.MAJOR.value
        bars: list[tuple[str, int, dict[str, Any]]] = [  # label, count, the ledger's filter
            (level_label(Level.GENERAL), int(c["by_level"][general]), {"level": general}),
            (
                level_label(Level.MAJOR),
                int(c["by_level"][major]) - suspected,
                {"level": major, "suspected_major": False},
            ),
            (
                major_label(MajorStatus.SUSPECTED),
                suspected,
                {"level": major, "suspected_major": True},
            ),
        ]
        self.by_level.set_data([(label, n, i == 1) for i, (label, n, _f) in enumerate(bars)])
        self.level_targets = [
            {**f, "why": self.tr("统计：%1").replace("%1", label)} for label, _n, f in bars
        ]

    def _rates(self) -> None:
        """隐患整改率: rectified of found, overall and for major hazards."""
        ctx = self.state.ctx
        by_status: dict[str, int] = {}
        major: dict[str, int] = {}
        for s in Status:
            f = ledger.ledger_filter(status=s.value)
            by_status[s.value] = ledger.ledger_size(ctx, f)
            confirmed = ledger.ledger_filter(
                status=s.value, level=Level.MAJOR.value, suspected_major=False
            )
            major[s.value] = ledger.ledger_size(ctx, confirmed)
        done, found = rectification_rate(by_status)
        m_done, m_found = rectification_rate(major)
        self.rate_figures = (done, found, m_done, m_found)
        self.rates.setText(
            self.tr("隐患整改率 %1（已整改 %2 / 发现 %3）· 重大隐患整改率 %4（%5 / %6）")
            .replace("%1", percent(done, found))
            .replace("%2", str(done))
            .replace("%3", str(found))
            .replace("%4", percent(m_done, m_found))
            .replace("%5", str(m_done))
            .replace("%6", str(m_found))
        )

    def _open(self, targets: list[dict[str, Any]], row: int) -> None:
        """Show the hazards behind a bar in the ledger."""
        if 0 <= row < len(targets):
            self.state.show_ledger.emit(dict(targets[row]))

    def _open_week(self, week: int) -> None:
        """Show the hazards found in the week clicked."""
        if 0 <= week < len(self.weeks):
            w = self.weeks[week]
            why = self.tr("统计：%1 至 %2 发现的隐患").replace("%1", f"{w.start:%m-%d}")
            self.state.show_ledger.emit(
                {
                    "found_from": w.start,
                    "found_to": w.end,
                    "why": why.replace("%2", f"{w.end:%m-%d}"),
                }
            )

    def _trend(self, weeks: list[trends.WeekPoint]) -> None:
        self.weeks = weeks
        self.trend.set_data(
            [f"{w.start:%m-%d}" for w in weeks],
            [
                (self.tr("发现"), [w.found for w in weeks], BAR),
                (self.tr("销号"), [w.closed for w in weeks], CLOSED),
                (self.tr("逾期未整改（每周日统计）"), [w.overdue for w in weeks], ALERT),
            ],
        )

    def _sites_counted(self, rows: list[tuple[str, int, int, str]]) -> None:
        self.by_site.set_data([(name, n, overdue > 0) for name, n, overdue, _id in rows])
        self.site_targets = [
            {"site_id": sid, "why": self.tr("统计：%1 的隐患").replace("%1", name)}
            for name, _n, _o, sid in rows
        ]
