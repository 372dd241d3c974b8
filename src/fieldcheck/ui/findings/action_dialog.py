# SPDX-License-Identifier: Apache-2.0
"""One loop step on a finding: a note, a new deadline where the step needs one, after-photos."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.loop import (
    DEADLINE_ACTIONS,
    REVISIT_OUTCOME_ACTION,
    Action,
    RevisitOutcome,
)
from fieldcheck.core.models import Finding
from fieldcheck.services.findings import findings
from fieldcheck.ui.evidence.phone_dialog import PhoneCamera
from fieldcheck.ui.evidence.photo_area import PhotoArea
from fieldcheck.ui.shell.labels import action_label, revisit_outcome_label
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.photo_messages import show_refused
from fieldcheck.ui.shell.state import AppState

AFTER_PHOTO_ACTIONS = frozenset({Action.REPORT_RECTIFICATION, Action.FIX_ON_SPOT})
# 回头看 and its two outcomes: one dialog records what was found, with photos.
REVISIT_ACTIONS = frozenset({Action.REVISIT, *REVISIT_OUTCOME_ACTION.values()})


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
        self.outcome: QButtonGroup | None = None
        if action in REVISIT_ACTIONS:
            self._outcome_row(form)
        self.deadline: QDateEdit | None = None
        if action in DEADLINE_ACTIONS or action in REVISIT_ACTIONS:
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
        self.form = form
        self.photos: PhotoArea | None = None
        self.photo_kind = "revisit" if action in REVISIT_ACTIONS else "rectification"
        if action in AFTER_PHOTO_ACTIONS:
            self.photos = PhotoArea(state, self, title=self.tr("整改后照片"))
        elif action in REVISIT_ACTIONS:
            self.photos = PhotoArea(state, self, title=self.tr("回头看照片"))
        if self.photos is not None:
            PhoneCamera(state, self.photos, self.photo_kind).set_finding(finding.id)
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
        self.irreversible: QCheckBox | None = None
        if action is Action.CLOSE:  # struck off the ledger for good: ask first
            self.irreversible = QCheckBox(
                self.tr(
                    "我确认：销号后这条隐患从台账中移出，不能撤销（之后只能通过回头看重新交办）"
                ),
                self,
            )
            self.ok_button.setEnabled(False)
            self.irreversible.toggled.connect(self.ok_button.setEnabled)
            layout.addWidget(self.irreversible)
        layout.addWidget(buttons)
        if self.outcome is not None:
            self._outcome_chosen()

    def _outcome_row(self, form: QFormLayout) -> None:
        """未反弹 / 反弹, preset when the step itself says which (a 回头看 recorded earlier)."""
        self.outcome = QButtonGroup(self)
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        for outcome in RevisitOutcome:
            radio = QRadioButton(revisit_outcome_label(outcome), row)
            radio.setObjectName(f"revisit_{outcome.value}")
            radio.setChecked(REVISIT_OUTCOME_ACTION[outcome] is self.action)
            self.outcome.addButton(radio)
            radio.setProperty("outcome", outcome.value)
            line.addWidget(radio)
            radio.setEnabled(self.action is Action.REVISIT)
        line.addStretch(1)
        form.addRow(self.tr("回头看结果"), row)
        self.outcome_hint = QLabel(self)
        self.outcome_hint.setWordWrap(True)
        form.addRow("", self.outcome_hint)
        self.outcome.buttonToggled.connect(lambda _b, _on: self._outcome_chosen())

    def chosen_outcome(self) -> RevisitOutcome | None:
        button = self.outcome.checkedButton() if self.outcome is not None else None
        return RevisitOutcome(str(button.property("outcome"))) if button is not None else None

    def _outcome_chosen(self) -> None:
        outcome = self.chosen_outcome()
        rebound = outcome is RevisitOutcome.REBOUND
        if self.deadline is not None:
            self.form.setRowVisible(self.deadline, rebound)
        self.ok_button.setEnabled(outcome is not None)
        self.ok_button.setText(
            self.tr("记录回头看")
            if outcome is None
            else self.tr("记录回头看：%1").replace("%1", revisit_outcome_label(outcome))
        )
        self.outcome_hint.setText(
            self.tr("请选择回头看的结果")
            if outcome is None
            else self.tr("隐患重新出现：重新交办，按新的整改期限整改，之后再验收、销号")
            if rebound
            else self.tr("整改保持良好：隐患仍为已销号")
        )

    def confirm(self) -> None:
        """Run the step; after-photos are stored first, so the report carries its proof."""
        if self.irreversible is not None and not self.irreversible.isChecked():
            return
        if self.photos is not None and self.photos.pending:
            self.ok_button.setEnabled(False)
            self.photos.store_pending(self.finding.id, self.photo_kind, self._photos_done)
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
        outcome = self.chosen_outcome()
        try:
            if outcome is not None:
                self.result_finding = findings.record_revisit(
                    self.state.ctx,
                    self.finding.id,
                    outcome,
                    actor_id=self.state.actor_id,
                    note=self.note.toPlainText().strip(),
                    deadline=deadline if outcome is RevisitOutcome.REBOUND else None,
                )
                self.state.notify()
                self.accept()
                return
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
