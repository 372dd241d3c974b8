# SPDX-License-Identifier: Apache-2.0
"""Screenshots of 交办 on the device: 今日 with the grid's tasks (one overdue under the
county's 挂牌督办, one from a 随手拍 report with the citizen's photo shown) and a hazard
under the city's 督办; then 办理 of the 复查 task, which opens its hazard at its 验收
(today_task_hazard*.png).

fieldcheck --home /tmp/shots demo
Xvfb :99 & DISPLAY=:99 TZ=Asia/Shanghai .venv/bin/python docs/screenshots/take_tasks.py /tmp/shots
DISPLAY=:99 TZ=UTC .venv/bin/python docs/screenshots/take_tasks.py /tmp/shots en

The tasks are stored as a sync stores the server's GET /v1/tasks answer.
"""

from __future__ import annotations

import io
import sys
from datetime import timedelta
from pathlib import Path

from PIL import Image, ImageDraw
from PySide6.QtCore import QLocale
from PySide6.QtTest import QTest

from fieldcheck.core import clock
from fieldcheck.core.models import Role
from fieldcheck.photos.store import BlobStore
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.findings import ledger
from fieldcheck.services.sites import sites
from fieldcheck.storage import task_repo
from fieldcheck.sync.task_protocol import EscalationInfo, TaskInfo
from fieldcheck.ui.shell.main import install_translators, make_app
from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.settings_store import Settings
from fieldcheck.ui.shell.state import AppState

sys.path.insert(0, str(Path(__file__).resolve().parent))
from take_campaigns import settle

OUT = Path(__file__).resolve().parent


def citizen_photo(ctx: AppContext) -> str:
    """A stand-in for a citizen's phone photo: gas cylinders left by a doorway."""
    img = Image.new("RGB", (640, 480), (186, 196, 205))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 330, 640, 480), fill=(120, 110, 100))
    draw.rectangle((420, 60, 600, 360), fill=(90, 70, 50))
    for x in (90, 190, 290):
        draw.rounded_rectangle((x, 180, x + 80, 390), 24, fill=(40, 110, 180))
        draw.rectangle((x + 30, 160, x + 50, 185), fill=(60, 60, 60))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=88)
    src = ctx.home.root / "citizen_report.jpg"
    src.write_bytes(buf.getvalue())
    store = BlobStore(ctx.home.report_photos)
    return store.commit(store.stage(src)).name


def store_tasks(ctx: AppContext) -> None:
    mine = sites.search_sites(ctx, "", jurisdiction="410105001", limit=10)
    today, now = clock.today(), clock.now()
    open_ones = ledger.ledger(ctx, ledger.ledger_filter(jurisdiction="410105001", limit=200))
    hazard = next(e for e in open_ones if e.status in ("assigned", "rectifying"))
    other = next(e for e in open_ones if e.id != hazard.id)
    rows = [
        TaskInfo(
            id="demo-task-1",
            kind="recheck",
            grid="410105001",
            site_id=hazard.site_id,
            site_name=hazard.site_name,
            hazard_id=hazard.id,
            deadline=today - timedelta(days=2),
            note="复查后厨液化气钢瓶防倾倒整改情况",
            status="overdue",
            assigned_by="county",
            assigned_at=now - timedelta(days=9),
        ),
        TaskInfo(
            id="demo-task-2",
            kind="sweep",
            grid="410105001",
            site_id=mine[1].id,
            site_name=mine[1].name,
            deadline=today + timedelta(days=6),
            note="拉网式复查：同类餐饮单位燃气使用",
            assigned_by="town",
            assigned_at=now - timedelta(days=1),
        ),
        TaskInfo(
            id="demo-task-3",
            kind="inspect",
            grid="410105001",
            place="金水路12号门前",
            source="report",
            deadline=today + timedelta(days=3),
            note="随手拍 门前人行道堆放液化气钢瓶",
            photos=[citizen_photo(ctx)],
            assigned_by="town",
            assigned_at=now,
        ),
    ]
    esc = EscalationInfo(
        id="demo-esc",
        target_kind="task",
        target_id="demo-task-1",
        hazard_id=hazard.id,
        kind="listed",
        level="county",
        level_code="410105",
        leader="李副县长",
        leader_post="分管安全生产",
        created_at=now,
    )
    on_hazard = EscalationInfo(
        id="demo-esc-2",
        target_kind="hazard",
        target_id=other.id,
        hazard_id=other.id,
        kind="supervise",
        level="city",
        level_code="4101",
        leader="赵副市长",
        leader_post="分管应急管理",
        created_at=now,
    )
    with ctx.db.transaction() as s:
        task_repo.replace_tasks(s, [r.model_dump() for r in rows], now)
        task_repo.replace_escalations(s, [esc.model_dump(), on_hazard.model_dump()])


def main(home: str, language: str = "zh_CN") -> None:
    app = make_app()
    suffix = "" if language == "zh_CN" else f"_{language}"
    if language != "zh_CN":
        install_translators(app, QLocale(language))
    ctx = open_context(home)
    me = next(p for p in sites.list_people(ctx, Role.GRID.value) if p.name == "李建国")
    store_tasks(ctx)
    state = AppState(ctx, Settings(person_id=me.id, jurisdiction="410105001"))
    window = MainWindow(state)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 5000)
    settle()
    today = window.show_screen("today")
    settle()
    box = today.task_box  # type: ignore[attr-defined]
    report = next(i for i, t in enumerate(box.shown) if t.source == "report")
    box.list.setCurrentRow(report)  # the citizen's photo shows
    settle()
    window.grab().save(str(OUT / f"today_tasks{suffix}.png"))
    window.do_task("demo-task-1")  # 办理 the 复查: its hazard at its 验收
    settle()
    window.task_dialog.grab().save(str(OUT / f"today_task_hazard{suffix}.png"))  # type: ignore[union-attr]
    ctx.close()
    del app


if __name__ == "__main__":
    main(*sys.argv[1:])
