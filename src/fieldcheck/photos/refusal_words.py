# SPDX-License-Identifier: Apache-2.0
"""Why a photo was refused, in plain Chinese, from the start of its English reason.

The photo checks (photos.formats, photos.ingest) give their reasons in English for the
log; a person reads these words. The 随手拍 page prints them as they are; the window
passes ``QCoreApplication.translate`` in as ``tr`` (context "messages"):
resources/translations/build.py reads this file beside the window's.
"""

from __future__ import annotations

from collections.abc import Callable


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the mark lupdate reads
    return text


# Why the photo service refused a file, from the start of its English reason (see
# photos.formats and photos.ingest). First match wins.
REASONS: list[tuple[tuple[str, ...], str]] = [
    (("no such file",), QT_TRANSLATE_NOOP("messages", "文件不存在（可能已被移动或删除）")),
    (("not a regular file",), QT_TRANSLATE_NOOP("messages", "这不是一个文件（可能是文件夹）")),
    (("the file is empty",), QT_TRANSLATE_NOOP("messages", "文件是空的（0 字节）")),
    (
        ("cannot read", "cannot copy", "could not store"),
        QT_TRANSLATE_NOOP("messages", "文件无法读取或保存（权限不足或磁盘已满）"),
    ),
    (
        ("the file changed while",),
        QT_TRANSLATE_NOOP("messages", "导入时文件被改动了，请再添加一次"),
    ),
    (("it is a pdf",), QT_TRANSLATE_NOOP("messages", "这是 PDF 文档，不是照片")),
    (("it is a zip",), QT_TRANSLATE_NOOP("messages", "这是压缩包或 Office 文档，不是照片")),
    (("it is a text",), QT_TRANSLATE_NOOP("messages", "这是文本文件，不是照片")),
    (("it is a video",), QT_TRANSLATE_NOOP("messages", "这是视频文件，不是照片")),
    (
        ("it is a gif", "it is a bmp", "it is a tiff", "avif"),
        QT_TRANSLATE_NOOP("messages", "这种图片格式不支持，请用相机拍的原始照片"),
    ),
    (("it is not an image",), QT_TRANSLATE_NOOP("messages", "这不是图片文件")),
    (
        ("damaged", "not an image"),
        QT_TRANSLATE_NOOP("messages", "图片数据已损坏或不完整（可能没有传输完）"),
    ),
    (
        ("decompression bomb", "claims"),
        QT_TRANSLATE_NOOP("messages", "图片的尺寸异常（过大或为零），为安全起见没有打开"),
    ),
]


OTHER = QT_TRANSLATE_NOOP("messages", "不是可以保存的照片")


def words(reason: str, tr: Callable[[str], str] = str) -> str:
    """A refused photo's English reason in plain words (Chinese, or tr's language)."""
    low = reason.lower()
    for starts, text in REASONS:
        if any(word in low for word in starts):
            return tr(text)
    return tr(OTHER)
