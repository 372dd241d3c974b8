# SPDX-License-Identifier: Apache-2.0
"""Detail panes follow the selection, after a search and after a tab change."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot
from ui_helpers import person_id

from fieldcheck.core.terms import Role
from fieldcheck.demo.major import DEMO_PASSPHRASE
from fieldcheck.services.inspections import inspections
from fieldcheck.services.major import cosign, major
from fieldcheck.services.major.signoff import Purpose
from fieldcheck.ui.major.expert_view import ExpertView, awaiting_acceptance
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.sites.sites_view import SitesView


def test_sites_pane_follows_a_search_that_leaves_one_row(qtbot: QtBot, state: AppState) -> None:
    view = SitesView(state)
    qtbot.addWidget(view)
    first = view.selected()
    assert first is not None and first.name in view.record.details.text()
    other = next(s for s in view.results[1:] if s.name != first.name)
    view.search.setText(other.name)
    view.refresh()  # what the debounce timer does
    assert [s.id for s in view.results] == [other.id]
    assert other.name in view.record.details.text() and first.name not in view.record.details.text()
    emitted: list[str] = []
    state.start_inspection.connect(emitted.append)
    view.inspect_button.click()
    assert emitted == [other.id]
    # The tabs below belong to the site in the pane, whichever is in front.
    for tab in range(view.record.tabs.count()):
        view.record.tabs.setCurrentIndex(tab)
        assert other.name in view.record.details.text()
    shown = [i.id for i in inspections.inspections_of_site(state.ctx, other.id)]
    listed = [
        str(view.record.history.item(i).data(256)) for i in range(view.record.history.count())
    ]
    assert listed == shown


def test_expert_pane_shows_each_tabs_own_hazard(qtbot: QtBot, state: AppState) -> None:
    ctx = state.ctx
    expert = person_id(ctx, Role.EXPERT)
    queue = major.review_queue(ctx)
    decided = queue[0]
    major.decide(
        ctx,
        decided.finding.id,
        Purpose.CONFIRM,
        expert_id=expert,
        reviewed_sha256=decided.content_sha256,
        comment="",
        passphrase=DEMO_PASSPHRASE,
    )
    assert cosign.awaiting_site(ctx) == [decided.finding.id]
    accept = awaiting_acceptance(ctx)[0].id
    state.settings = replace(state.settings, person_id=expert)
    view = ExpertView(state)
    qtbot.addWidget(view)
    first_in_queue = view.reviews[0].finding
    assert view.shown_id == first_in_queue.id
    assert first_in_queue.description[:20] in view.detail.text()

    view.tabs.setCurrentIndex(1)
    signing = major.review(ctx, decided.finding.id)
    assert view.shown_id == decided.finding.id
    assert signing.site_name in view.detail.text()
    assert signing.finding.description[:20] in view.detail.text()

    view.tabs.setCurrentIndex(2)
    accepting = major.review(ctx, accept)
    assert view.shown_id == accept
    assert accepting.finding.description[:20] in view.detail.text()
    assert view.accept_button.isEnabled()

    view.refresh()  # a refresh keeps the pane on the tab in front
    assert view.shown_id == view.current_finding_id()
    view.tabs.setCurrentIndex(0)
    assert view.shown_id == view.reviews[0].finding.id
