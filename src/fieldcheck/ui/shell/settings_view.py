# SPDX-License-Identifier: Apache-2.0
"""设置: who I am and my key, the numbering prefix, the server and login, language, data."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core import timefmt
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.services import device_settings
from fieldcheck.services.device_settings import DeviceSettings
from fieldcheck.services.documents import doc_settings
from fieldcheck.services.major import keys
from fieldcheck.ui.shell.backup_ui import BackupActions
from fieldcheck.ui.shell.labels import date_text
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.ops import run_op
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.passphrase import passphrase_field
from fieldcheck.ui.widgets.person_form import PersonForm

# Document settings named in the notices (`notice setup` on the command line).
BODIES = ("escalate_to", "appeal_government", "appeal_department", "appeal_court")


class SettingsView(QWidget):
    """Each group saves on its own button, so nothing half-typed is stored."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.person = PersonForm(state, self)
        self.prefix = QLineEdit(self)
        self.server = QLineEdit(self)
        self.language = QComboBox(self)
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.time_zone = QComboBox(self)
        self.time_zone.setObjectName("timeZone")
        for name in timefmt.ZONES:
            self.time_zone.addItem(name, name)
        self.save_button = QPushButton(self.tr("保存设置"), self)
        self.saved = QLabel(self)
        general = QGroupBox(self.tr("使用人与单位"), self)
        gl = QVBoxLayout(general)
        gl.addWidget(self.person)
        form = QFormLayout()
        form.addRow(self.tr("本单位编号前缀"), self.prefix)
        form.addRow(self.tr("同步服务器"), self.server)
        form.addRow(self.tr("界面语言（重启后生效）"), self.language)
        form.addRow(self.tr("本机时区（所有时间按此显示）"), self.time_zone)
        gl.addLayout(form)
        # The bodies the documents name: a notice cannot be issued without them.
        self.bodies = {key: QLineEdit(self) for key in BODIES}
        self.bodies["escalate_to"].setPlaceholderText(self.tr("如 郑州市金水区应急管理局"))
        bodies = QFormLayout()
        bodies.addRow(self.tr("逾期上报机关（整改通知书）"), self.bodies["escalate_to"])
        bodies.addRow(self.tr("行政复议机关（人民政府）"), self.bodies["appeal_government"])
        bodies.addRow(self.tr("行政复议机关（上级部门）"), self.bodies["appeal_department"])
        bodies.addRow(self.tr("行政诉讼法院"), self.bodies["appeal_court"])
        gl.addLayout(bodies)
        row = QHBoxLayout()
        row.addWidget(self.saved, 1)
        row.addWidget(self.save_button)
        gl.addLayout(row)
        self.key_state = QLabel(self)
        self.key_state.setWordWrap(True)
        self.new_pass = passphrase_field(self, self.tr("新签名密码（至少 8 位）"))
        self.new_pass2 = passphrase_field(self, self.tr("再输入一次"))
        self.enroll_button = QPushButton(self.tr("创建签名密钥"), self)
        key_box = QGroupBox(self.tr("我的签名密钥"), self)
        kl = QFormLayout(key_box)
        kl.addRow(self.key_state)
        kl.addRow(self.tr("签名密码"), self.new_pass)
        kl.addRow(self.tr("确认密码"), self.new_pass2)
        kl.addRow(self.enroll_button)
        self.login_button = QPushButton(self.tr("用凭证文件登录服务器…"), self)
        self.data_label = QLabel(str(state.ctx.home.root), self)
        self.data_label.setWordWrap(True)
        open_data = QPushButton(self.tr("打开数据文件夹"), self)
        self.conflicts_button = QPushButton(self.tr("查看同步冲突…"), self)
        data_box = QGroupBox(self.tr("同步与数据"), self)
        dl = QFormLayout(data_box)
        dl.addRow(self.tr("登录"), self.login_button)
        dl.addRow(self.tr("冲突"), self.conflicts_button)
        dl.addRow(self.tr("数据位置"), self.data_label)
        dl.addRow(open_data)
        self.backup_button = QPushButton(self.tr("备份到文件…"), self)
        self.backup_button.setObjectName("backupCreate")
        self.restore_button = QPushButton(self.tr("从备份恢复…"), self)
        self.restore_button.setObjectName("backupRestore")
        self.backup_note = QLabel(self)
        self.backup_note.setObjectName("backupNote")
        self.backup_note.setWordWrap(True)
        backups = QHBoxLayout()
        backups.addWidget(self.backup_button)
        backups.addWidget(self.restore_button)
        dl.addRow(self.tr("备份"), backups)
        dl.addRow(self.backup_note)
        self.backups = BackupActions(state, self, self.backup_note)
        self.backup_button.clicked.connect(self.backups.create)
        self.restore_button.clicked.connect(self.backups.restore)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(general, 3)
        side = QVBoxLayout()
        side.addWidget(key_box)
        side.addWidget(data_box)
        side.addStretch(1)
        top.addLayout(side, 2)
        layout.addLayout(top)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.enroll_button.clicked.connect(self.enroll)
        self.login_button.clicked.connect(self.login)
        self.conflicts_button.clicked.connect(self.show_conflicts)
        open_data.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(state.ctx.home.root)))
        )
        self.refresh()

    def refresh(self) -> None:
        s = self.state.settings
        self.person.reload()
        device = self.state.device()
        self.prefix.setText(device.unit_prefix)
        self.server.setText(device.server_url)
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        zone = device_settings.time_zone(self.state.ctx)
        self.time_zone.setCurrentIndex(max(0, self.time_zone.findData(zone)))
        documents = doc_settings.current(self.state.ctx)
        for key, field in self.bodies.items():
            field.setText(documents.get(key, ""))
        me = self.state.me()
        info = keys.current_key(self.state.ctx, me.id) if me else None
        if me is None:
            self.key_state.setText(self.tr("请先保存使用人。"))
        elif info is None:
            self.key_state.setText(self.tr("还没有签名密钥。确认重大隐患、企业签字都需要它。"))
        else:
            expires = date_text(info.expires_at, blank="—")
            self.key_state.setText(
                self.tr("已有密钥（指纹 %1），有效期至 %2。")
                .replace("%1", info.fingerprint)
                .replace("%2", expires)
            )
        self.enroll_button.setEnabled(me is not None and info is None)

    def save(self) -> None:
        problem = self.person.problem()
        if problem:
            self.saved.setText(problem)
            return
        try:
            person = self.person.person()
            self.state.save_device(
                DeviceSettings(unit_prefix=self.prefix.text(), server_url=self.server.text()),
                actor_id=person.id,
            )
            device_settings.set_time_zone(
                self.state.ctx, str(self.time_zone.currentData()), actor_id=person.id
            )
            documents = doc_settings.current(self.state.ctx)
            changed = {
                key: text
                for key, field in self.bodies.items()
                if (text := field.text().strip()) != documents.get(key, "")
            }
            if changed:
                doc_settings.configure(self.state.ctx, changed, actor_id=person.id)
            self.state.save_settings(
                replace(
                    self.state.settings,
                    person_id=person.id,
                    jurisdiction=self.person.jurisdiction.text().strip(),
                    language=str(self.language.currentData()),
                )
            )
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        self.saved.setText(self.tr("已保存"))

    def enroll(self) -> None:
        if self.new_pass.text() != self.new_pass2.text():
            self.key_state.setText(self.tr("两次输入的密码不一样，请重新输入。"))
            return
        ctx, pid, passphrase = self.state.ctx, self.state.actor_id, self.new_pass.text()
        self.new_pass.clear()
        self.new_pass2.clear()
        self.enroll_button.setEnabled(False)
        self.key_state.setText(self.tr("正在创建密钥…"))
        # Sealing the key is deliberately slow (scrypt): off the UI thread.
        self.op = run_op(
            self,
            lambda _p: keys.enroll_key(ctx, pid, passphrase),
            success=lambda _info: self.refresh(),
            failure=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        self.refresh()
        show_error(self, exc)

    def show_conflicts(self) -> None:
        from fieldcheck.ui.sync.conflicts_dialog import ConflictsDialog

        self.conflicts = ConflictsDialog(self.state, self)
        self.conflicts.open()

    def login(self) -> None:
        url = self.server.text().strip()
        path, _f = QFileDialog.getOpenFileName(self, self.tr("选择服务器发给您的凭证文件"))
        if not path:
            return
        from fieldcheck.services.sync import sync

        ctx = self.state.ctx
        token = Path(path).read_text(encoding="utf-8")
        self.op = run_op(
            self,
            lambda _p: sync.login(ctx, url, token),
            success=lambda _i: self.saved.setText(self.tr("已登录服务器")),
        )
