# SPDX-License-Identifier: Apache-2.0
"""The app, walking a checklist, as a process a test can kill: python walk_child.py HOME.

Opens the main window on HOME as the demo's grid worker 李建国, starts an inspection
at the first 小吃店, answers 合格, 不适用, then 不合格 with the hazard saved, prints
``WALKED <inspection id> <site id>`` and keeps running until it is killed.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from fieldcheck.core.terms import ItemOutcome
from fieldcheck.services.context import open_context
from fieldcheck.services.sites import sites
from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.settings_store import Settings
from fieldcheck.ui.shell.state import AppState


def main(home: str) -> int:
    app = QApplication([])
    ctx = open_context(home)
    me = next(p.id for p in sites.list_people(ctx, "grid") if p.name == "李建国")
    state = AppState(ctx, Settings(person_id=me, jurisdiction="410105001"))
    window = MainWindow(state)
    window.show()
    shop = sites.search_sites(ctx, "小吃店")[0]
    view = window.show_screen("inspection")
    view.begin_at(shop.id)  # type: ignore[attr-defined]
    view.start()  # type: ignore[attr-defined]
    walk = view.walk  # type: ignore[attr-defined]
    walk.mark(ItemOutcome.PASS)
    walk.mark(ItemOutcome.NOT_APPLICABLE)
    walk.mark(ItemOutcome.FAIL)  # opens the prefilled hazard
    walk.dialog.form.place.setText("后厨灶台")
    walk.dialog.save()
    while not walk.recorded:
        app.processEvents()
    print("WALKED", walk.inspection.id, shop.id, flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
