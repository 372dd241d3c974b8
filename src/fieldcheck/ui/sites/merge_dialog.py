# SPDX-License-Identifier: Apache-2.0
"""合并重复单位: the same unit registered twice (one 统一社会信用代码) becomes one site."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.models import Site
from fieldcheck.services.sites import site_merge
from fieldcheck.services.sites.site_merge import MergeResult
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.state import AppState


class MergeDialog(QDialog):
    """Which duplicate joins the selected site, what that means, and 合并."""

    def __init__(
        self,
        state: AppState,
        keep: Site,
        twins: list[tuple[str, str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.keep = keep
        self.result_merge: MergeResult | None = None
        self.setWindowTitle(self.tr("合并重复单位"))
        head = QLabel(
            self.tr("<b>保留：</b>%1（%2）")
            .replace("%1", escape(keep.name))
            .replace("%2", escape(keep.address)),
            self,
        )
        head.setWordWrap(True)
        self.other = QComboBox(self)
        self.other.setObjectName("mergeOther")
        for sid, name, address in twins:
            self.other.addItem(f"{name}（{address}）", sid)
        self.note = note = QLabel(
            self.tr(
                "两条记录的统一社会信用代码都是 %1，是同一家单位。"
                "合并后，被并入单位的检查记录、隐患、照片、文书和签名原样保留，"
                "都显示在保留的单位下；单位名录中不再单列被并入的单位。"
                "已签名的内容一字不改，签名仍可核验。合并会记入操作记录并同步到服务器。"
            ).replace("%1", keep.uscc or ""),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.merge_button = buttons.addButton(
            self.tr("合并"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.merge)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(QLabel(self.tr("并入："), self))
        layout.addWidget(self.other)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def merge(self) -> None:
        try:
            self.result_merge = site_merge.merge_sites(
                self.state.ctx,
                self.keep.id,
                str(self.other.currentData()),
                actor_id=self.state.actor_id,
            )
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        self.state.notify()
        self.accept()
