# SPDX-License-Identifier: Apache-2.0
"""The first-run wizard: who I am, the numbering prefix, the server, where data lives."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

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
        self.prefix.setPlaceholderText(self.tr("如 金水"))
        self.example = QLabel(self)
        self.example.setObjectName("numberExample")
        self.example.setWordWrap(True)
        self.server = QLineEdit(self)
        self.server.setPlaceholderText("https://…")
        form = QFormLayout(self)
        form.addRow(self.tr("本单位编号前缀"), self.prefix)
        form.addRow(self.tr("文书编号将是"), self.example)
        form.addRow(self.tr("同步服务器（可以以后再填）"), self.server)
        self.ctx = wizard.state.ctx
        self.prefix.textChanged.connect(self.show_example)
        self.show_example(self.prefix.text())

    def show_example(self, prefix: str) -> None:
        """The number this device will really issue, from the numbering code itself."""
        from fieldcheck.services.notices import example_number

        try:
            self.example.setText(example_number(self.ctx, prefix))
        except FieldcheckError:
            self.example.setText("")


class _DataPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("数据保存位置"))
        root = wizard.state.ctx.home.root
        text = QLabel(
            self.tr(
                "记录和照片保存在本机的这个文件夹：\n%1\n\n"
                "请定期把整个文件夹复制到 U 盘或单位的电脑上备份。"
                "要把数据放到别的磁盘，请联系管理员安装时指定。"
            ).replace("%1", str(root)),
            self,
        )
        text.setWordWrap(True)
        self.open_folder = QPushButton(self.tr("打开数据文件夹"), self)
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(root)))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.open_folder)
        layout.addStretch(1)


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
