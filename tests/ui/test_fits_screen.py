# SPDX-License-Identifier: Apache-2.0
"""At 1280×720 (and 1366×768 under a taskbar) every main action of every screen and dialog
is on screen, unscrolled, in the application's own font and style sheet."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QWidget
from pytestqt.qtbot import QtBot

from fieldcheck.core.terms import Role
from fieldcheck.services.documents import notices
from fieldcheck.services.findings import ledger
from fieldcheck.services.sites import sites
from fieldcheck.ui.shell.main import dress
from fieldcheck.ui.shell.main_window import SCREENS, MainWindow
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets import screen
from fieldcheck.ui.widgets.screen import FRAME, fit_size, fit_to_screen

SMALL = [QRect(0, 0, 1280, 720), QRect(0, 0, 1366, 728)]


def hidden_buttons(top: QWidget) -> list[str]:
    """Visible buttons that are cut off by the window's edge or by an unscrolled view."""
    QApplication.processEvents()
    bad = []
    for button in top.findChildren(QAbstractButton):
        if not button.isVisibleTo(top) or button.width() == 0:
            continue
        rect = QRect(button.mapTo(top, button.rect().topLeft()), button.size())
        clipped = not top.rect().contains(rect)
        parent = button.parentWidget()
        while parent is not None and parent is not top and not clipped:
            if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(button):
                view = parent.viewport()
                inside = QRect(view.mapTo(top, view.rect().topLeft()), view.size())
                clipped = not inside.contains(rect)
            parent = parent.parentWidget()
        if clipped:
            bad.append(button.text() or button.objectName() or type(button).__name__)
    return bad


def fits(top: QWidget, area: QRect) -> None:
    """top, sized for area, is no larger than area and shows all its buttons."""
    limit = fit_size(10_000, 10_000, area)
    assert top.width() <= limit.width() and top.height() <= limit.height(), (
        f"{type(top).__name__} is {top.width()}×{top.height()} on a {area.width()}×"
        f"{area.height()} screen (its layout's minimum is {top.minimumSizeHint().toTuple()})"
    )
    assert hidden_buttons(top) == [], type(top).__name__


