# SPDX-License-Identifier: Apache-2.0
"""Photos the photo service refused: each file and why, in the window's language."""

from __future__ import annotations

import logging
from pathlib import PurePath

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldcheck.photos import refusal_words

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def photo_reason(reason: str) -> str:
    """A refused photo's reason in the window's language."""
    return refusal_words.words(reason, _tr)


def refused_lines(refused: list[object]) -> list[str]:
    """One line per refused photo: its file name and why, in the window's language."""
    lines = []
    for r in refused:
        name = PurePath(str(getattr(r, "file", ""))).name
        lines.append(f"{name}：{photo_reason(str(getattr(r, 'error', '')))}")
    return lines


def show_refused(parent: QWidget | None, refused: list[object]) -> QMessageBox:
    """Photos the photo service refused, each with its file and reason."""
    for r in refused:
        log.warning("photo refused: %s: %s", getattr(r, "file", ""), getattr(r, "error", ""))
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("messages", "有照片没有保存"))
    head = QCoreApplication.translate(
        "messages", "%n 张照片没有保存，隐患和其余照片已保存：", None, len(refused)
    )
    tail = QCoreApplication.translate(
        "messages", "请改用相机拍的原始照片（JPEG、PNG、HEIC、WebP）再添加。"
    )
    box.setText("\n".join([head, *refused_lines(refused), tail]))
    box.setDetailedText(
        "\n".join(f"{getattr(r, 'file', '')}: {getattr(r, 'error', '')}" for r in refused)
    )
    box.open()
    return box
