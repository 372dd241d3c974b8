# SPDX-License-Identifier: Apache-2.0
"""The company's step of 现场双签字: its responsible person signs by hand or refuses.

`SiteStep` is the second page of `onsite_sign.OnSiteSignDialog`: it shows the expert's
conclusion, takes the representative's name and either a handwritten signature on the
pad or 拒签 with a witness and a reason, says what is still missing (`problem`), and,
once the inspector signs in the dialog's last step, records the signature or the
refusal under the inspector's key (`record`).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
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
    """签字 or 拒签 by the site's responsible person, with the expert's conclusion shown."""

    def __init__(self, site: Site, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conclusion_label = QLabel(self)
        self.conclusion_label.setObjectName("expertConclusion")
        self.conclusion_label.setWordWrap(True)
        self.signed = QRadioButton(self.tr("签字"), self)
        self.refused = QRadioButton(self.tr("拒签"), self)
        self.signed.setChecked(True)
        choice = QHBoxLayout()
        choice.addWidget(self.signed)
        choice.addWidget(self.refused)
        choice.addStretch(1)
        self.rep_name = QLineEdit(site.legal_rep or site.contact_name, self)
        self.rep_name.setObjectName("repName")
        self.pad = SignaturePad(self)
        self.pad.setMinimumHeight(120)
        self.witness = QLineEdit(self)
        self.witness.setObjectName("witness")
        self.reason = QLineEdit(self)
        self.next_button = QPushButton(self.tr("下一步：检查人员签名"), self)
        self.refused.toggled.connect(self._mode)
        outer = QVBoxLayout(self)  # the form at the top, the rest empty
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.addRow(self.tr("专家结论"), self.conclusion_label)
        form.addRow(self.tr("结果"), choice)
        form.addRow(self.tr("单位负责人姓名 *"), self.rep_name)
        form.addRow(self.tr("签名"), self.pad)
        form.addRow(self.tr("见证人（拒签时必填）"), self.witness)
        form.addRow(self.tr("拒签理由"), self.reason)
        form.addRow(self.next_button)
        self._mode(False)

    def _mode(self, refused: bool) -> None:
        self.pad.setEnabled(not refused)
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
        """The line the dialog shows once this step is done."""
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
