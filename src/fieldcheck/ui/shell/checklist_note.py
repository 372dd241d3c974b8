# SPDX-License-Identifier: Apache-2.0
"""A county checklist file with a problem, named in the window's status bar.

The library leaves such a file out and loads the rest (``Library.skipped``); the
bundled checklists stay usable. Instead of a log line only, the window says which file,
where in it and what is wrong, in its language, and lists every problem on 详情.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

if TYPE_CHECKING:
    from fieldcheck.checklists.problems import Problem

_KINDS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^YAML syntax"),
        str(QT_TRANSLATE_NOOP("checklists", "YAML 格式错误（括号、引号或缩进不对）")),
    ),
    (re.compile(r"missing field '([^']+)'"), str(QT_TRANSLATE_NOOP("checklists", "缺少字段“%1”"))),
    (
        re.compile(r"unknown field '([^']+)'"),
        str(QT_TRANSLATE_NOOP("checklists", "未知字段“%1”（可能拼错了）")),
    ),
    (
        re.compile(r"has no clause '([^']+)'"),
        str(QT_TRANSLATE_NOOP("checklists", "引用的条款“%1”不存在")),
    ),
    (re.compile(r"duplicate"), str(QT_TRANSLATE_NOOP("checklists", "编号重复"))),
]
_OTHER = str(QT_TRANSLATE_NOOP("checklists", "内容不符合要求"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("checklists", text)


def what_text(p: Problem) -> str:
    """What is wrong, in the window's language (the checker's own words are in 详情)."""
    for pattern, words in _KINDS:
        found = pattern.search(p.message)
        if found:
            return _tr(words).replace("%1", found.group(1) if found.groups() else "")
    return _tr(_OTHER)


def where_text(p: Problem) -> str:
    """bad.yaml 第 8 行第 1 列 (the file's name; its folder is in the details)."""
    name = Path(p.where).name
    if p.line <= 0:
        return name
    at = QCoreApplication.translate("checklists", "%1 第 %2 行第 %3 列")
    return at.replace("%1", name).replace("%2", str(p.line)).replace("%3", str(p.column))


def problem_line(p: Problem) -> str:
    line = QCoreApplication.translate("checklists", "%1：%2")
    return line.replace("%1", where_text(p)).replace("%2", what_text(p))


class SkippedChecklists(QLabel):
    """已跳过有问题的县检查表 bad.yaml（第 8 行第 1 列：…）; 详情 lists every problem."""

    def __init__(self, skipped: list[Problem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formError")
        self.skipped = sorted(skipped)
        files = sorted({p.where for p in self.skipped})
        first = self.skipped[0]
        head = (
            self.tr("已跳过有问题的县检查表：%1；内置检查表照常可用")
            if len(files) == 1
            else self.tr("%2 个县检查表文件有问题，已跳过（第一个：%1）；内置检查表照常可用")
        )
        head = head.replace("%1", problem_line(first)).replace("%2", str(len(files)))
        self.setTextFormat(Qt.TextFormat.RichText)
        more = self.tr("详情")
        self.setText(f'{html.escape(head)}  <a href="details">{more}</a>')
        self.setToolTip("\n".join(problem_line(p) for p in self.skipped[:20]))
        self.linkActivated.connect(self.show_details)
        self.details: QMessageBox | None = None

    def show_details(self, _link: str = "") -> None:
        lines = [f"{p}\n    {problem_line(p)}" for p in self.skipped[:50]]
        box = QMessageBox(self.window())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("县检查表有问题"))
        box.setText(self.tr("这些文件已跳过，其余检查表照常可用。改正后重新打开程序即可。"))
        box.setDetailedText("\n".join(lines))
        box.setInformativeText("\n".join(problem_line(p) for p in self.skipped[:5]))
        self.details = box
        box.open()
