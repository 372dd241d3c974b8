# SPDX-License-Identifier: Apache-2.0
"""今日 lists the grid's 交办 tasks with a count (overdue marked) and escalations; one opens
the inspection it asks for, which records the task; a 随手拍 task shows the citizen's
photos and first asks which site it is."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from fieldcheck.core import clock
from fieldcheck.core.terms import InspectionKind
from fieldcheck.photos.store import BlobStore
from fieldcheck.services.findings import ledger
from fieldcheck.services.inspections import inspections, tasks
from fieldcheck.services.sites import sites
from fieldcheck.storage import task_repo
from fieldcheck.ui.inspections.inspection_view import InspectionView
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.shell.today import TodayView


def _photo(state: AppState) -> str:
    buf = io.BytesIO()
    Image.new("RGB", (120, 80), (200, 40, 40)).save(buf, "JPEG")
    store = BlobStore(state.ctx.home.report_photos)
    src = state.ctx.home.root / "citizen.jpg"
    src.write_bytes(buf.getvalue())
    return store.commit(store.stage(src)).name


def store_tasks(state: AppState) -> dict[str, Any]:
    """Three tasks as a sync stores the server's answer: one overdue and supervised."""
    mine = sites.search_sites(state.ctx, "", jurisdiction="410105001", limit=10)
    [hazard] = ledger.ledger(state.ctx, ledger.ledger_filter(jurisdiction="410105001", limit=1))
    today = clock.today()
    sha = _photo(state)
    rows = [
        {
            "id": "t-overdue",
            "kind": "recheck",
            "grid": "410105001",
            "site_id": hazard.site_id,
            "site_name": hazard.site_name,
            "hazard_id": hazard.id,
            "deadline": today - timedelta(days=2),
            "note": "复查液化气钢瓶防倾倒整改",
            "status": "overdue",
        },
        {
            "id": "t-open",
            "kind": "inspect",
            "grid": "410105001",
            "site_id": mine[1].id,
            "site_name": mine[1].name,
            "deadline": today + timedelta(days=5),
            "note": "检查消防通道",
        },
        {
            "id": "t-report",
            "kind": "inspect",
            "grid": "410105001",
            "place": "金水路12号门前",
            "source": "report",
            "deadline": today + timedelta(days=3),
            "note": "随手拍 门前堆放液化气钢瓶",
            "photos": [sha],
        },
    ]
    with state.ctx.db.transaction() as s:
        task_repo.replace_tasks(s, rows, clock.now())
        task_repo.replace_escalations(
            s,
            [
                {
                    "id": "e1",
                    "target_kind": "task",
                    "target_id": "t-overdue",
                    "hazard_id": "hz-1",
                    "kind": "listed",
                    "level": "county",
                    "level_code": "410105",
                    "leader": "李副县长",
                    "created_at": clock.now(),
                }
            ],
        )
    return {"sites": mine, "photo": sha, "hazard": hazard}


def test_today_counts_the_tasks_marks_overdue_and_opens_one(qtbot: QtBot, state: AppState) -> None:
    world = store_tasks(state)
    view = TodayView(state)
    qtbot.addWidget(view)
    box = view.task_box
    assert not box.isHidden() and box.list.count() == 3
    assert "3 项待办" in box.title() and "1 项逾期" in box.title()
    first = box.list.item(0)
    assert "已逾期" in first.text() and "县级挂牌督办：李副县长" in first.text()
    assert first.foreground().color().name() == "#b3261e"
    assert "已逾期" not in box.list.item(1).text()
    box.list.setCurrentRow(0)
    assert "复查液化气钢瓶" in box.detail.text()
    assert f"隐患：{world['hazard'].description}" in box.detail.text()  # the one to 复查
    with qtbot.waitSignal(state.start_task_inspection) as asked:
        box.button.click()
    assert asked.args == ["t-overdue"]
    insp_view = InspectionView(state)
    qtbot.addWidget(insp_view)
    insp_view.begin_task("t-overdue")
    assert insp_view.site is not None and insp_view.site.id == world["hazard"].site_id
    assert insp_view.kind.currentData() == InspectionKind.REINSPECTION.value
    assert not insp_view.kind.isEnabled()
    insp_view.start()
    assert insp_view.inspection is not None
    assert insp_view.inspection.kind is InspectionKind.REINSPECTION
    assert tasks.work_of(state.ctx, insp_view.inspection.id) == ("t-overdue", None)
    inspections.finish_inspection(state.ctx, insp_view.inspection.id, actor_id=state.actor_id)
    view.refresh()
    assert "已检查，待同步" in view.task_box.list.item(0).text()
    assert "2 项待办" in view.task_box.title() and "0 项逾期" in view.task_box.title()


