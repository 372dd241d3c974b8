# SPDX-License-Identifier: Apache-2.0
"""One loop step on a finding: a note, a new deadline where the step needs one, after-photos."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.loop import DEADLINE_ACTIONS, Action
from fieldcheck.core.models import Finding
from fieldcheck.services import findings
from fieldcheck.ui.labels import action_label
from fieldcheck.ui.messages import show_error, show_refused
from fieldcheck.ui.phone_dialog import PhoneCamera
from fieldcheck.ui.photo_area import PhotoArea
from fieldcheck.ui.state import AppState

AFTER_PHOTO_ACTIONS = frozenset({Action.REPORT_RECTIFICATION, Action.FIX_ON_SPOT})


class ActionDialog(QDialog):
    """Confirm one action; on success the finding has moved and `result` holds it."""

    def __init__(
        self, state: AppState, finding: Finding, action: Action, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.finding = finding
        self.action = action
        self.result_finding: Finding | None = None
        self.setWindowTitle(action_label(action))
        self.setMinimumWidth(480)
        form = QFormLayout()
        form.addRow(self.tr("隐患"), QLabel(finding.description[:80], self))
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("actionNote")
        self.note.setFixedHeight(70)
        form.addRow(self.tr("说明"), self.note)
        self.deadline: QDateEdit | None = None
        if action in DEADLINE_ACTIONS:
            self.deadline = QDateEdit(self)
            self.deadline.setCalendarPopup(True)
            self.deadline.setDisplayFormat("yyyy-MM-dd")
            today = clock.today()
            self.deadline.setMinimumDate(QDate(today.year, today.month, today.day))
            start = (
                finding.deadline
                if finding.deadline and finding.deadline >= today
                else today + timedelta(days=7)
            )
            self.deadline.setDate(QDate(start.year, start.month, start.day))
            form.addRow(self.tr("整改期限"), self.deadline)
        self.photos: PhotoArea | None = None
        if action in AFTER_PHOTO_ACTIONS:
            self.photos = PhotoArea(state, self, title=self.tr("整改后照片"))
            PhoneCamera(state, self.photos, "rectification").set_finding(finding.id)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(action_label(action))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if self.photos is not None:
            layout.addWidget(self.photos)
        layout.addWidget(buttons)

    def confirm(self) -> None:
        """Run the step; after-photos are stored first, so the report carries its proof."""
        if self.photos is not None and self.photos.pending:
            self.ok_button.setEnabled(False)
            self.photos.store_pending(self.finding.id, "rectification", self._photos_done)
            return
        self._transition()

    def _photos_done(self, results: list[Any]) -> None:
        self.ok_button.setEnabled(True)
        refused = [r for r in results if not r.ok]
        if refused:
            show_refused(self, refused)
            return
        self._transition()

    def _transition(self) -> None:
        deadline: date | None = None
        if self.deadline is not None:
            value = self.deadline.date().toPython()
            assert isinstance(value, date)
            deadline = value
        try:
            self.result_finding = findings.transition(
                self.state.ctx,
                self.finding.id,
                self.action,
                actor_id=self.state.actor_id,
                note=self.note.toPlainText().strip(),
                deadline=deadline,
            )
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        self.state.notify()
        self.accept()
