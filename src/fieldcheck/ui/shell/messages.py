# SPDX-License-Identifier: Apache-2.0
"""Errors in plain words: what happened and what to do, with the detail underneath."""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldcheck.core.errors import (
    FieldcheckError,
    InvalidValueError,
)
from fieldcheck.ui.shell.error_words import field_label, named_words, printing_words, typed_words

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


PHONE_FIELDS = ("contact_phone", "phone")
# A missing document setting names its command (`notice setup`); the window has 设置.
SETUP_HINT = re.compile(r"\s*\(set with: notice setup --[a-z-]+ NAME\)")


def invalid_words(exc: InvalidValueError) -> str:
    """A form's bad field in words; phone numbers say what a good one looks like."""
    if exc.field in PHONE_FIELDS:
        return QCoreApplication.translate(
            "messages", "“%1”不正确：手机号为 11 位；座机要带区号，如 0371-65123456。"
        ).replace("%1", field_label(exc.field))
    return plain_words(exc)[0]


def kind_words(name: str) -> str:
    """The words for an error known only by its class name (a sync report's error_kind)."""
    by_name = named_words()
    return _tr(str(by_name.get(name) or by_name["SyncError"]))


def plain_words(exc: BaseException) -> tuple[str, str]:
    """(what happened and what to do, technical detail) for an exception."""
    detail = str(exc)
    by_name = named_words()
    for cls in type(exc).__mro__:
        if cls.__name__ == "PrintError":
            return printing_words(detail), detail
        if cls.__name__ == "MissingFieldsError":
            where = QCoreApplication.translate("messages", "（在“设置”中填写）")
            items = "\n· ".join(SETUP_HINT.sub(where, item) for item in detail.split("\n  - ")[1:])
            head = QCoreApplication.translate("messages", "文书缺少必填内容，没有出具。请先补全：")
            return f"{head}\n· {items}", detail
        if cls.__name__ in by_name:
            return _tr(str(by_name[cls.__name__])), detail
    head = typed_words(exc) or QCoreApplication.translate(
        "messages", "出现意外错误，操作没有完成。请重试；若仍出现，请把详细信息发给管理员。"
    )
    return head, detail


def _log(exc: BaseException) -> None:
    """The English detail goes to the log; a bug keeps its trace; no field values."""
    if not isinstance(exc, FieldcheckError):
        log.error("unexpected error", exc_info=exc)
    elif isinstance(exc, InvalidValueError):  # the value may be a phone or id number
        log.warning("%s: %s: %s", type(exc).__name__, exc.field, exc.reason)
    else:
        log.warning("%s: %s", type(exc).__name__, exc)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A dialog with the plain-words message; the detail is one click away."""
    head, detail = plain_words(exc)
    _log(exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("messages", "操作未完成"))
    box.setText(head)
    box.setDetailedText(detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()  # window-modal, never blocks tests or the event loop
