# SPDX-License-Identifier: Apache-2.0
"""今日's 督办隐患: the hazards of this area under 督办 / 挂牌督办, each with its level and
responsible leader; one opens the hazard's finding view."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from fieldcheck.core.tasks import Escalation
from fieldcheck.services.context import AppContext
from fieldcheck.services.inspections import tasks

SHOWN_ROWS = 4  # the list scrolls past these


def escalation_text(e: Escalation) -> str:
    """县级挂牌督办：李副县长（副县长）."""
    level = {
        "township": QCoreApplication.translate("Escalation", "乡镇"),
        "county": QCoreApplication.translate("Escalation", "县级"),
        "city": QCoreApplication.translate("Escalation", "市级"),
    }
    kind = (
        QCoreApplication.translate("Escalation", "挂牌督办")
        if e.kind == "listed"
        else QCoreApplication.translate("Escalation", "督办")
    )
    post = (
        QCoreApplication.translate("Escalation", "（%1）").replace("%1", e.leader_post)
        if e.leader_post
        else ""
    )
    return (
        QCoreApplication.translate("Escalation", "%1%2：%3")
        .replace("%1", level.get(e.level, e.level))
        .replace("%2", kind)
        .replace("%3", e.leader + post)
    )


class EscalationBox(QGroupBox):
    """The hazard-level escalations; ``open_finding`` carries the chosen hazard's id."""

    open_finding = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("escalationBox")
        self.list = QListWidget(self)
        self.list.setObjectName("escalatedHazards")
        QVBoxLayout(self).addWidget(self.list)
        self.list.itemActivated.connect(
            lambda item: self.open_finding.emit(str(item.data(Qt.ItemDataRole.UserRole)))
        )

    def refresh(self) -> None:
        shown = [e for e in tasks.escalations(self.ctx) if e.target_kind == "hazard"]
        self.list.clear()
        for e in shown:
            hazard_id = e.hazard_id or e.target_id
            item = QListWidgetItem(f"{escalation_text(e)}  ·  {self._hazard(hazard_id)}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, hazard_id)
        rows = max(1, min(self.list.count(), SHOWN_ROWS))
        self.list.setFixedHeight(
            rows * max(self.list.sizeHintForRow(0), 1) + 2 * self.list.frameWidth() + 4
        )
        self.setTitle(self.tr("督办隐患（%1）").replace("%1", str(len(shown))))
        self.setVisible(bool(shown))

    def _hazard(self, hazard_id: str) -> str:
        found = tasks.hazard_named(self.ctx, hazard_id)
        if found is None:
            return self.tr("隐患 %1（本机没有这条隐患，同步后可见）").replace("%1", hazard_id[:8])
        site, description = found
        return f"{site}  ·  {description[:60]}"
