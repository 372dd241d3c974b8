# SPDX-License-Identifier: Apache-2.0
"""今日 lists a running campaign's sites not yet visited; one opens a 专项检查 with the
campaign's checklists ticked, and once inspected the site leaves the list."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from fieldcheck.core import clock
from fieldcheck.core.terms import InspectionKind
from fieldcheck.services.inspections import campaigns, inspections
from fieldcheck.services.sites import sites
from fieldcheck.storage import campaign_repo
from fieldcheck.ui.inspections.inspection_view import InspectionView
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.shell.today import TodayView


def _campaign(state: AppState, n: int) -> list[str]:
    """A campaign the server sent over n sites of the grid, running today."""
    mine = sites.search_sites(state.ctx, "", jurisdiction="410105001", limit=500)[:n]
    today = clock.today()
    with state.ctx.db.transaction() as s:
        campaign_repo.replace_all(
            s,
            [
                {
                    "id": "c1",
                    "name": "粉尘涉爆专项整治",
                    "jurisdiction": "410105",
                    "starts_on": today,
                    "ends_on": today + timedelta(days=30),
                    "checklists": [
                        {"id": "fenchen-shebao", "version": "2026.1", "title": "粉尘涉爆"}
                    ],
                    "site_ids": [x.id for x in mine],
                }
            ],
            clock.now(),
        )
    return [x.id for x in mine]


def test_today_shows_the_campaigns_unvisited_sites_and_starts_one(
    qtbot: QtBot, state: AppState
) -> None:
    ids = _campaign(state, 5)
    [todo] = campaigns.to_do(state.ctx, "410105001")
    view = TodayView(state)
    qtbot.addWidget(view)
    assert not view.campaign_box.isHidden()
    assert view.campaign_list.count() == todo.left > 0
    assert f"（{todo.left}）" in view.campaign_box.title()
    assert "粉尘涉爆专项整治" in view.campaign_summary.text()
    view.campaign_list.setCurrentRow(0)
    cid, sid = view.campaign_list.currentItem().data(0x0100)
    assert cid == "c1" and sid in ids
    with qtbot.waitSignal(state.start_campaign_inspection) as asked:
        view.campaign_button.click()
    assert asked.args == ["c1", sid]
    insp_view = InspectionView(state)
    qtbot.addWidget(insp_view)
    insp_view.begin_at(sid, campaign_id="c1")
    assert insp_view.kind.currentData() == InspectionKind.SPECIAL.value
    ticked = [c.id for c in insp_view.chosen_checklists()]
    assert ticked == ["fenchen-shebao"]
    assert "粉尘涉爆专项整治" in insp_view.checklists.hint.text()
    insp_view.start()
    assert insp_view.inspection is not None
    assert insp_view.inspection.kind is InspectionKind.SPECIAL
    inspections.finish_inspection(state.ctx, insp_view.inspection.id, actor_id=state.actor_id)
    view.refresh()
    assert view.campaign_list.count() == todo.left - 1


def test_without_campaigns_the_box_is_hidden(qtbot: QtBot, state: AppState) -> None:
    view = TodayView(state)
    qtbot.addWidget(view)
    assert view.campaign_box.isHidden()
