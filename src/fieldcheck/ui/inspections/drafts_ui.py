# SPDX-License-Identifier: Apache-2.0
"""Half-done inspections in the window: 今日's 继续检查 list, the 未完成 dialog, and the
question before finishing with items unanswered."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.models import Inspection
from fieldcheck.services.inspections import drafts
from fieldcheck.ui.shell.labels import datetime_text
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.state import AppState


class EndIncompleteDialog(QDialog):
    """结束为未完成: ask why, then end the inspection with that reason."""

    def __init__(self, state: AppState, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.inspection_id = inspection_id
        self.setWindowTitle(self.tr("结束为未完成"))
        self.setMinimumWidth(460)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("incompleteReason")
        self.reason.setPlaceholderText(self.tr("例如：单位负责人不在场，改日再查"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("结束为未完成"))
        self.ok_button.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.reason.textChanged.connect(lambda t: self.ok_button.setEnabled(bool(t.strip())))
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("已记录的检查结果和隐患都会保留。请写明未完成的原因："), self)
        )
        layout.addWidget(self.reason)
        layout.addWidget(buttons)

    def confirm(self) -> None:
        try:
            drafts.end_incomplete(
                self.state.ctx,
                self.inspection_id,
                actor_id=self.state.actor_id,
                reason=self.reason.text(),
            )
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        self.state.notify()
        self.accept()


class FinishQuestion(QMessageBox):
    """完成检查 with items unanswered: asks first and names how many; 返回 is the default."""

    def __init__(self, unchecked: int, parent: QWidget | None = None) -> None:
        super().__init__(
            QMessageBox.Icon.Question,
            "",
            "",
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        self.setWindowTitle(self.tr("完成检查"))
        self.setText(
            self.tr("还有 %n 项未检查。仍要完成这次检查吗？未检的项目记为“未检”。", "", unchecked)
        )
        self.finish_anyway = self.addButton(self.tr("仍然完成"), QMessageBox.ButtonRole.AcceptRole)
        back = self.addButton(self.tr("返回继续检查"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(back)


def progress_text(item: drafts.OpenInspection) -> str:
    """“某单位 · 开始于 12月1日 09:30 · 已查 5/20 项 · 隐患 2 条”."""
    return (
        QCoreApplication.translate(
            "drafts", "%1 · 开始于 %2 · 已查 %3/%4 项 · 隐患 %n 条", None, item.findings
        )
        .replace("%1", item.site_name)
        .replace("%2", datetime_text(item.inspection.started_at))
        .replace("%3", str(item.answered))
        .replace("%4", str(item.total))
    )


class OpenInspectionsBox(QWidget):
    """Every open inspection with 继续检查 and 结束为未完成; hidden when there is none."""

    resume = Signal(str)  # inspection id

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.list = QListWidget(self)
        self.list.setObjectName("openInspections")
        self.list.setMaximumHeight(96)
        self.continue_button = QPushButton(self.tr("继续检查"), self)
        self.continue_button.setObjectName("continueInspection")
        self.end_button = QPushButton(self.tr("结束为未完成…"), self)
        buttons = QVBoxLayout()
        buttons.addWidget(self.continue_button)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.list.itemActivated.connect(lambda _i: self._continue())
        self.continue_button.clicked.connect(self._continue)
        self.end_button.clicked.connect(self._end)

    def set_items(self, items: list[drafts.OpenInspection]) -> None:
        self.list.clear()
        for it in items:
            row = QListWidgetItem(progress_text(it), self.list)
            row.setData(Qt.ItemDataRole.UserRole, it.inspection.id)
        if items:
            self.list.setCurrentRow(0)
        for b in (self.continue_button, self.end_button):
            b.setEnabled(bool(items))

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _continue(self) -> None:
        iid = self.selected_id()
        if iid:
            self.resume.emit(iid)

    def _end(self) -> None:
        iid = self.selected_id()
        if iid:
            self.dialog = EndIncompleteDialog(self.state, iid, self)
            self.dialog.open()


def ask_continue(
    parent: QWidget,
    open_one: Inspection,
    site_name: str,
    on_continue: Callable[[], None],
    on_new: Callable[[], None],
) -> QMessageBox:
    """The site has an open inspection: continue it (default) or start another."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("drafts", "继续检查"),
        QCoreApplication.translate(
            "drafts", "%1 有一次未完成的检查（开始于 %2）。继续这次检查，还是另开一次新的检查？"
        )
        .replace("%1", site_name)
        .replace("%2", datetime_text(open_one.started_at)),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    go_on = box.addButton(
        QCoreApplication.translate("drafts", "继续检查"), QMessageBox.ButtonRole.AcceptRole
    )
    new = box.addButton(
        QCoreApplication.translate("drafts", "另开新检查"), QMessageBox.ButtonRole.DestructiveRole
    )
    box.addButton(QCoreApplication.translate("drafts", "取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go_on)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the site's name as typed

    def clicked(button: object) -> None:
        if button is go_on:
            on_continue()
        elif button is new:
            on_new()

    box.buttonClicked.connect(clicked)
    box.open()
    return box
