# SPDX-License-Identifier: Apache-2.0
"""办理 of a 复查 / 回头看 task leads to its hazard's step in the loop: the task's inspection
opens at the hazard's site, the hazard's finding view shows (a 回头看 opens its dialog), and
the step taken finishes the inspection, which the next sync reports as the task's."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from fieldcheck.core import clock
from fieldcheck.core.loop import Action, Status
from fieldcheck.core.tasks import TaskState
from fieldcheck.core.terms import InspectionKind
from fieldcheck.services.findings import findings, ledger
from fieldcheck.services.inspections import inspections, tasks
from fieldcheck.storage import task_repo
from fieldcheck.ui.findings.action_dialog import ActionDialog
from fieldcheck.ui.inspections.hazard_task import open_hazard_task
from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.shell.today import TodayView

GRID = "410105001"


def _task(state: AppState, kind: str, hazard_id: str, site_id: str) -> None:
    row = {
        "id": f"t-{kind}",
        "kind": kind,
        "grid": GRID,
        "site_id": site_id,
        "site_name": "",
        "hazard_id": hazard_id,
        "deadline": clock.today() + timedelta(days=3),
    }
    with state.ctx.db.transaction() as s:
        task_repo.replace_tasks(s, [row], clock.now())


def _open_hazard(state: AppState, statuses: tuple[str, ...]) -> tuple[str, str]:
    rows = ledger.ledger(state.ctx, ledger.ledger_filter(jurisdiction=GRID, limit=200))
    hit = next(e for e in rows if e.status in statuses and e.level == "general")
    return hit.id, hit.site_id


def test_a_recheck_task_opens_its_hazard_and_its_verification_finishes_it(
    qtbot: QtBot, state: AppState
) -> None:
    hazard_id, site_id = _open_hazard(state, ("assigned", "rectifying"))
    _task(state, "recheck", hazard_id, site_id)
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.do_task("t-recheck")
    dialog = window.task_dialog
    assert dialog is not None and dialog.finding is not None and dialog.finding.id == hazard_id
    assert Action.VERIFY_PASS in dialog.action_buttons  # the step the finding view offers
    assert Action.VERIFY_FAIL in dialog.action_buttons
    task = tasks.get_task(state.ctx, "t-recheck")
    assert task.inspection_id is not None and not task.inspection_finished
    insp = inspections.get_inspection(state.ctx, task.inspection_id)
    assert insp.kind is InspectionKind.REINSPECTION and insp.site_id == site_id
    window.do_task("t-recheck")  # again before the step: the same inspection, not a second
    assert tasks.get_task(state.ctx, "t-recheck").inspection_id == insp.id
    dialog = window.task_dialog
    assert dialog is not None
    dialog.start_action(Action.VERIFY_PASS)
    step = dialog.action_dialog
    assert isinstance(step, ActionDialog)
    step.note.setPlainText("整改到位")
    step.confirm()
    assert findings.get_finding(state.ctx, hazard_id).status is Status.VERIFIED
    done = tasks.get_task(state.ctx, "t-recheck")
    assert done.inspection_finished and done.state(clock.today()) is TaskState.INSPECTED
    finished = inspections.get_inspection(state.ctx, insp.id)
    assert finished.finished_at is not None and "验收通过" in finished.summary
    today = TodayView(state)
    qtbot.addWidget(today)
    assert "已检查，待同步" in today.task_box.list.item(0).text()


def test_a_revisit_task_opens_the_revisit_step_and_an_unstepped_one_stays_open(
    qtbot: QtBot, state: AppState
) -> None:
    hazard_id, site_id = _open_hazard(state, ("assigned", "rectifying"))
    actor = state.actor_id
    findings.transition(state.ctx, hazard_id, Action.VERIFY_PASS, actor_id=actor)
    findings.transition(state.ctx, hazard_id, Action.CLOSE, actor_id=actor)
    _task(state, "revisit", hazard_id, site_id)
    task = tasks.get_task(state.ctx, "t-revisit")
    dialog = open_hazard_task(TodayView(state), state, task)
    assert dialog is not None
    step = dialog.action_dialog
    assert isinstance(step, ActionDialog) and step.action is Action.REVISIT
    opened = tasks.get_task(state.ctx, "t-revisit")
    assert opened.inspection_id is not None
    assert inspections.get_inspection(state.ctx, opened.inspection_id).kind is (
        InspectionKind.REVISIT
    )
    # Closed without recording: nothing done, the inspection stays open to be resumed.
    step.reject()
    assert tasks.finish_hazard_task(state.ctx, "t-revisit", actor_id=actor) is None
    assert not tasks.get_task(state.ctx, "t-revisit").inspection_finished
    dialog.start_action(Action.REVISIT)
    step = dialog.action_dialog
    assert isinstance(step, ActionDialog) and step.outcome is not None
    held = next(b for b in step.outcome.buttons() if b.property("outcome") == "held")
    held.setChecked(True)
    step.confirm()
    assert findings.get_finding(state.ctx, hazard_id).status is Status.CLOSED
    done = tasks.get_task(state.ctx, "t-revisit")
    assert done.inspection_finished
    summary = inspections.get_inspection(state.ctx, opened.inspection_id).summary
    assert "回头看" in summary and "未反弹" in summary


def test_a_task_whose_hazard_is_not_here_opens_an_inspection_of_its_site(
    qtbot: QtBot, state: AppState
) -> None:
    _hazard_id, site_id = _open_hazard(state, ("assigned", "rectifying"))
    _task(state, "recheck", "hz-not-on-this-device", site_id)
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.do_task("t-recheck")
    assert getattr(window, "task_dialog", None) is None
    view = window.views["inspection"]
    assert view.site is not None and view.site.id == site_id  # type: ignore[attr-defined]