def test_a_report_task_shows_its_photos_and_asks_for_the_site(
    qtbot: QtBot, state: AppState
) -> None:
    world = store_tasks(state)
    view = TodayView(state)
    qtbot.addWidget(view)
    box = view.task_box
    row = next(i for i in range(box.list.count()) if "随手拍" in box.list.item(i).text())
    box.list.setCurrentRow(row)
    [photo] = [w for w in box.findChildren(QLabel) if w.objectName() == "taskPhoto"]
    assert photo.pixmap() is not None and not photo.pixmap().isNull()
    assert "金水路12号门前" in box.detail.text() and "群众照片 1 张" in box.detail.text()
    insp_view = InspectionView(state)
    qtbot.addWidget(insp_view)
    insp_view.begin_task("t-report")
    assert insp_view.pages.currentIndex() == 0 and not insp_view.task_hint.isHidden()
    assert "金水路12号门前" in insp_view.task_hint.text()
    target = world["sites"][2]
    for i in range(insp_view.site_list.count()):
        if insp_view.site_list.item(i).data(Qt.ItemDataRole.UserRole) == target.id:
            insp_view.site_list.setCurrentRow(i)
    insp_view.choose_site()
    assert insp_view.task is not None and insp_view.task.id == "t-report"
    insp_view.start()
    assert insp_view.inspection is not None and insp_view.inspection.site_id == target.id
    assert tasks.work_of(state.ctx, insp_view.inspection.id) == ("t-report", None)


def test_without_tasks_the_box_is_hidden(qtbot: QtBot, state: AppState) -> None:
    view = TodayView(state)
    qtbot.addWidget(view)
    assert view.task_box.isHidden()


def test_a_hazard_under_listed_supervision_shows_on_today(qtbot: QtBot, state: AppState) -> None:
    world = store_tasks(state)
    hazard = world["hazard"]
    with state.ctx.db.transaction() as s:
        task_repo.replace_escalations(
            s,
            [
                {
                    "id": "e2",
                    "target_kind": "hazard",
                    "target_id": hazard.id,
                    "hazard_id": hazard.id,
                    "kind": "listed",
                    "level": "county",
                    "level_code": "410105",
                    "leader": "王副县长",
                    "leader_post": "副县长",
                    "created_at": clock.now(),
                }
            ],
        )
    view = TodayView(state)
    qtbot.addWidget(view)
    box = view.escalation_box
    assert not box.isHidden() and box.list.count() == 1 and "（1）" in box.title()
    line = box.list.item(0).text()
    assert "县级挂牌督办：王副县长（副县长）" in line and hazard.description[:20] in line
    # The 复查 task of that hazard carries its escalation too.
    assert "县级挂牌督办：王副县长" in view.task_box.list.item(0).text()
    with qtbot.waitSignal(state.open_finding) as opened:
        box.list.itemActivated.emit(box.list.item(0))
    assert opened.args == [hazard.id]


def test_without_hazard_escalations_the_box_is_hidden(qtbot: QtBot, state: AppState) -> None:
    store_tasks(state)  # only a task's escalation
    view = TodayView(state)
    qtbot.addWidget(view)
    assert view.escalation_box.isHidden()
