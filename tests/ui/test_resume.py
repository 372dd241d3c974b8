# SPDX-License-Identifier: Apache-2.0
"""Drafts that survive anything: SIGKILL mid-walk, restart, 继续检查, finish once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from ui_helpers import person_id

from fieldcheck.core.loop import Status
from fieldcheck.core.models import ChecklistRef
from fieldcheck.core.terms import ItemOutcome, Role
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.findings import findings, ledger
from fieldcheck.services.inspections import drafts, inspections
from fieldcheck.services.inspections.checklists import load_library
from fieldcheck.services.sites import sites
from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.settings_store import Settings
from fieldcheck.ui.shell.state import AppState

CHILD = Path(__file__).with_name("walk_child.py")


def _walk_then_kill(home: Path) -> tuple[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(home)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # blocks until the walk is done (or the child died)
        if not line.startswith("WALKED"):
            proc.kill()
            pytest.fail(f"the app did not walk: {line!r} {proc.communicate(timeout=30)[1]}")
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    _tag, inspection_id, site_id = line.split()
    return inspection_id, site_id


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_sigkill_mid_walk_then_resume_and_finish_once(qtbot: QtBot, demo_home: Path) -> None:
    with open_context(demo_home) as ctx:
        before = {i.id for i in inspections.inspections_of_site(ctx, _shop(ctx))}
    inspection_id, site_id = _walk_then_kill(demo_home)

    ctx = open_context(demo_home)  # the restart
    try:
        state = AppState(ctx, Settings(person_id=person_id(ctx, Role.GRID, "李建国")))
        window = MainWindow(state)
        qtbot.addWidget(window)
        today = window.show_screen("today")
        box = today.open_inspections  # type: ignore[attr-defined]
        assert not today.open_box.isHidden()  # type: ignore[attr-defined]
        assert box.list.count() == 1 and box.selected_id() == inspection_id
        assert "已查 3/" in box.list.item(0).text() and "隐患 1 条" in box.list.item(0).text()
        box.continue_button.click()

        view = window.views["inspection"]
        walk = view.walk  # type: ignore[attr-defined]
        assert view.pages.currentIndex() == 2  # type: ignore[attr-defined]
        assert walk.current_index() == 3  # the first unanswered item
        assert len(walk.outcomes) == 3 and walk.found_list.count() == 1
        assert walk.item_list.item(walk.item_list.rows.index(2)).text().startswith("【不合格】")
        while walk.current_index() < len(walk.items) - 1:
            walk.mark(ItemOutcome.PASS)
        walk.mark(ItemOutcome.PASS)
        assert walk.unanswered() == 0
        walk.finish()  # nothing unanswered: no question asked

        done = inspections.get_inspection(ctx, inspection_id)
        assert done.finished_at is not None and "发现隐患 1 项" in done.summary
        after = {i.id for i in inspections.inspections_of_site(ctx, site_id)}
        assert after - before == {inspection_id}  # one inspection, not a second one
        hazards = drafts.current_findings(ctx, inspection_id)
        assert [h.place for h in hazards] == ["后厨灶台"]  # no duplicate finding
        f = ledger.ledger_filter(site_id=site_id, text="后厨灶台")
        assert ledger.ledger_size(ctx, f) == 1
        assert drafts.open_inspections(ctx) == []
        assert findings.get_finding(ctx, hazards[0].id).status is Status.FOUND
    finally:
        ctx.close()


def _shop(ctx: AppContext) -> str:
    return sites.search_sites(ctx, "小吃店")[0].id


def _open_walk(state: AppState) -> tuple[str, str]:
    """An inspection left open with 2 answers and 1 hazard, as a closed window leaves it."""
    ctx = state.ctx
    site_id = _shop(ctx)
    checklist = load_library(ctx.home).checklist("jiuxiao-xiaowei-xiaofang")
    insp = inspections.start_inspection(
        ctx,
        site_id=site_id,
        inspector_ids=[state.actor_id],
        actor_id=state.actor_id,
        checklists=[ChecklistRef(checklist_id=checklist.id, version=checklist.version)],
    )
    draft = drafts.load_draft(ctx, insp.id)
    items = [(c.id, i.id) for c in draft.checklists for i in c.items]
    for (cid, iid), outcome in zip(items, (ItemOutcome.PASS, ItemOutcome.FAIL), strict=False):
        inspections.record_item_result(
            ctx,
            inspection_id=insp.id,
            checklist_id=cid,
            item_id=iid,
            outcome=outcome,
            actor_id=state.actor_id,
        )
    findings.record_finding(
        ctx, inspection_id=insp.id, description="灭火器过期", actor_id=state.actor_id
    )
    return insp.id, site_id


def test_a_new_inspection_at_a_site_with_one_open_offers_to_continue(
    qtbot: QtBot, state: AppState
) -> None:
    from fieldcheck.ui.inspections.inspection_view import InspectionView

    inspection_id, site_id = _open_walk(state)
    view = InspectionView(state)
    qtbot.addWidget(view)
    view.begin_at(site_id)
    box = view.continue_box
    assert box.isVisible() and "未完成的检查" in box.text()
    box.defaultButton().click()  # 继续检查
    assert view.pages.currentIndex() == 2 and view.inspection is not None
    assert view.inspection.id == inspection_id
    assert view.walk.current_index() == 2 and view.walk.found_list.count() == 1


def test_double_click_in_the_site_record_opens_the_open_inspection(
    qtbot: QtBot, state: AppState
) -> None:
    from fieldcheck.ui.sites.sites_view import SitesView

    inspection_id, site_id = _open_walk(state)
    view = SitesView(state)
    qtbot.addWidget(view)
    view.select_site(site_id)
    row = next(
        i
        for i in range(view.record.history.count())
        if view.record.history.item(i).data(256) == inspection_id
    )
    assert "进行中" in view.record.history.item(row).text()
    view.record.history.setCurrentRow(row)
    opened: list[str] = []
    state.resume_inspection.connect(opened.append)
    view.record.history.itemActivated.emit(view.record.history.item(row))
    assert opened == [inspection_id]


def test_an_abandoned_inspection_ends_as_incomplete_with_a_reason(
    qtbot: QtBot, state: AppState
) -> None:
    from fieldcheck.ui.inspections.drafts_ui import OpenInspectionsBox

    inspection_id, _site = _open_walk(state)
    box = OpenInspectionsBox(state)
    qtbot.addWidget(box)
    box.set_items(drafts.open_inspections(state.ctx))
    assert box.selected_id() == inspection_id
    box.end_button.click()
    dialog = box.dialog
    assert not dialog.ok_button.isEnabled()  # no reason, no ending
    dialog.reason.setText("负责人不在场，改日再查")
    dialog.ok_button.click()
    ended = inspections.get_inspection(state.ctx, inspection_id)
    assert ended.finished_at is not None and drafts.is_incomplete(ended)
    assert ended.unfinished_reason == "负责人不在场，改日再查"  # its own field, not the summary
    assert drafts.open_inspections(state.ctx) == []
    assert len(drafts.current_findings(state.ctx, inspection_id)) == 1  # kept
