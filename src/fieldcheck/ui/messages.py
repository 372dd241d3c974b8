# SPDX-License-Identifier: Apache-2.0
"""Errors in plain words: what happened and what to do, with the detail underneath."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldcheck.core.errors import (
    CorruptDatabaseError,
    DatabaseTooNewError,
    FieldcheckError,
    FrozenError,
    InvalidValueError,
    NotFoundError,
    ReadOnlyStorageError,
    StorageError,
    StorageFullError,
    TransitionError,
)

log = logging.getLogger(__name__)

# Field names as people know them, for InvalidValueError.
FIELD_NAMES: dict[str, str] = {
    "name": str(QT_TRANSLATE_NOOP("messages", "名称")),
    "uscc": str(QT_TRANSLATE_NOOP("messages", "统一社会信用代码")),
    "address": str(QT_TRANSLATE_NOOP("messages", "地址")),
    "jurisdiction": str(QT_TRANSLATE_NOOP("messages", "所属网格")),
    "description": str(QT_TRANSLATE_NOOP("messages", "隐患描述")),
    "deadline": str(QT_TRANSLATE_NOOP("messages", "整改期限")),
    "reason": str(QT_TRANSLATE_NOOP("messages", "更正原因")),
    "industry": str(QT_TRANSLATE_NOOP("messages", "行业")),
    "role": str(QT_TRANSLATE_NOOP("messages", "角色")),
    "place": str(QT_TRANSLATE_NOOP("messages", "部位")),
    "measures": str(QT_TRANSLATE_NOOP("messages", "整改措施")),
    "status": str(QT_TRANSLATE_NOOP("messages", "状态")),
    "level": str(QT_TRANSLATE_NOOP("messages", "等级")),
    "major_status": str(QT_TRANSLATE_NOOP("messages", "重大隐患确认")),
    "basis": str(QT_TRANSLATE_NOOP("messages", "判定依据")),
    "legal_rep": str(QT_TRANSLATE_NOOP("messages", "法定代表人")),
    "contact_name": str(QT_TRANSLATE_NOOP("messages", "联系人")),
    "contact_phone": str(QT_TRANSLATE_NOOP("messages", "联系电话")),
    "summary": str(QT_TRANSLATE_NOOP("messages", "检查小结")),
    "witness": str(QT_TRANSLATE_NOOP("messages", "见证人")),
    "updated_at": str(QT_TRANSLATE_NOOP("messages", "修改时间")),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def field_label(field: str) -> str:
    """The Chinese (or translated) name of a model field."""
    return _tr(FIELD_NAMES[field]) if field in FIELD_NAMES else field


def plain_words(exc: BaseException) -> tuple[str, str]:
    """(what happened and what to do, technical detail) for an exception."""
    detail = str(exc)
    signing = {  # by name: the window talks to services, not to the signing package
        "WrongPassphraseError": QCoreApplication.translate(
            "messages", "签名密码不对，什么也没有签。请重新输入。"
        ),
        "KeyStateError": QCoreApplication.translate(
            "messages", "您没有可用的签名密钥（未创建、已过期或已吊销）。请在“设置”中创建密钥。"
        ),
        "RoleError": QCoreApplication.translate(
            "messages", "您的角色不能签这一步。请由有权限的人员（如技术专家）操作。"
        ),
        "ContentChangedError": QCoreApplication.translate(
            "messages", "隐患内容在您审核之后被改动过，什么也没有签。请刷新后重新审核。"
        ),
        "SyncSetupError": QCoreApplication.translate(
            "messages", "本机还没有登录同步服务器。请在“设置”中填写服务器地址并登录。"
        ),
    }
    for cls in type(exc).__mro__:
        if cls.__name__ in signing:
            return signing[cls.__name__], detail
    if type(exc).__name__ == "PrintError":
        return _printing(detail), detail
    if type(exc).__name__ == "MissingFieldsError":
        items = "\n· ".join(detail.split("\n  - ")[1:])
        head = QCoreApplication.translate("messages", "文书缺少必填内容，没有出具。请先补全：")
        return f"{head}\n· {items}", detail
    if isinstance(exc, InvalidValueError):
        head = QCoreApplication.translate("messages", "“%1”填写得不对，请改正后再保存。").replace(
            "%1", field_label(exc.field)
        )
    elif isinstance(exc, TransitionError):
        head = QCoreApplication.translate(
            "messages", "这一步现在不能做：隐患当前的状态不允许。请刷新后按可用的按钮操作。"
        )
    elif isinstance(exc, FrozenError):
        head = QCoreApplication.translate(
            "messages", "这条隐患已被文书或签名确认，不能直接修改。请用“更正”生成新版本并写明原因。"
        )
    elif isinstance(exc, NotFoundError):
        head = QCoreApplication.translate(
            "messages", "找不到这条记录，可能已被更正或尚未同步。请刷新后重试。"
        )
    elif isinstance(exc, StorageFullError):
        head = QCoreApplication.translate(
            "messages", "磁盘空间已满，这次没有保存任何内容。请清理磁盘后重试。"
        )
    elif isinstance(exc, ReadOnlyStorageError):
        head = QCoreApplication.translate(
            "messages", "数据文件夹不能写入。请检查文件夹权限，或在设置中换一个数据位置。"
        )
    elif isinstance(exc, DatabaseTooNewError):
        head = QCoreApplication.translate(
            "messages", "数据是由更新版本的 fieldcheck 保存的。请先升级本软件再打开。"
        )
    elif isinstance(exc, CorruptDatabaseError):
        head = QCoreApplication.translate(
            "messages", "数据文件已损坏，无法打开。请不要再写入，联系管理员用备份恢复。"
        )
    elif isinstance(exc, StorageError):
        head = QCoreApplication.translate(
            "messages", "数据无法读取或保存。请重试；若仍失败，请联系管理员。"
        )
    elif isinstance(exc, OSError):
        head = QCoreApplication.translate(
            "messages", "文件无法读取或写入。请检查文件是否存在、是否有权限。"
        )
    else:
        head = QCoreApplication.translate(
            "messages", "出现意外错误，操作没有完成。请重试；若仍出现，请把详细信息发给管理员。"
        )
    return head, detail


def _printing(detail: str) -> str:
    """Why the printer did not print, from the printing service's message."""
    if "no default printer" in detail:
        return QCoreApplication.translate(
            "messages",
            "没有设定默认打印机，文书没有打印。请点“打印…”选择打印机，"
            "或在系统设置中设定默认打印机。PDF 已保存在本机。",
        )
    if "not running" in detail or "not installed" in detail:
        return QCoreApplication.translate(
            "messages",
            "本机的打印服务没有运行，文书没有打印。请启动打印服务或联系管理员；PDF 已保存在本机。",
        )
    if "no printer named" in detail:
        return QCoreApplication.translate(
            "messages", "找不到所选的打印机，文书没有打印。请点“打印…”重新选择打印机。"
        )
    return QCoreApplication.translate(
        "messages",
        "打印机没有接受这份文书。请检查打印机是否开机、有纸，然后重试；PDF 已保存在本机。",
    )


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A dialog with the plain-words message; the detail is one click away."""
    head, detail = plain_words(exc)
    if not isinstance(exc, FieldcheckError):  # a bug, not a user error: keep the trace
        log.error("unexpected error", exc_info=exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("messages", "操作未完成"))
    box.setText(head)
    box.setDetailedText(detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()  # window-modal, never blocks tests or the event loop


def show_refused(parent: QWidget | None, refused: list[object]) -> None:
    """Photos the photo service refused, each with its file and reason."""
    lines = [f"{getattr(r, 'file', '')}: {getattr(r, 'error', '')}" for r in refused]
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("messages", "有照片没有保存"))
    box.setText(
        QCoreApplication.translate(
            "messages",
            "%1 张照片没有保存，其余内容已保存。"
            "请改用相机拍的原始照片（JPEG、PNG、HEIC、WebP）再添加。",
        ).replace("%1", str(len(refused)))
    )
    box.setDetailedText("\n".join(lines))
    box.open()
