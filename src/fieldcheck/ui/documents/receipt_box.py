# SPDX-License-Identifier: Apache-2.0
"""被检查单位签收: the site signs on the pad, refuses before a witness, or signs later."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from fieldcheck.core.models import Site
from fieldcheck.ui.widgets.signature_pad import SignaturePad


class ReceiptBox(QGroupBox):
    """The receipt's choice, the signer's name, the pad and the witness."""

    def __init__(self, site: Site, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("被检查单位签收"))
        self.signed = QRadioButton(self.tr("当场签收"), self)
        self.refused = QRadioButton(self.tr("拒签"), self)
        self.later = QRadioButton(self.tr("不在场 / 稍后签收"), self)
        self.signed.setChecked(True)
        self.rep_name = QLineEdit(site.legal_rep or site.contact_name, self)
        self.rep_name.setObjectName("repName")
        self.pad = SignaturePad(self)
        self.pad.setMinimumHeight(130)
        self.clear_pad = QPushButton(self.tr("重写"), self)
        self.witness = QLineEdit(self)
        self.witness.setObjectName("witness")
        rl = QFormLayout(self)
        choice = QHBoxLayout()
        for b in (self.signed, self.refused, self.later):
            choice.addWidget(b)
        choice.addStretch(1)
        rl.addRow(self.tr("结果"), choice)
        rl.addRow(self.tr("签收人姓名"), self.rep_name)
        pad_row = QHBoxLayout()
        pad_row.addWidget(self.pad, 1)
        pad_row.addWidget(self.clear_pad)
        rl.addRow(self.tr("签名"), pad_row)
        rl.addRow(self.tr("见证人（拒签时必填）"), self.witness)
        self.clear_pad.clicked.connect(self.pad.clear)
        for b in (self.signed, self.refused, self.later):
            b.toggled.connect(lambda _on: self.update_fields())
        self.update_fields()

    def update_fields(self) -> None:
        """Only the fields the chosen result needs are open."""
        present = not self.later.isChecked()
        self.rep_name.setEnabled(present)
        self.pad.setEnabled(self.signed.isChecked())
        self.clear_pad.setEnabled(self.signed.isChecked())
        self.witness.setEnabled(self.refused.isChecked())

    def receipt(self) -> dict[str, Any] | str | None:
        """The receipt's fields, None when the site signs later, or what is missing."""
        if self.later.isChecked():
            return None
        name = self.rep_name.text().strip()
        if not name:
            return self.tr("请填写签收人姓名，或选择“不在场 / 稍后签收”")
        if self.refused.isChecked():
            if not self.witness.text().strip():
                return self.tr("拒签须填写见证人")
            return {"site_rep_name": name, "refused": True, "witness": self.witness.text()}
        if self.pad.is_empty():
            return self.tr("请让签收人在签名区签字，或选择“拒签”")
        return {"site_rep_name": name, "handwriting_png": self.pad.to_png()}
