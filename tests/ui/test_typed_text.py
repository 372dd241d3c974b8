# SPDX-License-Identifier: Apache-2.0
"""What a person typed is shown as typed: a site called 红星<b>五金</b>&amp; keeps its tags.

A QLabel guesses rich text from the text itself, so a name or a description with a tag
in it lost the tag (and an entity turned into its character) in the headings and panes.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from ui_helpers import person_id

from fieldcheck.core.models import Basis
from fieldcheck.core.terms import Role
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites
from fieldcheck.ui.documents.issue_dialog import IssueDialog
from fieldcheck.ui.findings.finding_dialog import FindingDialog
from fieldcheck.ui.inspections.inspection_view import InspectionView
from fieldcheck.ui.major.expert_view import ExpertView
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.sites.site_record import SiteRecord

NAME = "红星五金<b>加工厂</b>&amp; '厂中厂'"
ADDRESS = "丰产路<i>18</i>号"
DESCRIPTION = "配电箱<未接地>，温度>60℃"


def shown(label: QLabel) -> str:
    """The text a person reads on the label."""
    fmt = label.textFormat()
    text = label.text()
    if fmt == Qt.TextFormat.PlainText or (
        fmt == Qt.TextFormat.AutoText and not GuiQt.mightBeRichText(text)
    ):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def _visit(state: AppState) -> tuple[str, str, str]:
    ctx, me = state.ctx, state.actor_id
    site = sites.register_site(
        ctx,
        {"name": NAME, "address": ADDRESS, "jurisdiction": "410105001", "legal_rep": "赵<强>"},
        actor_id=me,
    )
    insp = inspections.start_inspection(ctx, site_id=site.id, inspector_ids=[me], actor_id=me)
    finding = findings.record_finding(
        ctx,
        inspection_id=insp.id,
        description=DESCRIPTION,
        place="二车间<东>",
        basis=Basis(criteria_id="gongmao-2023", clause_ref="第三条第（二）项"),
        suspected_major=True,
        actor_id=me,
    )
    return site.id, insp.id, finding.id


def test_site_record_shows_the_name_and_address_as_typed(qtbot: QtBot, state: AppState) -> None:
    site_id, _insp, _f = _visit(state)
    record = SiteRecord(state)
    qtbot.addWidget(record)
    record.show_site(sites.get_site(state.ctx, site_id))
    text = shown(record.details)
    assert NAME in text and ADDRESS in text and "赵<强>" in text


def test_walk_and_checklist_headings_name_the_site_as_typed(qtbot: QtBot, state: AppState) -> None:
    site_id, _insp, _f = _visit(state)
    view = InspectionView(state)
    qtbot.addWidget(view)
    view.begin_at(site_id)  # the site has an inspection open: continue it or start anew
    box = view.continue_box
    assert shown(box).startswith(NAME)
    box.buttonClicked.emit(next(b for b in box.buttons() if b.text() == "另开新检查"))
    assert NAME in shown(view.checklists.title)
    view.start()
    assert NAME in shown(view.walk.title)


def test_finding_and_issue_dialogs_name_the_site_as_typed(qtbot: QtBot, state: AppState) -> None:
    _site, insp_id, finding_id = _visit(state)
    dialog = FindingDialog(state, finding_id=finding_id)
    qtbot.addWidget(dialog)
    assert shown(dialog.status).startswith(NAME)
    inspections.finish_inspection(state.ctx, insp_id, actor_id=state.actor_id, summary="")
    issue = IssueDialog(state, insp_id)
    qtbot.addWidget(issue)
    headings = [shown(label) for label in issue.findChildren(QLabel)]
    assert any(h.startswith(NAME) for h in headings), headings


def test_expert_pane_shows_the_description_and_place_as_typed(
    qtbot: QtBot, state: AppState
) -> None:
    _site, _insp, finding_id = _visit(state)
    state.settings = replace(state.settings, person_id=person_id(state.ctx, Role.EXPERT))
    view = ExpertView(state)
    qtbot.addWidget(view)
    row = next(i for i, r in enumerate(view.reviews) if r.finding.id == finding_id)
    view.queue.setCurrentRow(row)
    text = shown(view.detail)
    assert NAME in text and DESCRIPTION in text and "二车间<东>" in text


def test_site_sign_dialog_names_the_site_as_typed(qtbot: QtBot, state: AppState) -> None:
    """企业负责人签字 read 红星五金加工厂 with 加工厂 in bold (the row's text as rich text)."""
    from fieldcheck.ui.major.cosign_dialog import CoSignDialog

    _site, _insp, finding_id = _visit(state)
    dialog = CoSignDialog(state, finding_id, f"{NAME}\n{DESCRIPTION}")
    qtbot.addWidget(dialog)
    named = [shown(label) for label in dialog.findChildren(QLabel) if "加工厂" in label.text()]
    assert named == [f"{NAME}\n{DESCRIPTION}"], named
