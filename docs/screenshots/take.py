# SPDX-License-Identifier: Apache-2.0
"""Take a screenshot of each main screen over demo data.

fieldcheck --home /tmp/shots demo
Xvfb :99 & DISPLAY=:99 .venv/bin/python docs/screenshots/take.py /tmp/shots [en]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QPoint, Qt, QThreadPool
from PySide6.QtTest import QTest

from fieldcheck.core.models import Role
from fieldcheck.services import sites
from fieldcheck.services.context import open_context
from fieldcheck.ui.main import install_translators, make_app
from fieldcheck.ui.main_window import MainWindow
from fieldcheck.ui.settings_store import Settings
from fieldcheck.ui.state import AppState

OUT = Path(__file__).resolve().parent


def settle(app: object) -> None:
    QThreadPool.globalInstance().waitForDone(20_000)
    for _ in range(5):
        QTest.qWait(60)


def main(home: str, language: str = "zh_CN") -> None:
    app = make_app()
    suffix = "" if language == "zh_CN" else f"_{language}"
    if language != "zh_CN":
        install_translators(app, QLocale(language))
    ctx = open_context(home)
    me = next(p for p in sites.list_people(ctx, Role.GRID.value) if p.name == "李建国")
    state = AppState(ctx, Settings(person_id=me.id, jurisdiction="410105001", unit_prefix="金丰"))
    window = MainWindow(state)
    window.resize(1280, 800)
    window.show()
    settle(app)
    for key in ("today", "sites", "ledger", "expert", "dashboard", "settings"):
        window.show_screen(key)
        settle(app)
        window.grab().save(str(OUT / f"{key}{suffix}.png"))
    shop = sites.search_sites(ctx, "小吃店")[0]
    inspection = window.show_screen("inspection")
    inspection.begin_at(shop.id)  # type: ignore[attr-defined]
    settle(app)
    window.grab().save(str(OUT / f"inspection_checklists{suffix}.png"))
    inspection.start()  # type: ignore[attr-defined]
    walk = inspection.walk  # type: ignore[attr-defined]
    walk.item_list.setFocus()
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_3):
        QTest.keyClick(walk.item_list, key)
    settle(app)
    window.grab().save(str(OUT / f"inspection_walk{suffix}.png"))
    QTest.keyClick(walk.item_list, Qt.Key.Key_2)
    settle(app)
    walk.dialog.grab().save(str(OUT / f"finding_new{suffix}.png"))
    walk.dialog.reject()
    entry = window.views["ledger"].model.entry(0)  # type: ignore[attr-defined]
    window.open_finding(entry.id)
    settle(app)
    from fieldcheck.ui.finding_dialog import FindingDialog

    dialog = next(
        w for w in app.topLevelWidgets() if isinstance(w, FindingDialog) and w.isVisible()
    )
    dialog.grab().save(str(OUT / f"finding_existing{suffix}.png"))
    dialog.reject()
    from fieldcheck.ui.cosign_dialog import CoSignDialog

    cosign = CoSignDialog(state, entry.id, f"{entry.site_name}\n{entry.description}", window)
    cosign.show()
    cosign.rep_name.setText("赵强")
    pad = cosign.pad
    settle(app)
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(60, 90))
    for x in range(70, 420, 12):
        QTest.mouseMove(pad, QPoint(x, 90 + int(25 * ((x // 12) % 3 - 1))))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(420, 95))
    settle(app)
    cosign.grab().save(str(OUT / f"cosign{suffix}.png"))
    cosign.reject()
    window.close()
    ctx.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
