# SPDX-License-Identifier: Apache-2.0
"""专家+企业 双签字: the site's responsible person signs by hand, or refuses with a witness."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.terms import Role
from fieldcheck.services.major import cosign
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.passphrase import passphrase_field
from fieldcheck.ui.widgets.screen import fit_to_screen
from fieldcheck.ui.widgets.signature_pad import SignaturePad
from fieldcheck.ui.widgets.signer import chosen, signer_box


class CoSignDialog(QDialog):
    """The site's signature (or 拒签 + witness), covered by the inspector's key."""

    def __init__(
        self, state: AppState, finding_id: str, summary: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.finding_id = finding_id
        self.setWindowTitle(self.tr("企业负责人签字确认"))
        fit_to_screen(self, 720, 560)
        intro = QLabel(summary, self)
        intro.setWordWrap(True)
        self.signed = QRadioButton(self.tr("签字"), self)
        self.refused = QRadioButton(self.tr("拒签"), self)
        self.signed.setChecked(True)
        self.rep_name = QLineEdit(self)
        self.rep_name.setObjectName("repName")
        self.pad = SignaturePad(self)
        self.clear_button = QPushButton(self.tr("重写"), self)
        self.witness = QLineEdit(self)
        self.witness.setObjectName("witness")
        self.reason = QLineEdit(self)
        self.inspector = signer_box(self, state, (Role.GRID, Role.ENFORCEMENT), "cosignInspector")
        self.passphrase = passphrase_field(self, self.tr("检查人员本人的签名密码"))
        form = QFormLayout()
        choice = QHBoxLayout()
        choice.addWidget(self.signed)
        choice.addWidget(self.refused)
        choice.addStretch(1)
        form.addRow(self.tr("结果"), choice)
        form.addRow(self.tr("单位负责人姓名 *"), self.rep_name)
        form.addRow(self.tr("见证人（拒签时必填）"), self.witness)
        form.addRow(self.tr("拒签理由"), self.reason)
        form.addRow(self.tr("在场检查人员"), self.inspector)
        form.addRow(self.tr("检查人员签名密码 *"), self.passphrase)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确认并签名"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.pad, 1)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.clear_button.clicked.connect(self.pad.clear)
        self.refused.toggled.connect(self._mode)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self._mode(False)

    def _mode(self, refused: bool) -> None:
        self.pad.setEnabled(not refused)
        self.clear_button.setEnabled(not refused)
        self.witness.setEnabled(refused)
        self.reason.setEnabled(refused)

    def submit(self) -> None:
        name = self.rep_name.text().strip()
        if not name:
            self.error.setText(self.tr("请填写单位负责人姓名"))
            return
        if self.signed.isChecked() and self.pad.is_empty():
            self.error.setText(self.tr("请让单位负责人在签名区签字，或选择“拒签”"))
            return
        if self.refused.isChecked() and not self.witness.text().strip():
            self.error.setText(self.tr("拒签须填写见证人"))
            return
        if not self.passphrase.text():
            self.error.setText(self.tr("请输入您的签名密码"))
            return
        try:
            if self.signed.isChecked():
                cosign.site_sign(
                    self.state.ctx,
                    self.finding_id,
                    inspector_id=chosen(self.inspector),
                    passphrase=self.passphrase.text(),
                    site_rep_name=name,
                    handwriting_png=self.pad.to_png(),
                )
            else:
                cosign.site_refuse(
                    self.state.ctx,
                    self.finding_id,
                    inspector_id=chosen(self.inspector),
                    passphrase=self.passphrase.text(),
                    site_rep_name=name,
                    witness_name=self.witness.text().strip(),
                    reason=self.reason.text().strip(),
                )
        except FieldcheckError as exc:
            self.passphrase.clear()
            show_error(self, exc)
            return
        self.state.notify()
        self.accept()
