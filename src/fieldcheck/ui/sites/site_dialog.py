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
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.errors import DuplicateSiteError, FieldcheckError, InvalidValueError
from fieldcheck.core.models import Site
from fieldcheck.core.terms import RiskLevel
from fieldcheck.core.uscc import ALPHABET, check_char
from fieldcheck.services.sites import sites
from fieldcheck.ui.shell.messages import invalid_words, plain_words, show_error
from fieldcheck.ui.shell.state import AppState

# Stored in Chinese (the checklists' scopes are written so); shown translated.
INDUSTRIES = [
    QT_TRANSLATE_NOOP("values", "机械加工"),
    QT_TRANSLATE_NOOP("values", "木制品加工"),
    QT_TRANSLATE_NOOP("values", "食品加工"),
    QT_TRANSLATE_NOOP("values", "纺织"),
    QT_TRANSLATE_NOOP("values", "餐饮"),
    QT_TRANSLATE_NOOP("values", "零售"),
    QT_TRANSLATE_NOOP("values", "住宿"),
    QT_TRANSLATE_NOOP("values", "居住"),
    QT_TRANSLATE_NOOP("values", "汽车维修"),
    QT_TRANSLATE_NOOP("values", "房屋建筑"),
    QT_TRANSLATE_NOOP("values", "仓储物流"),
    QT_TRANSLATE_NOOP("values", "化工"),
    QT_TRANSLATE_NOOP("values", "粉尘涉爆"),
    QT_TRANSLATE_NOOP("values", "涉氨制冷"),
    QT_TRANSLATE_NOOP("values", "有限空间作业"),
]
KINDS_OF_PLACE = [
    QT_TRANSLATE_NOOP("values", "小微企业"),
    QT_TRANSLATE_NOOP("values", "九小场所"),
    QT_TRANSLATE_NOOP("values", "出租房"),
    QT_TRANSLATE_NOOP("values", "建筑工地"),
    QT_TRANSLATE_NOOP("values", "厂中厂"),
    QT_TRANSLATE_NOOP("values", "其他"),
]


def value_label(value: str) -> str:
    """An industry or kind of place in the window's language (stored in Chinese)."""
    return QCoreApplication.translate("values", value)


def _choices(box: QComboBox, values: list[object], placeholder: str) -> None:
    """A combo with no default: the person must choose (or type) a value."""
    box.setEditable(True)
    for value in values:
        box.addItem(value_label(str(value)), str(value))
    box.setCurrentIndex(-1)
    if (line := box.lineEdit()) is not None:
        line.setPlaceholderText(placeholder)


def chosen_value(box: QComboBox) -> str:
    """The stored (Chinese) value of a choice, or what was typed when it is not a listed one."""
    text = box.currentText().strip()
    index = box.findText(text)
    return str(box.itemData(index)) if index >= 0 else text


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
        _choices(self.industry, INDUSTRIES, self.tr("请选择或填写行业"))
        self.kind = QComboBox(self)
        _choices(self.kind, KINDS_OF_PLACE, self.tr("请选择场所类型"))
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
            (self.tr("行业 *"), self.industry),
            (self.tr("场所类型 *"), self.kind),
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
        self.existing_id: str | None = None
        self.open_existing = QPushButton(self.tr("打开已登记的单位"), self)
        self.open_existing.setVisible(False)
        self.open_existing.clicked.connect(self._open_existing)
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
        layout.addWidget(self.open_existing)
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
        for box, value in ((self.industry, site.industry), (self.kind, site.kind_of_place)):
            index = box.findData(value)
            if index >= 0:
                box.setCurrentIndex(index)
            else:
                box.setCurrentText(value)
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
            "industry": chosen_value(self.industry),
            "kind_of_place": chosen_value(self.kind),
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
                ("industry", self.tr("行业")),
                ("kind_of_place", self.tr("场所类型")),
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
        except DuplicateSiteError as exc:
            self.error.setText(plain_words(exc)[0])
            self.existing_id = exc.existing_id
            self.open_existing.setVisible(True)
            return
        except InvalidValueError as exc:
            self.error.setText(invalid_words(exc))
            return
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        self.state.notify()
        self.accept()

    def _open_existing(self) -> None:
        if self.existing_id is not None:
            self.state.open_site.emit(self.existing_id)
            self.reject()
