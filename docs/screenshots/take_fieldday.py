# SPDX-License-Identifier: Apache-2.0
"""Screenshots of issue 13's last steps: 合并重复单位, 备份与恢复 in 设置, 逐条核对同步.

fieldcheck --home /tmp/shots demo
Xvfb :99 & DISPLAY=:99 .venv/bin/python docs/screenshots/take_fieldday.py /tmp/shots [en]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QThreadPool
from PySide6.QtTest import QTest

from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.core.models import Role
from fieldcheck.services.context import open_context
from fieldcheck.services.sites import sites
from fieldcheck.services.sync import pulled
from fieldcheck.storage.sync_apply import apply_record
from fieldcheck.ui.shell.main import install_translators, make_app
from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.settings_store import Settings
from fieldcheck.ui.shell.state import AppState

OUT = Path(__file__).resolve().parent


def settle() -> None:
    QThreadPool.globalInstance().waitForDone(60_000)
    for _ in range(5):
        QTest.qWait(60)


def main(home: str, language: str = "zh_CN") -> None:
    app = make_app()
    suffix = "" if language == "zh_CN" else f"_{language}"
    install_translators(app, QLocale(language))
    ctx = open_context(home)
    me = next(p for p in sites.list_people(ctx, Role.GRID.value) if p.name == "李建国")
    state = AppState(ctx, Settings(person_id=me.id, jurisdiction="410105001"))
    # The same unit as another laptop registered it (same 统一社会信用代码), arrived by sync.
    original = next(s for s in sites.search_sites(ctx, "小吃店") if s.uscc)
    twin = {
        **original.model_dump(mode="json"),
        "id": new_id(),
        "address": "郑州市金水区文化路89号东门",
    }
    with ctx.db.transaction() as s:
        apply_record(s, pulled.decode("site", twin), clock.now())
    window = MainWindow(state)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 5000)
    settle()
    view = window.show_screen("sites")
    view.search.setText(original.uscc or "")  # type: ignore[attr-defined]
    settle()
    view.select_site(original.id)  # type: ignore[attr-defined]
    settle()
    window.grab().save(str(OUT / f"sites_duplicate{suffix}.png"))
    view.merge()  # type: ignore[attr-defined]
    settle()
    view.merge_dialog.grab().save(str(OUT / f"sites_merge{suffix}.png"))  # type: ignore[attr-defined]
    view.merge_dialog.merge()  # type: ignore[attr-defined]
    settle()
    window.grab().save(str(OUT / f"sites_merged{suffix}.png"))
    settings = window.show_screen("settings")
    settings.backups.asked_path = str(Path(home).parent / "shot.fcbackup")  # type: ignore[attr-defined]
    settings.backups.create()  # type: ignore[attr-defined]
    settle()
    window.grab().save(str(OUT / f"settings_backup{suffix}.png"))
    window.show_screen("today")
    settle()
    window.sync_status.show_proof()
    settle()
    window.sync_status.proof.grab().save(str(OUT / f"sync_proof{suffix}.png"))
    window.close()
    ctx.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
