# SPDX-License-Identifier: Apache-2.0
"""The finding editor: fields (``finding_form``), photos; status, history and loop steps."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.loop import Action, Status
from fieldcheck.core.major import MajorStep, allowed_major_steps, finding_actions
from fieldcheck.core.models import Finding, Site
from fieldcheck.core.terms import Level, Role
from fieldcheck.services.findings import changes, findings
from fieldcheck.services.major import workflow
from fieldcheck.services.sites import sites
from fieldcheck.ui.documents.issue_dialog import IssueDialog
from fieldcheck.ui.evidence.phone_dialog import PhoneCamera
from fieldcheck.ui.evidence.photo_area import PhotoArea
from fieldcheck.ui.findings.action_dialog import ActionDialog
from fieldcheck.ui.findings.event_note import event_note
from fieldcheck.ui.findings.finding_form import FindingForm
from fieldcheck.ui.findings.oversight_label import OversightLabel
from fieldcheck.ui.major.accept_dialog import AcceptDialog, needs_expert
from fieldcheck.ui.major.flag_dialog import FlagMajorDialog
from fieldcheck.ui.shell.labels import (
    action_label,
    date_text,
    datetime_text,
    event_label,
    level_words,
    status_label,
)
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.photo_messages import show_refused
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.screen import fit_to_screen

INSPECTORS = frozenset({Role.GRID, Role.ENFORCEMENT})
SETTLED = frozenset(  # accepted, struck off, revisited or withdrawn: nothing left to flag
    s for s in Status if s.value in ("verified", "closed", "revisit", "withdrawn")
)


class FindingDialog(QDialog):
    """New finding (inspection_id + prefill) or an existing one (finding_id)."""

    saved_finding = Signal(object)  # the Finding, as soon as it is saved (photos follow)
    stepped = Signal(object)  # the Finding, after a loop step (验收, 回头看...) moved it

    def __init__(
        self,
        state: AppState,
        parent: QWidget | None = None,
        *,
        finding_id: str | None = None,
        inspection_id: str | None = None,
        prefill: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.inspection_id = inspection_id
        self.finding: Finding | None = None
        self.saved: Finding | None = None
        fit_to_screen(self, 980, 720)
        self.form = FindingForm(self._site, self)
        self.photos = PhotoArea(state, self, title=self.tr("隐患照片"))
        self.phone = PhoneCamera(state, self.photos, "evidence")
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.save_button = QPushButton(self.tr("保存（Ctrl+S）"), self)
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.setDefault(True)
        close = QPushButton(self.tr("关闭"), self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        # On a 1366×768 laptop a major hazard's form (五落实 included) and the photos do not
        # both fit: the form scrolls rather than squeezing its fields to slivers.
        form_area = QScrollArea(self)
        form_area.setObjectName("findingFormArea")
        form_area.setWidget(self.form)
        form_area.setWidgetResizable(True)
        form_area.setFrameShape(QFrame.Shape.NoFrame)
        form_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_area = form_area
        left = QVBoxLayout()
        left.addWidget(form_area, 1)
        left.addWidget(self.photos)
        left.addLayout(bottom)
        self.status = QLabel(self)
        self.status.setObjectName("heading")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # a site's name as typed
        self.status.setWordWrap(True)
        self.history = QListWidget(self)
        self.history.setWordWrap(True)  # a step's note (e.g. what a 回头看 saw) reads in full
        self.history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.action_row = QHBoxLayout()
        self.actions_box = QWidget(self)
        self.actions_box.setLayout(self.action_row)
        self.docs_button = QPushButton(self.tr("出具文书…"), self)
        self.docs_button.setToolTip(self.tr("为这次检查出具检查记录、整改通知书或复查意见书"))
        self.flag_button = QPushButton(self.tr("标记疑似重大隐患…"), self)
        self.flag_button.setToolTip(self.tr("按重大事故隐患判定标准的条款标记，提交专家确认"))
        self.oversight = OversightLabel(self)
        right = QVBoxLayout()
        right.addWidget(self.status)
        right.addWidget(self.oversight)
        right.addWidget(QLabel(self.tr("可做的下一步"), self))
        right.addWidget(self.actions_box)
        docs_row = QHBoxLayout()
        docs_row.addWidget(self.docs_button)
        docs_row.addWidget(self.flag_button)
        right.addLayout(docs_row)
        right.addWidget(QLabel(self.tr("经过"), self))
        right.addWidget(self.history, 1)
        self.right = QWidget(self)
        self.right.setLayout(right)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self.right, 2)
        self.docs_button.clicked.connect(self.issue_document)
        self.flag_button.clicked.connect(self.flag_major)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        self.action_buttons: dict[Action, QPushButton] = {}
        if finding_id:
            self.load(findings.get_finding(state.ctx, finding_id))
        else:
            self.setWindowTitle(self.tr("记录隐患"))
            self.right.setVisible(False)
            self.form.prefill(prefill or {})

    def load(self, finding: Finding) -> None:
        """Show an existing finding with its status, history and the steps allowed now."""
        self.finding = finding
        site = sites.get_site(self.state.ctx, finding.site_id)
        self.setWindowTitle(self.tr("隐患 · %1").replace("%1", site.name))
        self.form.prefill(
            {
                "description": finding.description,
                "place": finding.place,
                "clause_ref": finding.basis.clause_ref,
                "criteria_id": finding.basis.criteria_id,
                "legal_basis": finding.basis.legal_basis,
                "measures": finding.measures,
                "deadline": finding.deadline,
                "suspected_major": finding.level is Level.MAJOR,
                "responsible": finding.responsible,
                "funds": finding.funds,
                "safety_plan": finding.safety_plan,
                "checklist_id": finding.basis.checklist_id,
                "item_id": finding.basis.item_id,
            }
        )
        self.form.ask_reason(findings.is_frozen(self.state.ctx, finding.id))
        self.form.suspected.setEnabled(False)  # after recording, only the expert review changes it
        self.form.suspected.setToolTip(self.tr("记录后，等级由专家审核确认或改判"))
        overdue = finding.overdue(clock.today())
        lines = [
            f"{site.name}",
            status_label(finding.status) + (self.tr(" · 逾期") if overdue else ""),
        ]
        lines += level_words(finding.level, finding.major_status)
        self.status.setText(" · ".join(lines))
        self.history.clear()
        events = findings.history(self.state.ctx, finding.id)
        flaggable = MajorStep.FLAG in allowed_major_steps(
            workflow.state(self.state.ctx, finding.id)
        )
        inspector = (me := self.state.me()) is not None and me.role in INSPECTORS
        # Flagging a suspected major hazard makes sense only while it is still being fixed.
        settled = Status(finding.status) in SETTLED
        self.flag_button.setVisible(flaggable and not settled)
        self.flag_button.setEnabled(inspector)
        self.docs_button.setEnabled(inspector)
        for ev in events:
            what = event_label(str(ev.action))
            extra = f" → {date_text(ev.deadline)}" if ev.deadline else ""
            self.history.addItem(
                f"{datetime_text(ev.at)}  {what}  {status_label(ev.to_status)}{extra}  "
                + event_note(str(ev.action), ev.note)
            )
        for b in self.action_buttons.values():
            b.deleteLater()
        self.action_buttons.clear()
        waits = self.oversight.show_for(self.state.ctx, finding)
        for action in finding_actions(Status(finding.status), finding.major_status, waits):
            button = QPushButton(action_label(action), self.actions_box)
            button.clicked.connect(lambda _c=False, a=action: self.start_action(a))
            self.action_row.addWidget(button)
            self.action_buttons[action] = button
        self.photos.show_stored(finding.id)
        self.phone.set_finding(finding.id)

    def _site(self) -> Site | None:
        """The site this finding is (or will be) about, for ranking clauses."""
        from fieldcheck.services.inspections import inspections

        try:
            if self.finding is not None:
                return sites.get_site(self.state.ctx, self.finding.site_id)
            if self.inspection_id is not None:
                insp = inspections.get_inspection(self.state.ctx, self.inspection_id)
                return sites.get_site(self.state.ctx, insp.site_id)
        except FieldcheckError:
            return None
        return None

    def save(self) -> None:
        values = self.form.values()
        if not values["description"]:
            self.error.setText(self.tr("请填写隐患描述"))
            self.form.description.setFocus()
            return
        try:
            self.saved = self._write(values)
        except FieldcheckError as exc:
            show_error(self, exc)
            return
        self.state.notify()
        self.saved_finding.emit(self.saved)
        self.save_button.setEnabled(False)
        self.photos.store_pending(self.saved.id, "evidence", self._photos_stored)

    def _write(self, values: dict[str, Any]) -> Finding:
        ctx, actor = self.state.ctx, self.state.actor_id
        if self.finding is None:
            assert self.inspection_id is not None
            return findings.record_finding(
                ctx,
                inspection_id=self.inspection_id,
                actor_id=actor,
                suspected_major=self.form.suspected.isChecked(),
                **values,
            )
        return changes.save_changes(
            ctx, self.finding.id, values, actor_id=actor, reason=self.form.reason.text().strip()
        )

    def _photos_stored(self, results: list[Any]) -> None:
        self.save_button.setEnabled(True)
        refused = [r for r in results if not r.ok]
        if results:
            self.state.notify()
        if refused:
            show_refused(self, refused)
            assert self.saved is not None
            self.load(self.saved)  # the finding is saved; show it with what was stored
            return
        self.accept()

    def start_action(self, action: Action) -> None:
        """Open the step's dialog; the editor reloads when the step is done."""
        assert self.finding is not None
        if action is Action.VERIFY_PASS and needs_expert(self.finding):
            self._expert_acceptance()
            return
        self.action_dialog = ActionDialog(self.state, self.finding, action, self)
        self.action_dialog.accepted.connect(self._action_done)
        self.action_dialog.open()

    def _action_done(self) -> None:
        if self.action_dialog.result_finding is not None:
            self.load(self.action_dialog.result_finding)
            self.stepped.emit(self.action_dialog.result_finding)

    def _expert_acceptance(self) -> None:
        """验收 of a confirmed major hazard: the expert signs it; others are told who must."""
        assert self.finding is not None
        # The dialog asks which expert accepts, and that expert's own passphrase.
        self.action_dialog = AcceptDialog(self.state, self.finding.id, self)  # type: ignore[assignment]
        self.action_dialog.accepted.connect(self._action_done)
        self.action_dialog.open()

    def issue_document(self) -> None:
        """出具文书 for the inspection this hazard was found in."""
        assert self.finding is not None
        self.issue_dialog = IssueDialog(self.state, self.finding.inspection_id, self)
        self.issue_dialog.accepted.connect(lambda: self.load(self._reloaded()))
        self.issue_dialog.open()

    def flag_major(self) -> None:
        assert self.finding is not None
        self.flag_dialog = FlagMajorDialog(self.state, self.finding, self)
        self.flag_dialog.accepted.connect(lambda: self.load(self._reloaded()))
        self.flag_dialog.open()

    def _reloaded(self) -> Finding:
        assert self.finding is not None
        return findings.get_finding(self.state.ctx, self.finding.id)