def test_a_cut_off_button_is_found(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton, QScrollArea

    top = QWidget()
    qtbot.addWidget(top)
    top.resize(300, 200)
    QPushButton("inside", top).setGeometry(10, 10, 100, 30)
    QPushButton("off the edge", top).setGeometry(250, 180, 100, 30)
    scroll = QScrollArea(top)
    scroll.setGeometry(10, 50, 200, 100)
    inner = QWidget()
    inner.resize(200, 400)
    QPushButton("scrolled away", inner).setGeometry(10, 300, 100, 30)
    scroll.setWidget(inner)
    top.show()
    assert hidden_buttons(top) == ["off the edge", "scrolled away"]


def test_fit_size_keeps_within_the_screen() -> None:
    assert fit_size(1200, 760, QRect(0, 0, 1366, 728)).toTuple() == (1200, 728 - FRAME.height())
    assert fit_size(1200, 760, QRect(0, 0, 1920, 1040)).toTuple() == (1200, 760)


@pytest.fixture
def dressed() -> Iterator[None]:
    """The application's own font (10.5 pt, CJK faces) and style sheet, as the window
    starts with them, restored afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, sheet = app.font(), app.styleSheet()
    dress(app)
    yield
    app.setStyleSheet(sheet)
    app.setFont(font)


@pytest.mark.parametrize("area", SMALL, ids=lambda a: f"{a.width()}x{a.height()}")
def test_every_screen_shows_its_actions(
    qtbot: QtBot, state: AppState, area: QRect, dressed: None
) -> None:
    window = MainWindow(state)
    qtbot.addWidget(window)
    fit_to_screen(window, 1440, 900, area)
    window.show()
    for key, _m, _c in SCREENS:
        if key == "inspection":
            continue  # below, with an inspection under way
        window.show_screen(key)
        fits(window, area)
    shop = sites.search_sites(state.ctx, "小吃店")[0]
    inspection = window.show_screen("inspection")
    inspection.begin_at(shop.id)  # type: ignore[attr-defined]
    fits(window, area)
    inspection.start()  # type: ignore[attr-defined]
    fits(window, area)


@pytest.mark.parametrize("area", SMALL[:1], ids=["1280x720"])
def test_every_dialog_shows_its_actions(
    qtbot: QtBot, state: AppState, area: QRect, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screen, "available_area", lambda _w=None: area)
    from dataclasses import replace

    from fieldcheck.services.findings import findings
    from fieldcheck.ui.documents.document_dialog import DocumentDialog
    from fieldcheck.ui.documents.issue_dialog import IssueDialog
    from fieldcheck.ui.findings.finding_dialog import FindingDialog
    from fieldcheck.ui.major.accept_dialog import AcceptDialog
    from fieldcheck.ui.major.cosign_dialog import CoSignDialog
    from fieldcheck.ui.major.expert_view import awaiting_acceptance
    from fieldcheck.ui.major.flag_dialog import FlagMajorDialog

    ctx = state.ctx
    entry = ledger.ledger(ctx, ledger.ledger_filter(status="found"))[0]
    finding = findings.get_finding(ctx, entry.id)
    order = next(n for n in notices.list_notices(ctx) if n.kind == "rectification")
    expert = next(p for p in sites.list_people(ctx, Role.EXPERT.value))
    made = [
        lambda: FindingDialog(state, finding_id=entry.id),
        lambda: FindingDialog(state, inspection_id=finding.inspection_id, prefill={}),
        lambda: DocumentDialog(state, order.id),
        lambda: IssueDialog(state, finding.inspection_id),
        lambda: FlagMajorDialog(state, finding),
        lambda: CoSignDialog(state, entry.id, entry.description),
    ]
    for make in made:
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()  # at the size it chose for this screen
        fits(dialog, area)
        dialog.reject()
    state.settings = replace(state.settings, person_id=expert.id)
    accept = AcceptDialog(state, awaiting_acceptance(ctx)[0].id)
    qtbot.addWidget(accept)
    accept.show()
    fits(accept, area)


@pytest.mark.parametrize("area", SMALL, ids=lambda a: f"{a.width()}x{a.height()}")
def test_the_expert_page_fits_with_a_hazard_of_many_lines(
    qtbot: QtBot, state: AppState, area: QRect, dressed: None
) -> None:
    """专家审核 showing a suspected major hazard whose text wraps to many lines (the clause,
    五落实, a long place) grew the window to 747 px, past a 1366×768 screen under a taskbar
    (立即同步 off the bottom): the hazard's text scrolls instead."""
    from fieldcheck.services.findings import findings
    from fieldcheck.services.inspections import inspections

    ctx = state.ctx
    assert state.settings.person_id is not None
    shop = sites.search_sites(ctx, "小吃店")[0]
    me = state.settings.person_id
    visit = inspections.start_inspection(ctx, site_id=shop.id, inspector_ids=[me], actor_id=me)
    hazard = findings.record_finding(
        ctx,
        inspection_id=visit.id,
        description="电焊、气焊作业人员未持证上岗，" * 12,
        place="二车间焊接工位二车间东侧气瓶存放区" * 4,
        suspected_major=True,
        measures="立即停止无证人员作业，由持有效证件的人员作业。" * 8,
        responsible="张三（车间主任）",
        actor_id=me,
    )
    window = MainWindow(state)
    qtbot.addWidget(window)
    fit_to_screen(window, 1440, 900, area)
    window.show()
    view = window.show_screen("expert")
    rows = [r.finding.id for r in view.reviews]  # type: ignore[attr-defined]
    view.queue.setCurrentRow(rows.index(hazard.id))  # type: ignore[attr-defined]
    fits(window, area)
