# SPDX-License-Identifier: Apache-2.0
"""今日's 交办任务: the tasks the server gave this grid, overdue ones marked, each done by
opening the inspection it asks for; a 随手拍 task shows the citizen's photos."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPixmap
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core import clock
from fieldcheck.core.tasks import Escalation, Task, TaskState
from fieldcheck.services.context import AppContext
from fieldcheck.services.inspections import tasks
from fieldcheck.ui.inspections.escalation_box import escalation_text
from fieldcheck.ui.shell.labels import OVERDUE_COLOR, date_text

PHOTO_SIZE = 96
SHOWN_ROWS = 5  # the list scrolls past these
FADED = QColor("#6b6b6b")


class TaskBox(QGroupBox):
    """The device's tasks; ``open_task`` carries the chosen task's id."""

    open_task = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("taskBox")
        self.list = QListWidget(self)
        self.list.setObjectName("taskList")
        self.button = QPushButton(self.tr("办理所选任务"), self)
        self.button.setObjectName("openTask")
        self.button.setEnabled(False)
        self.detail = QLabel(self)
        self.detail.setObjectName("taskDetail")
        self.detail.setWordWrap(True)
        self.photos = QHBoxLayout()
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(row)
        layout.addWidget(self.detail)
        layout.addLayout(self.photos)
        self.list.currentItemChanged.connect(lambda cur, _prev: self._select(cur))
        self.list.itemActivated.connect(lambda _i: self._open())
        self.button.clicked.connect(self._open)
        self.shown: list[Task] = []

    def refresh(self) -> None:
        today = clock.today()
        self.shown = tasks.list_tasks(self.ctx)
        escalated: dict[str, list[Escalation]] = {}
        for e in tasks.escalations(self.ctx):  # a task's own, or its hazard's
            escalated.setdefault(e.target_id, []).append(e)
        self.list.clear()
        for t in self.shown:
            state = t.state(today)
            escs = escalated.get(t.id, []) + (escalated.get(t.hazard_id, []) if t.hazard_id else [])
            item = QListWidgetItem(self._line(t, state, escs), self.list)
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            if state is TaskState.OVERDUE:
                item.setForeground(QBrush(OVERDUE_COLOR))
            elif state in (TaskState.DONE, TaskState.INSPECTED):
                item.setForeground(QBrush(FADED))
        rows = max(1, min(self.list.count(), SHOWN_ROWS))
        self.list.setFixedHeight(
            rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth() + 4
        )
        todo, overdue = tasks.count_to_do(self.ctx)
        self.setTitle(
            self.tr("交办任务（%1 项待办，%2 项逾期）")
            .replace("%1", str(todo))
            .replace("%2", str(overdue))
        )
        self.setVisible(bool(self.shown))
        self._select(self.list.currentItem())

    def _line(self, t: Task, state: TaskState, escs: list[Escalation]) -> str:
        where = t.site_name or t.place or "—"
        parts = [
            self.tr("【%1】%2").replace("%1", self.kind_text(t)).replace("%2", where),
            self.tr("期限 %1").replace("%1", date_text(t.deadline)),
            self.state_text(state),
        ]
        parts += [self.escalation_text(e) for e in escs]
        return "  ·  ".join(parts)

    def kind_text(self, t: Task) -> str:
        if t.source == "report":
            return self.tr("随手拍")
        return {
            "inspect": self.tr("检查"),
            "recheck": self.tr("复查"),
            "revisit": self.tr("回头看"),
            "sweep": self.tr("拉网式复查"),
        }.get(t.kind, t.kind)

    def state_text(self, state: TaskState) -> str:
        return {
            TaskState.OPEN: self.tr("待办理"),
            TaskState.OVERDUE: self.tr("已逾期"),
            TaskState.INSPECTED: self.tr("已检查，待同步"),
            TaskState.DONE: self.tr("已完成"),
        }[state]

    def escalation_text(self, e: Escalation) -> str:
        return escalation_text(e)

    def selected(self) -> Task | None:
        item = self.list.currentItem()
        if item is None:
            return None
        tid = str(item.data(Qt.ItemDataRole.UserRole))
        return next((t for t in self.shown if t.id == tid), None)

    def _select(self, item: QListWidgetItem | None) -> None:
        task = self.selected() if item is not None else None
        self.button.setEnabled(task is not None and task.server_status != "done")
        self._show_photos(task)
        if task is None:
            self.detail.clear()
            return
        lines = [task.note] if task.note else []
        hazard = tasks.hazard_of(self.ctx, task)
        if hazard is not None:
            lines.append(self.tr("隐患：%1").replace("%1", hazard.description))
        if task.place and not task.site_id:
            lines.append(self.tr("地点：%1（办理时选择所在单位）").replace("%1", task.place))
        if task.photos:
            lines.append(self.tr("群众照片 %n 张", "", len(task.photos)))
        self.detail.setText("\n".join(lines))

    def _show_photos(self, task: Task | None) -> None:
        while self.photos.count():
            got = self.photos.takeAt(0)
            widget = got.widget() if got is not None else None
            if widget is not None:
                widget.deleteLater()
        if task is None:
            return
        for sha in task.photos:
            label = QLabel(self)
            label.setObjectName("taskPhoto")
            label.setFixedSize(PHOTO_SIZE, PHOTO_SIZE)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            path = tasks.photo_path(self.ctx, sha)
            pixmap = QPixmap(str(path)) if path is not None else QPixmap()
            if pixmap.isNull():
                label.setText(self.tr("照片未到"))
            else:
                label.setPixmap(
                    pixmap.scaled(
                        PHOTO_SIZE,
                        PHOTO_SIZE,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
            self.photos.addWidget(label)
        self.photos.addStretch(1)

    def _open(self) -> None:
        task = self.selected()
        if task is not None and task.server_status != "done":
            self.open_task.emit(task.id)
