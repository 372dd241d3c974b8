# SPDX-License-Identifier: Apache-2.0
"""办理 of a 复查 / 回头看 task: the task's inspection opens at the hazard's site and the
hazard's finding view shows at the step the task asks (回头看 opens its dialog, 复查 offers
验收通过 / 验收不通过 as the view does). Once the hazard has taken a step the inspection is
finished, and the next sync tells the server it did the task (POST /v1/tasks/done)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.tasks import Task, TaskKind
from fieldcheck.services.inspections import tasks
from fieldcheck.ui.findings.finding_dialog import FindingDialog
from fieldcheck.ui.shell.messages import show_error
from fieldcheck.ui.shell.state import AppState


def open_hazard_task(parent: QWidget, state: AppState, task: Task) -> FindingDialog | None:
    """Do a 复查 / 回头看 task at its hazard; None when it is no such task or this device
    does not hold the hazard (the task is then done by an inspection of its site)."""
    found = tasks.hazard_steps(state.ctx, task)
    if found is None:
        return None
    hazard, steps = found
    if not task.inspection_finished:  # once finished, only the hazard is shown again
        try:
            tasks.open_task(
                state.ctx,
                task.id,
                inspector_id=state.actor_id,
                site_id=task.site_id or hazard.site_id,
            )
        except FieldcheckError as exc:
            show_error(parent, exc)
            return None
        state.notify()
    dialog = FindingDialog(state, parent, finding_id=hazard.id)
    dialog.setObjectName("taskHazard")
    dialog.stepped.connect(lambda _f: _finish(dialog, state, task.id))
    dialog.open()
    if steps and task.kind == TaskKind.REVISIT.value:
        dialog.start_action(steps[0])  # one dialog records the 回头看 and what it found
    elif steps:
        dialog.action_buttons[steps[0]].setFocus()
    return dialog


def _finish(parent: QWidget, state: AppState, task_id: str) -> None:
    try:
        done = tasks.finish_hazard_task(state.ctx, task_id, actor_id=state.actor_id)
    except FieldcheckError as exc:
        show_error(parent, exc)
        return
    if done is not None:
        state.notify()
