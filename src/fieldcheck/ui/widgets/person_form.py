# SPDX-License-Identifier: Apache-2.0
"""Who I am: pick a registered person or register myself (first run and settings)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from fieldcheck.core.models import Person
from fieldcheck.core.terms import Role
from fieldcheck.services.sites import sites
from fieldcheck.ui.shell.labels import role_label
from fieldcheck.ui.shell.state import AppState

NEW = "__new__"
ROLES = (Role.GRID, Role.ENFORCEMENT, Role.EXPERT, Role.SUPERVISOR)


class PersonForm(QWidget):
    """A person combo with “新用户”; the fields below register a new person."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.people = QComboBox(self)
        self.people.setObjectName("people")
        self.name = QLineEdit(self)
        self.name.setObjectName("personName")
        self.role = QComboBox(self)
        for r in ROLES:
            self.role.addItem(role_label(r), r.value)
        self.unit = QLineEdit(self)
        self.unit.setPlaceholderText(self.tr("如 金水区丰产路街道办事处"))
        self.certificate = QLineEdit(self)
        self.jurisdiction = QLineEdit(self)
        self.jurisdiction.setObjectName("jurisdiction")
        self.jurisdiction.setPlaceholderText(self.tr("网格或乡镇代码，如 410105001"))
        form = QFormLayout(self)
        form.addRow(self.tr("我是"), self.people)
        form.addRow(self.tr("姓名 *"), self.name)
        form.addRow(self.tr("角色"), self.role)
        form.addRow(self.tr("单位"), self.unit)
        form.addRow(self.tr("执法证/检查证号"), self.certificate)
        form.addRow(self.tr("所属网格 *"), self.jurisdiction)
        self.people.currentIndexChanged.connect(lambda _i: self._picked())
        self.reload()

    def reload(self) -> None:
        self.people.blockSignals(True)
        self.people.clear()
        self.people.addItem(self.tr("新用户（在下面填写）"), NEW)
        for p in sites.list_people(self.state.ctx):
            if p.role != Role.SITE_REP:
                self.people.addItem(
                    self.tr("%1（%2）")
                    .replace("%1", p.name)
                    .replace("%2", f"{role_label(p.role)} · {p.unit}"),
                    p.id,
                )
        index = self.people.findData(self.state.settings.person_id)
        self.people.setCurrentIndex(max(0, index))
        self.people.blockSignals(False)
        self._picked()

    def _picked(self) -> None:
        new = self.people.currentData() == NEW
        for w in (self.name, self.role, self.unit, self.certificate):
            w.setEnabled(new)
        if not new:
            p = sites.get_person(self.state.ctx, str(self.people.currentData()))
            self.name.setText(p.name)
            self.role.setCurrentIndex(max(0, self.role.findData(p.role.value)))
            self.unit.setText(p.unit)
            self.certificate.setText(p.certificate_no)
            self.jurisdiction.setText(self.state.settings.jurisdiction or p.jurisdiction)

    def problem(self) -> str:
        """What is missing, in words, or "" when the form can be saved."""
        if self.people.currentData() == NEW and not self.name.text().strip():
            return self.tr("请填写姓名")
        code = self.jurisdiction.text().strip()
        if not code:
            return self.tr("请填写所属网格")
        if not code.isdigit() or len(code) not in (6, 9, 12):
            return self.tr(
                "所属网格代码应为 6 位（县级）、9 位（乡镇街道）或 12 位（村社区）数字，"
                "如 410105001"
            )
        return ""

    def person(self) -> Person:
        """The chosen person, registering the new one first."""
        if self.people.currentData() != NEW:
            return sites.get_person(self.state.ctx, str(self.people.currentData()))
        person = sites.add_person(
            self.state.ctx,
            {
                "name": self.name.text().strip(),
                "role": self.role.currentData(),
                "unit": self.unit.text().strip(),
                "certificate_no": self.certificate.text().strip(),
                "jurisdiction": self.jurisdiction.text().strip(),
            },
            actor_id="first-run",
        )
        self.reload()
        self.people.setCurrentIndex(self.people.findData(person.id))
        return person
