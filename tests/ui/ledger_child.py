# SPDX-License-Identifier: Apache-2.0
"""The ledger at 1366x768 as a process of its own: python ledger_child.py HOME LANGUAGE.

Its own process so that the fonts it finds are the ones its environment gives (a test
hides the system's with an empty FONTCONFIG_FILE). Prints one JSON line: the viewport's
width, every column's width, and the widest level and status text in the table's font.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLocale, QRect

from fieldcheck.services.context import open_context
from fieldcheck.services.sites import sites
from fieldcheck.ui.findings import ledger_model
from fieldcheck.ui.findings.ledger_view import LedgerView
from fieldcheck.ui.shell.main import install_translators, make_app
from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.settings_store import Settings
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.widgets.screen import fit_to_screen


def main(home: str, language: str) -> int:
    app = make_app()
    install_translators(app, QLocale(language))
    ctx = open_context(home)
    me = next(p.id for p in sites.list_people(ctx, "grid") if p.name == "李建国")
    window = MainWindow(AppState(ctx, Settings(person_id=me, jurisdiction="410105001")))
    fit_to_screen(window, 1440, 900, QRect(0, 0, 1366, 728))
    window.show()
    view = window.show_screen("ledger")
    assert isinstance(view, LedgerView)
    header, metrics = view.table.horizontalHeader(), view.table.fontMetrics()
    levels = [ledger_model.level_text(lv, ms) for lv, ms in ledger_model.LEVEL_CASES]
    statuses = [ledger_model.status_text(s, o) for s, o in ledger_model.STATUS_CASES]
    shown = {
        "families": app.font().families(),
        "viewport": view.table.viewport().width(),
        "sections": [header.sectionSize(c) for c in range(header.count())],
        "deadline_end": header.sectionViewportPosition(7) + header.sectionSize(7),
        "level": max(metrics.horizontalAdvance(t) for t in levels),
        "status": max(metrics.horizontalAdvance(t) for t in statuses),
    }
    print(json.dumps(shown))
    window.close()
    ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
