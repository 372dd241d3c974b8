# SPDX-License-Identifier: Apache-2.0
"""作废 (voiding) a document: the reason it needs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class VoidDialog(QDialog):
    """作废 needs a reason; the number stays taken and the paper prints 作废."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("作废文书"))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("voidReason")
        self.reason.setPlaceholderText(self.tr("如 重复出具，以前一份为准"))
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        form = QFormLayout()
        form.addRow(QLabel(self.tr("作废 %1：编号保留，不再使用。").replace("%1", number), self))
        form.addRow(self.tr("作废原因 *"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("作废"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if not self.reason.text().strip():
            self.error.setText(self.tr("请写明作废原因"))
            return
        self.accept()
