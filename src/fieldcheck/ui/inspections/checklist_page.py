# SPDX-License-Identifier: Apache-2.0
"""Step 2 of an inspection: the checklists for the site, the suggested ones ticked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.models import Site
from fieldcheck.services.inspections import campaigns
from fieldcheck.ui.shell import catalog


class ChecklistPage(QWidget):
    """The checklists suggested for the site's industry and place, or those of a 专项行动."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("heading")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a site's name as typed
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.checklist_list = QListWidget(self)
        self.back_button = QPushButton(self.tr("上一步"), self)
        self.start_button = QPushButton(self.tr("开始检查"), self)
        self.start_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.checklist_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.start_button)
        layout.addLayout(row)

    def show_for(self, site: Site, campaign: campaigns.CampaignToDo | None) -> None:
        self.title.setText(self.tr("第二步：为 %1 选择检查表").replace("%1", site.name))
        self.checklist_list.clear()
        suggested = catalog.suggest(site.industry, site.kind_of_place)
        if campaign is not None:
            wanted = {r.checklist_id for r in campaign.checklists}
            suggested = [c for c in catalog.all_checklists() if c.id in wanted]
        ids = {c.id for c in suggested}
        others = [c for c in catalog.all_checklists() if c.id not in ids]
        self.hint.setText(
            self.tr("已按行业“%1”和场所类型“%2”勾选推荐的检查表，可增减。")
            .replace("%1", site.industry or "—")
            .replace("%2", site.kind_of_place or "—")
            if campaign is None
            else self.tr("专项行动“%1”：已勾选行动指定的检查表，可增减。").replace(
                "%1", campaign.name
            )
        )
        for checklist in [*suggested, *others]:
            item = QListWidgetItem(
                self.tr("%1（%n 项，版本 %3）", "", len(checklist.items))
                .replace("%1", checklist.title)
                .replace("%3", checklist.version),
                self.checklist_list,
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if checklist.id in ids else Qt.CheckState.Unchecked
            )
            item.setData(Qt.ItemDataRole.UserRole, checklist)

    def chosen(self) -> list[Any]:
        out = []
        for row in range(self.checklist_list.count()):
            item = self.checklist_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out
