#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Bootstrap for newcomers: `python3 dev.py run` or `python3 dev.py test`.

Needs only Python 3.11+. Creates .venv, installs fieldcheck with its dev extras
(again only when pyproject.toml changed), then runs the app or the whole suite.
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


def run(args: list[str]) -> None:
    home = os.environ.get("FIELDCHECK_HOME") or str(ROOT / ".venv" / "demo-home")
    if not (Path(home) / "fieldcheck.db").exists():
        sh(BIN / "fieldcheck", "--home", home, "demo")
    sh(BIN / "fieldcheck", "--home", home, *args)


def test(args: list[str]) -> None:
    sh(PY, "-m", "ruff", "check", "src", "tests", "bench", "dev.py")
    sh(PY, "-m", "ruff", "format", "--check", "src", "tests", "bench", "dev.py")
    sh(PY, "-m", "mypy")
    sh(BIN / "lint-imports")
    sh(PY, "-m", "pytest", *args, QT_QPA_PLATFORM="offscreen")


def main() -> None:
    what = sys.argv[1] if len(sys.argv) > 1 else "run"
    if what not in {"run", "test", "setup"}:
        sys.exit("usage: python3 dev.py run|test|setup [ARGS...]")
    setup()
    try:
        if what == "run":
            run(sys.argv[2:])
        elif what == "test":
            test(sys.argv[2:])
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)


if __name__ == "__main__":
    main()
