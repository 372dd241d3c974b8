# SPDX-License-Identifier: Apache-2.0
"""专家+企业 双签字: the site's responsible person signs by hand, or refuses with a witness.

The company's part is a `site_step.SiteStep` (its checks and its record); this dialog adds
only the inspector present and the inspector's passphrase.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.terms import Role
from fieldcheck.ui.major.site_step import SiteStep
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.passphrase import passphrase_field
from fieldcheck.ui.widgets.screen import fit_to_screen
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
        intro.setObjectName("cosignSummary")
        intro.setTextFormat(Qt.TextFormat.PlainText)  # the site's name and hazard as typed
        intro.setWordWrap(True)
        self.site_step = SiteStep(None, self, pad_below=True)  # the name typed on site
        self.inspector = signer_box(self, state, (Role.GRID, Role.ENFORCEMENT), "cosignInspector")
        self.passphrase = passphrase_field(self, self.tr("检查人员本人的签名密码"))
        self.site_step.form.addRow(self.tr("在场检查人员"), self.inspector)
        self.site_step.form.addRow(self.tr("检查人员签名密码 *"), self.passphrase)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确认并签名"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.site_step, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)

    def submit(self) -> None:
        problem = self.site_step.problem()
        if problem is None and not self.passphrase.text():
            problem = self.tr("请输入您的签名密码")
        if problem is not None:
            self.error.setText(problem)
            return
        try:
            self.site_step.record(
                self.state.ctx, self.finding_id, chosen(self.inspector), self.passphrase.text()
            )
        except FieldcheckError as exc:
            self.passphrase.clear()
            show_error(self, exc)
            return
        self.state.notify()
        self.accept()
