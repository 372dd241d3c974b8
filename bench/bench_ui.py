# SPDX-License-Identifier: Apache-2.0
"""Issue 8 figures: cold start of the window over the demo, and opening a 100k ledger.

ui_cold_start: wall time from process start to the main window shown and idle, with the
demo data, against a bare PySide6 window in a subprocess in the same run.
ui_ledger_open_100k: building the ledger screen (count + first page + view) over 100,000
findings, against loading every row eagerly (what a non-lazy table would do).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_storage import _bulk_ledger
from harness import Result, benchmark, p50_ms

RUNS = 5

BARE = """
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("bare")); w.resize(1200, 760); w.show()
app.processEvents()
print("ready", flush=True)
"""

FIELDCHECK = """
import sys
from fieldcheck.ui.main import make_app
from fieldcheck.services.context import open_context
from fieldcheck.services import sites
from fieldcheck.ui.settings_store import Settings
from fieldcheck.ui.state import AppState
from fieldcheck.ui.main_window import MainWindow
app = make_app()
ctx = open_context(sys.argv[1])
me = sites.list_people(ctx, "grid")[0]
window = MainWindow(AppState(ctx, Settings(person_id=me.id, jurisdiction="410105001")))
window.show()
app.processEvents()
print("ready", flush=True)
"""


def _wall(code: str, *args: str) -> float:
    """Seconds from launching a fresh interpreter to its 'ready' line."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    elapsed = time.perf_counter() - t0
    assert "ready" in out.stdout, out.stderr
    return elapsed


@benchmark("ui_cold_start")
def cold_start() -> list[Result]:
    with tempfile.TemporaryDirectory() as d:
        home = Path(d) / "demo"
        subprocess.run(
            [sys.executable, "-m", "fieldcheck.app", "--home", str(home), "demo"],
            check=True,
            capture_output=True,
        )
        _wall(BARE)  # warm the OS file cache for both
        _wall(FIELDCHECK, str(home))
        bare = statistics.median(_wall(BARE) for _ in range(RUNS))
        ours = statistics.median(_wall(FIELDCHECK, str(home)) for _ in range(RUNS))
    return [
        Result(
            "ui_cold_start",
            round(ours * 1000, 1),
            "ms",
            "bare PySide6 window",
            round(bare * 1000, 1),
            f"median of {RUNS} fresh processes, demo data",
        )
    ]


@benchmark("ui_ledger_open_100k")
def ledger_open() -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from fieldcheck.services import ledger
    from fieldcheck.ui.ledger_view import LedgerView
    from fieldcheck.ui.settings_store import Settings
    from fieldcheck.ui.state import AppState

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as d:
        ctx, _site = _bulk_ledger(Path(d) / "h")
        state = AppState(ctx, Settings(person_id="bench"))
        n = ledger.ledger_size(ctx)

        def open_view() -> None:
            view = LedgerView(state)
            view.resize(1200, 700)
            view.show()
            app.processEvents()
            view.close()
            view.deleteLater()

        lazy = p50_ms(open_view, repeat=9, warmup=2)
        eager = p50_ms(lambda: ledger.ledger(ctx), repeat=3, warmup=1)
        ctx.close()
    return [
        Result(
            "ui_ledger_open_100k",
            round(lazy, 2),
            "ms",
            "eager load of every row",
            round(eager, 2),
            f"{n} findings; goal < 300 ms",
        )
    ]
