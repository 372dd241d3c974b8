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
from fieldcheck.services.major import keys
from fieldcheck.signing.keys import MIN_PASSPHRASE_CHARS
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.passphrase import passphrase_field
from fieldcheck.ui.widgets.person_form import NEW, PersonForm


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


class _KeyPage(QWizardPage):
    """The signing key, made now so the first notice can be signed on site."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("签名密码"))
        self.setSubTitle(
            self.tr("文书和确认以您本人的密钥签名。设一个只有您知道的签名密码（至少 8 个字符）。")
        )
        self.first = passphrase_field(self, self.tr("签名密码"))
        self.first.setObjectName("newPassphrase")
        self.second = passphrase_field(self, self.tr("再输入一次"))
        self.second.setObjectName("newPassphraseAgain")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.note)
        form.addRow(self.tr("签名密码"), self.first)
        form.addRow(self.tr("再输入一次"), self.second)
        form.addRow(self.error)

    def initializePage(self) -> None:
        has = self.wizard_.has_key()
        self.note.setText(
            self.tr("您已有签名密钥，可以直接签名；不需要再设。")
            if has
            else self.tr("密码忘记后无法找回，只能作废旧密钥重新设立。请牢记。")
        )
        self.first.setEnabled(not has)
        self.second.setEnabled(not has)

    def problem(self) -> str:
        """What is wrong with the passphrase typed, or "" (also when a key exists)."""
        if self.wizard_.has_key():
            return ""
        first, second = self.first.text(), self.second.text()
        if len(first) < MIN_PASSPHRASE_CHARS:
            return self.tr("签名密码至少 %1 个字符").replace("%1", str(MIN_PASSPHRASE_CHARS))
        if first != second:
            return self.tr("两次输入的签名密码不一样，请重新输入")
        return ""

    def validatePage(self) -> bool:
        problem = self.problem()
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
        from fieldcheck.services.documents.numbering import first_number

        try:
            self.example.setText(first_number(self.ctx, prefix))
        except FieldcheckError:
            self.example.setText("")


class _DataPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("数据保存位置"))
        root = wizard.state.ctx.home.root
        text = QLabel(
            self.tr(
                "记录、照片和签名密钥保存在本机的这个文件夹：\n%1\n\n"
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
    """Four pages; finishing saves the settings, registers me if I am new, makes my key."""

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.setWindowTitle(self.tr("欢迎使用 fieldcheck"))
        self.who = _WhoPage(self)
        self.key = _KeyPage(self)
        self.unit = _UnitPage(self)
        self.addPage(self.who)
        self.addPage(self.key)
        self.addPage(self.unit)
        self.addPage(_DataPage(self))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        device = state.device()
        self.unit.prefix.setText(device.unit_prefix)
        self.unit.server.setText(device.server_url)

    def has_key(self) -> bool:
        """The person chosen on the first page already has a signing key here."""
        chosen = self.who.form.people.currentData()
        if not chosen or chosen == NEW:
            return False
        return keys.current_key(self.state.ctx, str(chosen)) is not None

    def accept(self) -> None:
        problem = self.who.form.problem() or self.key.problem()
        if problem:
            self.key.error.setText(problem)
            show_error(self, FieldcheckError(problem))
            return
        try:
            person = self.who.form.person()
            if keys.current_key(self.state.ctx, person.id) is None:
                keys.enroll_key(
                    self.state.ctx, person.id, self.key.first.text(), actor_id=person.id
                )
            self.key.first.clear()
            self.key.second.clear()
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
