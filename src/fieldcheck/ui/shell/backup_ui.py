# SPDX-License-Identifier: Apache-2.0
"""备份 and 恢复 from 设置: one file out; back in only after every hash and signature checks.

A restore first unpacks and checks the backup beside the data while the window keeps
working; only a backup that checks out replaces anything, and then the window closes
its data for the moment of the swap and opens the restored data. A backup of another
device's data is refused unless the person says this computer takes over that device.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from fieldcheck.core import clock
from fieldcheck.services.context import open_context
from fieldcheck.services.trust import backup
from fieldcheck.ui.shell.labels import datetime_text
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.ops import run_op
from fieldcheck.ui.shell.state import AppState

SUFFIX = ".fcbackup"


class BackupActions(QObject):
    """The two buttons' work; `note` shows what happened in words."""

    def __init__(self, state: AppState, parent: QWidget, note: Any) -> None:
        super().__init__(parent)
        self.state = state
        self.window = parent
        self.note = note  # a QLabel
        self.op: Any = None
        self.asked_path: str | None = None  # tests set these instead of the file dialogs
        self.asked_answers: list[bool] | None = None

    # -- choosing files and asking ---------------------------------------------------

    def _save_path(self) -> str:
        if self.asked_path is not None:
            return self.asked_path
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"fieldcheck-{clock.now():%Y%m%d-%H%M}{SUFFIX}"
        path, _f = QFileDialog.getSaveFileName(
            self.window,
            self.tr("备份保存到"),
            str(Path(folder) / name),
            self.tr("fieldcheck 备份 (*%1)").replace("%1", SUFFIX),
        )
        return path

    def _open_path(self) -> str:
        if self.asked_path is not None:
            return self.asked_path
        path, _f = QFileDialog.getOpenFileName(
            self.window,
            self.tr("选择备份文件"),
            "",
            self.tr("fieldcheck 备份 (*%1)").replace("%1", SUFFIX),
        )
        return path

    def _ask(self, title: str, text: str, yes: str) -> bool:
        if self.asked_answers is not None:
            return self.asked_answers.pop(0)
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.window)
        go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is go

    # -- backup ----------------------------------------------------------------------

    def create(self) -> Any:
        path = self._save_path()
        if not path:
            return None
        ctx = self.state.ctx
        self.note.setText(self.tr("正在备份…"))
        self.op = run_op(
            self.window,
            lambda _p: backup.create_backup(ctx, path),
            success=self._created,
            failure=self._failed,
        )
        return self.op

    def _created(self, info: backup.BackupInfo) -> None:
        self.note.setText(
            self.tr(
                "已备份到 %1（%n 个文件，含数据库、照片和密钥）。"
                "请把它复制到 U 盘或单位电脑上保存。",
                "",
                info.files,
            ).replace("%1", str(info.path))
        )

    # -- restore ---------------------------------------------------------------------

    def restore(self) -> Any:
        path = self._open_path()
        if not path:
            return None
        try:
            manifest = backup.read_manifest(path)
            mine = backup.device_of_home(self.state.ctx.home.root)
        except backup.BackupError as exc:
            show_error(self.window, exc)
            return None
        theirs = str(manifest.get("device_code", ""))
        when = datetime_text(str(manifest.get("created_at", "")))
        move = mine is not None and theirs != mine
        if move and not self._ask(
            self.tr("这是另一台设备的备份"),
            self.tr(
                "这份备份是设备 %1 的数据（备份于 %2），本机是设备 %3。\n\n"
                "只有换电脑——让本机接替那台设备——时才应恢复它：本机现在的数据会被替换"
                "（另存在数据文件夹里，不会删除），之后本机以设备 %1 的身份工作，"
                "须重新向服务器登记。"
            )
            .replace("%1", theirs)
            .replace("%2", when)
            .replace("%3", mine or ""),
            self.tr("换到本机"),
        ):
            self.note.setText(self.tr("没有恢复，本机数据未改变。"))
            return None
        if not move and not self._ask(
            self.tr("从备份恢复"),
            self.tr(
                "恢复会用 %1 的备份替换本机现在的数据。先核验备份里的每个文件和每个签名，"
                "全部无误才替换；现在的数据另存在数据文件夹里，不会删除。"
            ).replace("%1", when),
            self.tr("核验并恢复"),
        ):
            self.note.setText(self.tr("没有恢复，本机数据未改变。"))
            return None
        root = self.state.ctx.home.root
        self.note.setText(self.tr("正在核验备份（每个文件的哈希和每个签名）…"))
        self.op = run_op(
            self.window,
            lambda _p: backup.check_backup(root, path, move_device=move),
            success=self._checked,
            failure=self._failed,
        )
        return self.op

    def _checked(self, staging: Path) -> None:
        """Everything checked: swap the data in with the store closed for that moment."""
        state = self.state
        root = state.ctx.home.root
        state.ctx.close()
        try:
            backup.install_checked(root, staging)
        finally:
            state.ctx = open_context(root)
        state.notify()
        self.note.setText(
            self.tr(
                "已恢复：每个文件和签名都核验无误。原来的数据另存在数据文件夹的 "
                "before-restore 文件夹里。请重新向服务器登记本机后再出具文书编号。"
            )
        )

    def _failed(self, exc: BaseException) -> None:
        self.note.setText(self.tr("没有完成，本机数据未改变。"))
        show_error(self.window, exc)
