# SPDX-License-Identifier: Apache-2.0
"""Screenshots of a half-done inspection: 今日 with 继续检查, then the walk reopened.

fieldcheck --home /tmp/shots demo
Xvfb :99 & DISPLAY=:99 TZ=UTC .venv/bin/python docs/screenshots/take_resume.py /tmp/shots [en]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QThreadPool
from PySide6.QtTest import QTest

from fieldcheck.core.models import ChecklistRef, ItemOutcome, Role
from fieldcheck.services.context import open_context
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import drafts, inspections
from fieldcheck.services.inspections.checklists import load_library
from fieldcheck.services.sites import sites
from fieldcheck.ui.shell.main import install_translators, make_app
from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.settings_store import Settings
from fieldcheck.ui.shell.state import AppState

OUT = Path(__file__).resolve().parent


def settle() -> None:
    QThreadPool.globalInstance().waitForDone(20_000)
    for _ in range(5):
        QTest.qWait(60)


def left_open(ctx: object, me: str) -> None:
    """An inspection a closed window left behind: 4 answers, one hazard."""
    shop = sites.search_sites(ctx, "小吃店")[0]  # type: ignore[arg-type]
    if drafts.open_at_site(ctx, shop.id):  # type: ignore[arg-type]
        return
    checklist = load_library(ctx.home).checklist("jiuxiao-xiaowei-xiaofang")  # type: ignore[attr-defined]
    insp = inspections.start_inspection(
        ctx,  # type: ignore[arg-type]
        site_id=shop.id,
        inspector_ids=[me],
        actor_id=me,
        checklists=[ChecklistRef(checklist_id=checklist.id, version=checklist.version)],
        location=shop.address,
    )
    outcomes = [ItemOutcome.PASS, ItemOutcome.PASS, ItemOutcome.FAIL, ItemOutcome.NOT_APPLICABLE]
    for item, outcome in zip(checklist.items, outcomes, strict=False):
        inspections.record_item_result(
            ctx,  # type: ignore[arg-type]
            inspection_id=insp.id,
            checklist_id=checklist.id,
            item_id=item.id,
            outcome=outcome,
            actor_id=me,
        )
    findings.record_finding(
        ctx,  # type: ignore[arg-type]
        inspection_id=insp.id,
        description=checklist.items[2].finding or checklist.items[2].prompt,
        place="后厨",
        actor_id=me,
    )


def main(home: str, language: str = "zh_CN") -> None:
    app = make_app()
    suffix = "" if language == "zh_CN" else f"_{language}"
    if language != "zh_CN":
        install_translators(app, QLocale(language))
    ctx = open_context(home)
    me = next(p for p in sites.list_people(ctx, Role.GRID.value) if p.name == "李建国")
    left_open(ctx, me.id)
    state = AppState(ctx, Settings(person_id=me.id, jurisdiction="410105001"))
    window = MainWindow(state)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 5000)
    settle()
    today = window.show_screen("today")
    settle()
    window.grab().save(str(OUT / f"today_continue{suffix}.png"))
    today.open_inspections.continue_button.click()  # type: ignore[attr-defined]
    settle()
    window.grab().save(str(OUT / f"walk_resumed{suffix}.png"))
    ctx.close()
    del app


if __name__ == "__main__":
    main(*sys.argv[1:])
