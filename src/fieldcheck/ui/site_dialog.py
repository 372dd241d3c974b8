# SPDX-License-Identifier: Apache-2.0
"""Add or edit a site; the 统一社会信用代码 is checked character by character as it is typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.errors import FieldcheckError, InvalidValueError
from fieldcheck.core.models import RiskLevel, Site
from fieldcheck.core.uscc import ALPHABET, check_char
from fieldcheck.services import sites
from fieldcheck.ui.messages import field_label, show_error
from fieldcheck.ui.state import AppState

INDUSTRIES = [
    "机械加工",
    "木制品加工",
    "食品加工",
    "纺织",
    "餐饮",
    "零售",
    "住宿",
    "居住",
    "汽车维修",
    "房屋建筑",
    "仓储物流",
    "化工",
    "粉尘涉爆",
    "涉氨制冷",
    "有限空间作业",
]
KINDS_OF_PLACE = ["小微企业", "九小场所", "出租房", "建筑工地", "厂中厂", "其他"]
RISK_ZH: dict[RiskLevel, str] = {
    RiskLevel.LOW: str(QT_TRANSLATE_NOOP("risk", "低风险")),
    RiskLevel.MEDIUM: str(QT_TRANSLATE_NOOP("risk", "一般风险")),
    RiskLevel.HIGH: str(QT_TRANSLATE_NOOP("risk", "较大风险")),
    RiskLevel.MAJOR: str(QT_TRANSLATE_NOOP("risk", "重大风险")),
}


def risk_label(level: RiskLevel) -> str:
    return QCoreApplication.translate("risk", RISK_ZH[level])


def uscc_feedback(text: str) -> tuple[bool, str]:
    """(may be saved, what to tell the person) for a partly typed 统一社会信用代码."""

    code = text.strip().upper()
    if not code:
        return True, QCoreApplication.translate("uscc", "可不填；个体工商户也有统一社会信用代码")
    for pos, c in enumerate(code, start=1):
        if c not in ALPHABET:
            return False, QCoreApplication.translate(
                "uscc", "第 %1 位“%2”不允许：代码只含数字和大写字母，不含 I、O、S、V、Z"
            ).replace("%1", str(pos)).replace("%2", c)
    if len(code) < 18:
        return False, QCoreApplication.translate("uscc", "已输入 %1 位，还差 %2 位").replace(
            "%1", str(len(code))
        ).replace("%2", str(18 - len(code)))
    if len(code) > 18:
        return False, QCoreApplication.translate("uscc", "多了 %1 位：代码共 18 位").replace(
            "%1", str(len(code) - 18)
        )
    expected = check_char(code[:17])
    if code[17] != expected:
        return False, QCoreApplication.translate(
            "uscc", "最后一位校验码应为“%1”，请核对营业执照"
        ).replace("%1", expected)
    return True, QCoreApplication.translate("uscc", "✓ 代码有效")


class SiteDialog(QDialog):
    """The site form; saving registers a new site or updates the existing one."""

    def __init__(
        self, state: AppState, parent: QWidget | None = None, site: Site | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.site = site
        self.saved: Site | None = None
        self.setWindowTitle(self.tr("编辑单位") if site else self.tr("新增单位"))
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.uscc = QLineEdit(self)
        self.uscc.setMaxLength(24)  # room to show "too long" instead of silently cutting
        self.uscc.setPlaceholderText(self.tr("18 位，如 91410105MA…"))
        self.uscc_hint = QLabel(self)
        self.uscc_hint.setObjectName("usccHint")
        self.address = QLineEdit(self)
        self.industry = QComboBox(self)
        self.industry.setEditable(True)
        self.industry.addItems(INDUSTRIES)
        self.kind = QComboBox(self)
        self.kind.setEditable(True)
        self.kind.addItems(KINDS_OF_PLACE)
        self.jurisdiction = QLineEdit(self)
        self.legal_rep = QLineEdit(self)
        self.contact_name = QLineEdit(self)
        self.contact_phone = QLineEdit(self)
        self.risk = QComboBox(self)
        for level in RISK_ZH:
            self.risk.addItem(risk_label(level), level.value)
        rows: list[tuple[str, QWidget]] = [
            (self.tr("单位名称 *"), self.name),
            (self.tr("统一社会信用代码"), self.uscc),
            ("", self.uscc_hint),
            (self.tr("地址 *"), self.address),
            (self.tr("行业"), self.industry),
            (self.tr("场所类型"), self.kind),
            (self.tr("所属网格 *"), self.jurisdiction),
            (self.tr("法定代表人"), self.legal_rep),
            (self.tr("联系人"), self.contact_name),
            (self.tr("联系电话"), self.contact_phone),
            (self.tr("风险等级"), self.risk),
        ]
        for label, widget in rows:
            form.addRow(label, widget)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.uscc.textChanged.connect(self._check_uscc)
        self._fill(site)
        self._check_uscc(self.uscc.text())

    def _fill(self, site: Site | None) -> None:
        if site is None:
            self.jurisdiction.setText(self.state.settings.jurisdiction)
            return
        self.name.setText(site.name)
        self.uscc.setText(site.uscc or "")
        self.address.setText(site.address)
        self.industry.setCurrentText(site.industry)
        self.kind.setCurrentText(site.kind_of_place)
        self.jurisdiction.setText(site.jurisdiction)
        self.legal_rep.setText(site.legal_rep)
        self.contact_name.setText(site.contact_name)
        self.contact_phone.setText(site.contact_phone)
        self.risk.setCurrentIndex(max(0, self.risk.findData(site.risk_level.value)))

    def _check_uscc(self, text: str) -> None:
        upper = text.upper()
        if upper != text:  # codes are upper case; people type lower case on tablets
            pos = self.uscc.cursorPosition()
            self.uscc.setText(upper)
            self.uscc.setCursorPosition(pos)
            return
        ok, message = uscc_feedback(text)
        self.uscc_hint.setText(message)
        self.uscc_hint.setProperty("ok", ok)
        self.uscc_hint.style().polish(self.uscc_hint)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "uscc": self.uscc.text().strip() or None,
            "address": self.address.text().strip(),
            "industry": self.industry.currentText().strip(),
            "kind_of_place": self.kind.currentText().strip(),
            "jurisdiction": self.jurisdiction.text().strip(),
            "legal_rep": self.legal_rep.text().strip(),
            "contact_name": self.contact_name.text().strip(),
            "contact_phone": self.contact_phone.text().strip(),
            "risk_level": self.risk.currentData(),
        }

    def save(self) -> None:
        values = self.values()
        missing = [
            label
            for key, label in (
                ("name", self.tr("单位名称")),
                ("address", self.tr("地址")),
                ("jurisdiction", self.tr("所属网格")),
            )
            if not values[key]
        ]
        if missing:
            self.error.setText(self.tr("请填写：%1").replace("%1", "、".join(missing)))
            return
        try:
            if self.site is None:
                self.saved = sites.register_site(
                    self.state.ctx, values, actor_id=self.state.actor_id
                )
            else:
                self.saved = sites.update_site(
                    self.state.ctx, self.site.id, values, actor_id=self.state.actor_id
                )
        except InvalidValueError as exc:
            self.error.setText(
                self.tr("“%1”不正确：%2")
                .replace("%1", field_label(exc.field))
                .replace("%2", exc.reason)
            )
            return
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        self.state.notify()
        self.accept()
