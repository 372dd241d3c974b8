# SPDX-License-Identifier: Apache-2.0
"""The hazard's 督办 on the finding dialog: each escalation with its level and leader, and
whether 销号 waits for a listing level's signed approval (分级销号) and why."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from fieldcheck.core.models import Finding
from fieldcheck.core.tasks import Escalation
from fieldcheck.services.context import AppContext
from fieldcheck.services.major import close_approval


class OversightLabel(QLabel):
    """Empty (hidden) for a hazard nobody escalated."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("oversight")
        self.setWordWrap(True)
        self.waits: list[Escalation] = []
        self.hide()

    def _level(self, level: str) -> str:
        return {
            "township": self.tr("乡镇（街道）"),
            "county": self.tr("县（区）"),
            "city": self.tr("市"),
        }.get(level, level)

    def _line(self, e: Escalation) -> str:
        kind = self.tr("挂牌督办") if e.kind == "listed" else self.tr("督办")
        post = self.tr("（%1）").replace("%1", e.leader_post) if e.leader_post else ""
        return (
            self.tr("%1%2，责任领导：%3%4")
            .replace("%1", self._level(e.level))
            .replace("%2", kind)
            .replace("%3", e.leader)
            .replace("%4", post)
        )

    def show_for(self, ctx: AppContext, finding: Finding) -> list[Escalation]:
        """Show the finding's escalations and what its 销号 waits for; returns the waits."""
        escalated = close_approval.escalations(ctx, finding.id)
        self.waits = close_approval.waits(ctx, finding)
        lines = [self._line(e) for e in escalated]
        for e in self.waits:
            lines.append(
                self.tr(
                    "销号待%1审批：挂牌督办的重大隐患，须经挂牌的那一级在管理平台签批，同步后方可销号"
                ).replace("%1", self._level(e.level))
            )
        if (
            any(e.kind == "listed" for e in escalated)
            and not self.waits
            and str(finding.level) == "major"
        ):
            lines.append(self.tr("挂牌督办的那一级已签批销号"))
        self.setText("\n".join(lines))
        self.setStyleSheet("color: #b00020;" if self.waits else "")
        self.setVisible(bool(lines))
        return self.waits
