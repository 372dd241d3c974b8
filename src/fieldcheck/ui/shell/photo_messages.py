# SPDX-License-Identifier: Apache-2.0
"""Photos the photo service refused: each file and why, in the window's language."""

from __future__ import annotations

import logging
from pathlib import PurePath

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


# Why the photo service refused a file, from the start of its English reason (see
# photos.formats and photos.ingest), in the window's language. First match wins.
PHOTO_REASONS: list[tuple[tuple[str, ...], str]] = [
    (("no such file",), str(QT_TRANSLATE_NOOP("messages", "文件不存在（可能已被移动或删除）"))),
    (("not a regular file",), str(QT_TRANSLATE_NOOP("messages", "这不是一个文件（可能是文件夹）"))),
    (("the file is empty",), str(QT_TRANSLATE_NOOP("messages", "文件是空的（0 字节）"))),
    (
        ("cannot read", "cannot copy", "could not store"),
        str(QT_TRANSLATE_NOOP("messages", "文件无法读取或保存（权限不足或磁盘已满）")),
    ),
    (
        ("the file changed while",),
        str(QT_TRANSLATE_NOOP("messages", "导入时文件被改动了，请再添加一次")),
    ),
    (("it is a pdf",), str(QT_TRANSLATE_NOOP("messages", "这是 PDF 文档，不是照片"))),
    (("it is a zip",), str(QT_TRANSLATE_NOOP("messages", "这是压缩包或 Office 文档，不是照片"))),
    (("it is a text",), str(QT_TRANSLATE_NOOP("messages", "这是文本文件，不是照片"))),
    (("it is a video",), str(QT_TRANSLATE_NOOP("messages", "这是视频文件，不是照片"))),
    (
        ("it is a gif", "it is a bmp", "it is a tiff", "avif"),
        str(QT_TRANSLATE_NOOP("messages", "这种图片格式不支持，请用相机拍的原始照片")),
    ),
    (("it is not an image",), str(QT_TRANSLATE_NOOP("messages", "这不是图片文件"))),
    (
        ("damaged", "not an image"),
        str(QT_TRANSLATE_NOOP("messages", "图片数据已损坏或不完整（可能没有传输完）")),
    ),
    (
        ("decompression bomb", "claims"),
        str(QT_TRANSLATE_NOOP("messages", "图片的尺寸异常（过大或为零），为安全起见没有打开")),
    ),
]


def photo_reason(reason: str) -> str:
    """A refused photo's reason in the window's language."""
    low = reason.lower()
    for starts, text in PHOTO_REASONS:
        if any(word in low for word in starts):
            return _tr(str(text))
    return _tr(str(QT_TRANSLATE_NOOP("messages", "不是可以保存的照片")))


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
        "messages",
        "%1 张照片没有保存，隐患和其余照片已保存：",
    ).replace("%1", str(len(refused)))
    tail = QCoreApplication.translate(
        "messages", "请改用相机拍的原始照片（JPEG、PNG、HEIC、WebP）再添加。"
    )
    box.setText("\n".join([head, *refused_lines(refused), tail]))
    box.setDetailedText(
        "\n".join(f"{getattr(r, 'file', '')}: {getattr(r, 'error', '')}" for r in refused)
    )
    box.open()
    return box
