# SPDX-License-Identifier: Apache-2.0
"""The company's part of 双签字: its responsible person signs by hand or refuses.

`SiteStep` takes the representative's name and either a handwritten signature on the
pad or 拒签 with a witness and a reason, says what is still missing (`problem`), and,
once the inspector signs, records the signature or the refusal under the inspector's
key (`record`). It is the second page of `onsite_sign.OnSiteSignDialog` (the pad a row
of the form) and the body of `cosign_dialog.CoSignDialog` (``pad_below``: the pad under
the form with a 重写 button); each adds its own rows to `form`.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.models import Site
from fieldcheck.services.context import AppContext
from fieldcheck.services.major import cosign
from fieldcheck.ui.widgets.signature_pad import SignaturePad


class SiteStep(QWidget):
    """签字 or 拒签 by the site's responsible person (the name prefilled from `site`)."""

    def __init__(
        self, site: Site | None, parent: QWidget | None = None, *, pad_below: bool = False
    ) -> None:
        super().__init__(parent)
        self.signed = QRadioButton(self.tr("签字"), self)
        self.refused = QRadioButton(self.tr("拒签"), self)
        self.signed.setChecked(True)
        choice = QHBoxLayout()
        choice.addWidget(self.signed)
        choice.addWidget(self.refused)
        choice.addStretch(1)
        name = (site.legal_rep or site.contact_name) if site is not None else ""
        self.rep_name = QLineEdit(name, self)
        self.rep_name.setObjectName("repName")
        self.pad = SignaturePad(self)
        self.witness = QLineEdit(self)
        self.witness.setObjectName("witness")
        self.reason = QLineEdit(self)
        self.clear_button: QPushButton | None = None
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        self.form.addRow(self.tr("结果"), choice)
        self.form.addRow(self.tr("单位负责人姓名 *"), self.rep_name)
        if pad_below:  # the form, then the pad taking the height left, then 重写
            outer.setContentsMargins(0, 0, 0, 0)
            self.clear_button = QPushButton(self.tr("重写"), self)
            self.clear_button.clicked.connect(self.pad.clear)
            outer.addWidget(self.pad, 1)
            outer.addWidget(self.clear_button)
        else:  # the form at the top, the rest empty
            self.pad.setMinimumHeight(120)
            self.form.addRow(self.tr("签名"), self.pad)
            outer.addStretch(1)
        self.form.addRow(self.tr("见证人（拒签时必填）"), self.witness)
        self.form.addRow(self.tr("拒签理由"), self.reason)
        self.refused.toggled.connect(self._mode)
        self._mode(False)

    def _mode(self, refused: bool) -> None:
        self.pad.setEnabled(not refused)
        if self.clear_button is not None:
            self.clear_button.setEnabled(not refused)
        self.witness.setEnabled(refused)
        self.reason.setEnabled(refused)

    def problem(self) -> str | None:
        """What is still missing before the inspector can sign, in words; None when ready."""
        if not self.rep_name.text().strip():
            return self.tr("请填写单位负责人姓名")
        if self.signed.isChecked() and self.pad.is_empty():
            return self.tr("请让单位负责人在签名区签字，或选择“拒签”")
        if self.refused.isChecked() and not self.witness.text().strip():
            return self.tr("拒签须填写见证人")
        return None

    def done_text(self) -> str:
        """The line the wizard shows once this step is done."""
        what = self.tr("已签字") if self.signed.isChecked() else self.tr("拒签（见证人：%1）")
        what = what.replace("%1", self.witness.text().strip())
        return (
            self.tr("✓ 第 2 步完成：单位负责人 %1 %2，待检查人员签名确认。")
            .replace("%1", self.rep_name.text().strip())
            .replace("%2", what)
        )

    def record(self, ctx: AppContext, finding_id: str, inspector_id: str, passphrase: str) -> None:
        """Record the signature or the refusal, covered by the inspector's key."""
        rep = self.rep_name.text().strip()
        if self.signed.isChecked():
            cosign.site_sign(
                ctx,
                finding_id,
                inspector_id=inspector_id,
                passphrase=passphrase,
                site_rep_name=rep,
                handwriting_png=self.pad.to_png(),
            )
        else:
            cosign.site_refuse(
                ctx,
                finding_id,
                inspector_id=inspector_id,
                passphrase=passphrase,
                site_rep_name=rep,
                witness_name=self.witness.text().strip(),
                reason=self.reason.text().strip(),
            )
