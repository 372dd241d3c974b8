#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Bootstrap for newcomers: `python3 dev.py run` or `python3 dev.py test`.

Needs only Python 3.11+. Creates .venv, installs fieldcheck with its dev extras
(again only when pyproject.toml changed), then runs the app or the whole suite.
`python3 dev.py test-lowest` runs the suite again in .venv-lowest, on the lowest
supported version of every dependency (constraints/lowest.txt), without the slow tests.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".dev-stamp"
LOWEST_VENV = ROOT / ".venv-lowest"
LOWEST = ROOT / "constraints" / "lowest.txt"


def sh(*cmd: str | Path, **env: str) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], cwd=ROOT, check=True, env={**os.environ, **env})


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036  (dev.py runs on whatever python3 is)
        sys.exit("fieldcheck needs Python 3.11 or newer")
    if not PY.exists():
        sh(sys.executable, "-m", "venv", VENV)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != want:
        sh(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        sh(PY, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
        STAMP.write_text(want)


def setup_lowest() -> Path:
    """.venv-lowest with fieldcheck[dev] at the constraints' versions; its python."""
    py = LOWEST_VENV / PY.relative_to(VENV)
    if not py.exists():
        sh(sys.executable, "-m", "venv", LOWEST_VENV)
    stamp = LOWEST_VENV / ".dev-stamp"
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + LOWEST.read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != want:
        sh(py, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        sh(py, "-m", "pip", "install", "--quiet", "-c", LOWEST, "-e", ".[dev]")
        stamp.write_text(want)
    return py


def test_lowest(args: list[str]) -> None:
    """The suite on the lowest versions (ruff, mypy and the contracts ran in .venv)."""
    py = setup_lowest()
    sh(py, "-m", "pip", "list", "--format=freeze")  # the versions this run proved
    # tests/packaging builds the bundle, which ships from the main .venv only. The slow
    # tests (browsers, kills, several servers, the e2e days) run once, in `test`, unless
    # asked for here with -m.
    marks = [] if any(a.startswith("-m") for a in args) else ["-m", "not slow"]
    sh(py, "-m", "pytest", "--ignore=tests/packaging", *marks, *args, QT_QPA_PLATFORM="offscreen")


# Who the window opens as on the demo data: its first grid worker, so a newcomer lands
# on 今日 rather than in the first-run wizard (which a real install starts with).
DEMO_SETTINGS = """
import sys
from fieldcheck.core.models import Role
from fieldcheck.services.sites import sites
from fieldcheck.services.context import open_context
from fieldcheck.ui.shell.settings_store import Settings, save_settings
with open_context(sys.argv[1]) as ctx:
    me = sites.list_people(ctx, Role.GRID)[0]
    save_settings(ctx.home.settings, Settings(person_id=me.id, jurisdiction=me.jurisdiction))
"""


def run(args: list[str]) -> None:
    home = os.environ.get("FIELDCHECK_HOME") or str(ROOT / ".venv" / "demo-home")
    if not (Path(home) / "fieldcheck.db").exists():
        sh(BIN / "fieldcheck", "--home", home, "demo")
        if not (Path(home) / "settings.json").exists():
            sh(PY, "-c", DEMO_SETTINGS, home)
    sh(BIN / "fieldcheck", "--home", home, *args)


# The whole suite's line coverage must stay at or above this (the issue measured ~89%).
COVERAGE_FLOOR = 88


def test(args: list[str]) -> None:
    sh(PY, "-m", "ruff", "check", "src", "tests", "bench", "dev.py")
    sh(PY, "-m", "ruff", "format", "--check", "src", "tests", "bench", "dev.py")
    sh(PY, "-m", "mypy")
    sh(BIN / "lint-imports")
    # A report always; the floor only when the whole suite runs (no test paths given).
    cov = ["--cov=fieldcheck", "--cov-report=term-missing:skip-covered"]
    if not any(not a.startswith("-") for a in args):
        cov.append(f"--cov-fail-under={COVERAGE_FLOOR}")
    sh(PY, "-m", "pytest", *cov, *args, QT_QPA_PLATFORM="offscreen")


def main() -> None:
    what = sys.argv[1] if len(sys.argv) > 1 else "run"
    if what not in {"run", "test", "setup", "test-lowest"}:
        sys.exit("usage: python3 dev.py run|test|setup|test-lowest [ARGS...]")
    try:
        if what == "test-lowest":
            test_lowest(sys.argv[2:])
            return
        setup()
        if what == "run":
            run(sys.argv[2:])
        elif what == "test":
            test(sys.argv[2:])
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)


if __name__ == "__main__":
    main()
