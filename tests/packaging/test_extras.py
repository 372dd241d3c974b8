# SPDX-License-Identifier: Apache-2.0
"""The server installs without the desktop: `fieldcheck[server]` pulls in no Qt.

The fast test walks the requirement closure of `fieldcheck[server]` through the installed
distributions' own metadata (every package of it is installed in the dev venv), so it
needs no network. The slow one really installs `.[server]` into a fresh venv and lists it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
DESKTOP_ONLY = {"pyside6", "pyside6-essentials", "pyside6-addons", "shiboken6", "pypdfium2"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(root: str, extras: set[str]) -> set[str]:
    """Normalised names of every distribution that `root[extras]` installs."""
    names: set[str] = set()
    done: set[tuple[str, frozenset[str]]] = set()
    todo: list[tuple[str, frozenset[str]]] = [(root, frozenset(extras))]
    while todo:
        name, want = todo.pop()
        if (_norm(name), want) in done:
            continue
        done.add((_norm(name), want))
        names.add(_norm(name))
        try:
            reqs = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        envs = [{"extra": e} for e in sorted(want)] or [{"extra": ""}]
        for line in reqs:
            req = Requirement(line)
            if req.marker is None or any(req.marker.evaluate(env) for env in envs):
                todo.append((req.name, frozenset(req.extras)))
    return names


def test_server_extra_has_no_qt() -> None:
    installed = closure("fieldcheck", {"server"})
    assert "fastapi" in installed and "uvicorn" in installed  # the walk found the extra
    assert not installed & DESKTOP_ONLY, sorted(installed & DESKTOP_ONLY)


def test_desktop_extra_has_qt() -> None:
    assert "pyside6-essentials" in closure("fieldcheck", {"desktop"})


@pytest.mark.slow
def test_real_server_install_has_no_qt(tmp_path: Path) -> None:
    if not os.environ.get("CI"):
        pytest.skip("installs .[server] into a new venv from the package index; CI runs it")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run(
        [str(py), "-m", "pip", "install", "--quiet", f"{ROOT}[server]"], check=True, timeout=900
    )
    listed = subprocess.run(
        [str(py), "-m", "pip", "list", "--format=freeze"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    names = {_norm(line.split("==")[0]) for line in listed.splitlines() if "==" in line}
    assert "fastapi" in names
    assert not names & DESKTOP_ONLY, sorted(names & DESKTOP_ONLY)
    # The server's entry point starts and answers without Qt.
    out = subprocess.run(
        [str(env_dir / "bin" / "fieldcheck-server"), "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert sys.version_info >= (3, 11)
