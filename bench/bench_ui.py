# SPDX-License-Identifier: Apache-2.0
"""Issue 8 figures: cold start of the window over the demo, and opening a 100k ledger.

ui_cold_start: wall time from launching a fresh interpreter until the main window is
interactive: it has painted and the event loop has dispatched a key press posted to it
after that first paint. Against a bare PySide6 window measured the same way in the same
run. The data opens behind the window (ui.startup); the note gives the second figure, the
time until the Today view shows the demo counts, and the longest gap of a 10 ms UI timer
while the data was opening (how responsive the window stays meanwhile).
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

# Prints "interactive" once the window has painted and then handled a posted key press.
PROBE = """
import time
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent

class Probe(QObject):
    painted = interactive = False
    gaps = [0.0]
    last = 0.0
    def eventFilter(self, obj, ev):
        if obj is w and ev.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
            QCoreApplication.postEvent(w, key)
        elif obj is w and ev.type() == QEvent.Type.KeyPress and not self.interactive:
            self.interactive = True
            print("interactive", flush=True)
            done()
        return False
    def tick(self):
        now = time.perf_counter()
        if self.last:
            self.gaps.append(now - self.last)
        self.last = now

probe = Probe()
app.installEventFilter(probe)
ticker = QTimer()
ticker.timeout.connect(probe.tick)
ticker.start(10)
"""

BARE = (
    """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("bare")); w.resize(1200, 760); w.show()
done = app.quit
"""
    + PROBE
    + "app.exec()\n"
)

FIELDCHECK = (
    """
import sys
from PySide6.QtWidgets import QApplication
from fieldcheck.ui.shell.main import start
startup = start(sys.argv[1])
app, w = QApplication.instance(), startup.window

def done():
    if w.ready and probe.interactive:
        app.quit()

def loaded():
    today = w.views["today"]
    print("loaded", today.tile_sites.count, today.tile_overdue.count, flush=True)
    print("stall", round(max(probe.gaps) * 1000, 1), flush=True)
    done()

w.opened.connect(loaded)
"""
    + PROBE
    + "app.exec()\nstartup.close()\n"
)


def _launch(code: str, *args: str) -> dict[str, tuple[float, str]]:
    """Seconds from launching a fresh interpreter to each line it prints, by first word."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    seen: dict[str, tuple[float, str]] = {}
    for line in proc.stdout:
        word, _, rest = line.strip().partition(" ")
        seen.setdefault(word, (time.perf_counter() - t0, rest))
    if proc.wait(timeout=60) != 0 or "interactive" not in seen:
        raise RuntimeError(f"cold start probe failed (exit {proc.returncode}): {seen}")
    return seen


def _demo_home(root: Path) -> Path:
    """The demo data, with the settings of its first grid worker (no first-run wizard)."""
    from fieldcheck.services.context import open_context
    from fieldcheck.services.sites import sites
    from fieldcheck.ui.shell.settings_store import Settings, save_settings

    home = root / "demo"
    subprocess.run(
        [sys.executable, "-m", "fieldcheck.app", "--home", str(home), "demo"],
        check=True,
        capture_output=True,
    )
    with open_context(home) as ctx:
        me = sites.list_people(ctx, "grid")[0]
        save_settings(ctx.home.settings, Settings(person_id=me.id, jurisdiction="410105001"))
    return home


@benchmark("ui_cold_start")
def cold_start() -> list[Result]:
    with tempfile.TemporaryDirectory() as d:
        home = _demo_home(Path(d))
        _launch(BARE)  # warm the OS file cache for both
        _launch(FIELDCHECK, str(home))
        bare = [_launch(BARE)["interactive"][0] for _ in range(RUNS)]
        ours = [_launch(FIELDCHECK, str(home)) for _ in range(RUNS)]
    loaded = [run["loaded"] for run in ours if "loaded" in run]
    if len(loaded) != RUNS or any(counts.split()[0] == "0" for _t, counts in loaded):
        raise RuntimeError(f"the Today view did not show the demo counts: {loaded}")
    interactive = statistics.median(run["interactive"][0] for run in ours)
    today = statistics.median(t for t, _c in loaded)
    n_sites, n_overdue = loaded[0][1].split()
    stall = statistics.median(float(run["stall"][1]) for run in ours)
    return [
        Result(
            "ui_cold_start",
            round(interactive * 1000, 1),
            "ms",
            "bare PySide6 window",
            round(statistics.median(bare) * 1000, 1),
            f"median of {RUNS} fresh processes, demo data; interactive = painted and a posted "
            f"key press handled; Today shows the demo counts ({n_sites} sites, {n_overdue} "
            f"overdue) at "
            f"{today * 1000:.0f} ms; longest UI gap while opening {stall:.0f} ms",
        )
    ]


@benchmark("ui_ledger_open_100k")
def ledger_open() -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from fieldcheck.services.findings import ledger
    from fieldcheck.ui.findings.ledger_view import LedgerView
    from fieldcheck.ui.shell.settings_store import Settings
    from fieldcheck.ui.shell.state import AppState

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
