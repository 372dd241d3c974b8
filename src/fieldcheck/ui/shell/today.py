# SPDX-License-Identifier: Apache-2.0
"""今日: my grid's sites, hazards due this week and overdue, majors awaiting an expert,
the tasks given to the grid (交办), and the sites of running campaigns (专项行动) not
yet visited."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core import clock
from fieldcheck.core.terms import MajorStatus
from fieldcheck.services.findings import ledger
from fieldcheck.services.inspections import campaigns, drafts
from fieldcheck.services.sites import sites
from fieldcheck.ui.inspections.drafts_ui import OpenInspectionsBox
from fieldcheck.ui.inspections.escalation_box import EscalationBox
from fieldcheck.ui.inspections.task_box import TaskBox
from fieldcheck.ui.shell.labels import date_text, role_label
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.hazard_table import HazardTable

LIST_LIMIT = 200  # a day's lists; the ledger holds the rest


class Tile(QPushButton):
    """A big number with a caption; clicking opens the matching ledger view."""

    def __init__(self, caption: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.caption = caption
        self.setObjectName("tile")
        self.setMinimumHeight(72)
        self.set_count(0)

    def set_count(self, count: int) -> None:
        self.count = count
        self.setText(f"{count}\n{self.caption}")


class TodayView(QWidget):
    """The first screen of the day."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        outer = QVBoxLayout(self)
        self.greeting = QLabel(self)
        self.greeting.setObjectName("heading")
        outer.addWidget(self.greeting)
        tiles = QHBoxLayout()
        self.tile_sites = Tile(self.tr("我的网格单位"), self)
        self.tile_due = Tile(self.tr("本周到期"), self)
        self.tile_overdue = Tile(self.tr("已逾期"), self)
        self.tile_overdue.setProperty("alert", True)
        self.tile_expert = Tile(self.tr("待专家确认的疑似重大隐患"), self)
        for tile in (self.tile_sites, self.tile_due, self.tile_overdue, self.tile_expert):
            tiles.addWidget(tile)
        outer.addLayout(tiles)
        # Inspections left open (a closed window, a crash): first, so none is forgotten.
        self.open_box = QGroupBox(self.tr("未完成的检查"), self)
        self.open_box.setObjectName("openInspectionsBox")
        self.open_inspections = OpenInspectionsBox(state, self.open_box)
        QVBoxLayout(self.open_box).addWidget(self.open_inspections)
        self.open_inspections.resume.connect(state.resume_inspection.emit)
        outer.addWidget(self.open_box)
        self.task_box = TaskBox(state.ctx, self)
        self.task_box.open_task.connect(state.start_task_inspection.emit)
        outer.addWidget(self.task_box)
        self.escalation_box = EscalationBox(state.ctx, self)
        self.escalation_box.open_finding.connect(state.open_finding.emit)
        outer.addWidget(self.escalation_box)
        outer.addWidget(self._campaign_box())
        grid = QGridLayout()
        self.overdue_table = HazardTable(self)
        self.due_table = HazardTable(self)
        self.expert_table = HazardTable(self)
        self.site_list = QListWidget(self)
        self.site_list.setObjectName("mySites")
        self.start_button = QPushButton(self.tr("在所选单位开始检查"), self)
        self.start_button.setEnabled(False)
        site_box = QWidget(self)
        site_layout = QVBoxLayout(site_box)
        site_layout.setContentsMargins(0, 0, 0, 0)
        site_layout.addWidget(self.site_list)
        site_layout.addWidget(self.start_button)
        boxes = [
            (self.tr("已逾期（未验收）"), self.overdue_table, 0, 0),
            (self.tr("本周到期"), self.due_table, 0, 1),
            (self.tr("待专家确认的疑似重大隐患"), self.expert_table, 1, 0),
            (self.tr("我的网格单位"), site_box, 1, 1),
        ]
        for title, widget, r, c in boxes:
            box = QGroupBox(title, self)
            QVBoxLayout(box).addWidget(widget)
            grid.addWidget(box, r, c)
        outer.addLayout(grid, 1)
        for table in (self.overdue_table, self.due_table, self.expert_table):
            table.activated_finding.connect(state.open_finding.emit)
        self.site_list.currentItemChanged.connect(
            lambda cur, _prev: self.start_button.setEnabled(cur is not None)
        )
        self.site_list.itemActivated.connect(self._open_site)
        self.start_button.clicked.connect(self._start)
        self.tile_sites.clicked.connect(lambda: state.goto.emit("sites"))
        self.tile_due.clicked.connect(lambda: state.show_ledger.emit({"due_within_days": 7}))
        self.tile_overdue.clicked.connect(lambda: state.show_ledger.emit({"overdue": True}))
        self.tile_expert.clicked.connect(lambda: state.goto.emit("expert"))
        self.refresh()

    def _campaign_box(self) -> QGroupBox:
        """专项行动: each running campaign's sites here still to visit, to start one from."""
        self.campaign_box = QGroupBox(self.tr("专项行动待查单位"), self)
        self.campaign_box.setObjectName("campaignBox")
        self.campaign_summary = QLabel(self.campaign_box)
        self.campaign_summary.setWordWrap(True)
        self.campaign_list = QListWidget(self.campaign_box)
        self.campaign_list.setObjectName("campaignSites")
        self.campaign_list.setMaximumHeight(150)
        self.campaign_button = QPushButton(self.tr("开始专项检查"), self.campaign_box)
        self.campaign_button.setEnabled(False)
        layout = QVBoxLayout(self.campaign_box)
        layout.addWidget(self.campaign_summary)
        row = QHBoxLayout()
        row.addWidget(self.campaign_list, 1)
        row.addWidget(self.campaign_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(row)
        self.campaign_list.currentItemChanged.connect(
            lambda cur, _prev: self.campaign_button.setEnabled(cur is not None)
        )
        self.campaign_list.itemActivated.connect(lambda _i: self._start_campaign())
        self.campaign_button.clicked.connect(self._start_campaign)
        return self.campaign_box

    def _show_campaigns(self) -> None:
        todo = campaigns.to_do(self.state.ctx, self._jurisdiction(), limit=LIST_LIMIT)
        self.campaign_list.clear()
        lines = []
        for c in todo:
            lines.append(
                self.tr("%1：尚有 %n 家未查（%2 至 %3）", "", c.left)
                .replace("%1", c.name)
                .replace("%2", date_text(c.starts_on))
                .replace("%3", date_text(c.ends_on))
            )
            for site in c.sites:
                item = QListWidgetItem(
                    self.tr("【%1】%2").replace("%1", c.name).replace("%2", site.name)
                    + f"  ·  {site.address}",
                    self.campaign_list,
                )
                item.setData(Qt.ItemDataRole.UserRole, (c.id, site.id))
        self.campaign_summary.setText("\n".join(lines))
        self.campaign_box.setTitle(
            self.tr("专项行动待查单位（%1）").replace("%1", str(sum(c.left for c in todo)))
        )
        self.campaign_box.setVisible(bool(todo))

    def _start_campaign(self) -> None:
        item = self.campaign_list.currentItem()
        if item is not None:
            cid, sid = item.data(Qt.ItemDataRole.UserRole)
            self.state.start_campaign_inspection.emit(str(cid), str(sid))

    def _jurisdiction(self) -> str | None:
        return self.state.settings.jurisdiction or None

    def _entries(self, **options: Any) -> tuple[int, list[ledger.LedgerEntry]]:
        f = ledger.ledger_filter(jurisdiction=self._jurisdiction(), **options)
        total = ledger.ledger_size(self.state.ctx, f)
        shown = ledger.ledger(
            self.state.ctx,
            ledger.ledger_filter(jurisdiction=self._jurisdiction(), limit=LIST_LIMIT, **options),
        )
        return total, shown

    def refresh(self) -> None:
        ctx = self.state.ctx
        me = self.state.me()
        today = clock.today()
        who = (
            self.tr("%1（%2）").replace("%1", me.name).replace("%2", role_label(me.role))
            if me
            else self.tr("尚未设置使用人")
        )
        grid = self._jurisdiction() or self.tr("全部网格")
        self.greeting.setText(
            self.tr("%1 · 网格 %2 · %3")
            .replace("%1", who)
            .replace("%2", grid)
            .replace("%3", date_text(today))
        )
        still_open = drafts.open_inspections(ctx, jurisdiction=self._jurisdiction())
        self.open_inspections.set_items(still_open)
        self.open_box.setVisible(bool(still_open))
        self.task_box.refresh()
        self.escalation_box.refresh()
        self._show_campaigns()
        n_overdue, overdue = self._entries(overdue=True)
        n_due, due = self._entries(due_within_days=7)
        self.overdue_table.set_entries(overdue)
        self.due_table.set_entries(due)
        # Suspected majors are few; filter the major ones for the expert's verdict.
        _n, majors = self._entries(level="major")
        waiting = [e for e in majors if e.major_status == MajorStatus.SUSPECTED.value]
        self.expert_table.set_entries(waiting)
        my_sites = sites.search_sites(ctx, "", jurisdiction=self._jurisdiction(), limit=500)
        self.site_list.clear()
        for site in my_sites:
            item = QListWidgetItem(f"{site.name}  ·  {site.address}", self.site_list)
            item.setData(Qt.ItemDataRole.UserRole, site.id)
        self.tile_sites.set_count(len(my_sites))
        self.tile_due.set_count(n_due)
        self.tile_overdue.set_count(n_overdue)
        self.tile_expert.set_count(len(waiting))

    def _selected_site(self) -> str | None:
        item = self.site_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _open_site(self, item: QListWidgetItem) -> None:
        self.state.open_site.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def _start(self) -> None:
        site_id = self._selected_site()
        if site_id:
            self.state.start_inspection.emit(site_id)
