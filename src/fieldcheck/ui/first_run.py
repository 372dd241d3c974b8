# SPDX-License-Identifier: Apache-2.0
"""The first-run wizard: who I am, the numbering prefix, the server, where data lives."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWizard, QWizardPage

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.services.device_settings import DeviceSettings
from fieldcheck.ui.messages import show_error
from fieldcheck.ui.person_form import PersonForm
from fieldcheck.ui.state import AppState


class _WhoPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("您是谁"))
        self.setSubTitle(self.tr("每一条记录都会记下是谁做的。"))
        self.form = PersonForm(wizard.state, self)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.error)

    def validatePage(self) -> bool:
        problem = self.form.problem()
        self.error.setText(problem)
        return not problem


class _UnitPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("文书编号与服务器"))
        self.prefix = QLineEdit(self)
        self.prefix.setObjectName("unitPrefix")
        self.prefix.setPlaceholderText(self.tr("如 金丰（文书编号：金丰隐改〔2026〕第0001号）"))
        self.server = QLineEdit(self)
        self.server.setPlaceholderText("https://…")
        form = QFormLayout(self)
        form.addRow(self.tr("本单位编号前缀"), self.prefix)
        form.addRow(self.tr("同步服务器（可以以后再填）"), self.server)


class _DataPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("数据保存位置"))
        root = wizard.state.ctx.home.root
        text = QLabel(
            self.tr(
                "记录和照片保存在：\n%1\n\n请定期备份这个文件夹。要换位置，启动时加 --home 参数"
                "或设置环境变量 FIELDCHECK_HOME。"
            ).replace("%1", str(root)),
            self,
        )
        text.setWordWrap(True)
        QVBoxLayout(self).addWidget(text)


class FirstRunWizard(QWizard):
    """Three pages; finishing saves the settings (and registers me if I am new)."""

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.setWindowTitle(self.tr("欢迎使用 fieldcheck"))
        self.who = _WhoPage(self)
        self.unit = _UnitPage(self)
        self.addPage(self.who)
        self.addPage(self.unit)
        self.addPage(_DataPage(self))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        device = state.device()
        self.unit.prefix.setText(device.unit_prefix)
        self.unit.server.setText(device.server_url)

    def accept(self) -> None:
        try:
            person = self.who.form.person()
            self.state.save_device(
                DeviceSettings(
                    unit_prefix=self.unit.prefix.text(), server_url=self.unit.server.text()
                ),
                actor_id=person.id,
            )
            self.state.save_settings(
                replace(
                    self.state.settings,
                    person_id=person.id,
                    jurisdiction=self.who.form.jurisdiction.text().strip(),
                )
            )
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        super().accept()
