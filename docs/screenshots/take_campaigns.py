# SPDX-License-Identifier: Apache-2.0
"""Screenshots of 专项行动 on the device: 今日 with a campaign's sites to visit, then the
checklist step of a 专项检查 opened from it.

fieldcheck --home /tmp/shots demo
Xvfb :99 & DISPLAY=:99 TZ=UTC .venv/bin/python docs/screenshots/take_campaigns.py /tmp/shots [en]

The campaign is stored as a sync would store the server's /v1/campaigns answer.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QLocale, QThreadPool
from PySide6.QtTest import QTest

from fieldcheck.core import clock
from fieldcheck.core.models import Role
from fieldcheck.services.context import open_context
from fieldcheck.services.sites import sites
from fieldcheck.storage import campaign_repo
from fieldcheck.sync.campaign_protocol import CampaignInfo
from fieldcheck.ui.shell.main import install_translators, make_app
from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.settings_store import Settings
from fieldcheck.ui.shell.state import AppState

OUT = Path(__file__).resolve().parent


def settle() -> None:
    QThreadPool.globalInstance().waitForDone(20_000)
    for _ in range(5):
        QTest.qWait(60)


def campaign(ctx: object) -> None:
    mine = sites.search_sites(ctx, "", jurisdiction="410105001", limit=500)  # type: ignore[arg-type]
    today = clock.today()
    info = CampaignInfo(
        id="demo-campaign",
        name="粉尘涉爆和有限空间专项整治",
        jurisdiction="410105",
        starts_on=today,
        ends_on=today + timedelta(days=30),
        checklists=[
            {"id": "fenchen-shebao", "version": "2026.1", "title": "粉尘涉爆企业安全检查表"},
            {"id": "youxian-kongjian", "version": "2026.2", "title": "有限空间作业安全检查表"},
        ],
        site_ids=[s.id for s in mine[:12]],
    )
    with ctx.db.transaction() as s:  # type: ignore[attr-defined]
        campaign_repo.replace_all(s, [info.model_dump()], clock.now())


def main(home: str, language: str = "zh_CN") -> None:
    app = make_app()
    suffix = "" if language == "zh_CN" else f"_{language}"
    if language != "zh_CN":
        install_translators(app, QLocale(language))
    ctx = open_context(home)
    me = next(p for p in sites.list_people(ctx, Role.GRID.value) if p.name == "李建国")
    campaign(ctx)
    state = AppState(ctx, Settings(person_id=me.id, jurisdiction="410105001"))
    window = MainWindow(state)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 5000)
    settle()
    today = window.show_screen("today")
    settle()
    window.grab().save(str(OUT / f"today_campaigns{suffix}.png"))
    today.campaign_list.setCurrentRow(0)  # type: ignore[attr-defined]
    today.campaign_button.click()  # type: ignore[attr-defined]
    settle()
    window.grab().save(str(OUT / f"inspection_campaign{suffix}.png"))
    ctx.close()
    del app


if __name__ == "__main__":
    main(*sys.argv[1:])
