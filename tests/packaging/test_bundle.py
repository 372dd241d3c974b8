# SPDX-License-Identifier: Apache-2.0
"""The PyInstaller bundle, built from build.spec, works from a clean directory.

Builds once per session (about 2-3 minutes on 2 cores), copies the folder somewhere
else, and runs it with an environment that knows nothing of the source tree or the
virtualenv: demo data, status, a signed notice checked with pdftotext and `verify`,
portable mode, and the window opened offscreen.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldcheck import __version__

ROOT = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI") == "true"
EXE = ".exe" if sys.platform == "win32" else ""
DEMO_PASSPHRASE = "fieldcheck-demo"  # demo/major.py: the demo keys' passphrase
SERVER_ONLY = ("fastapi", "uvicorn", "starlette", "psycopg")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]


def need(condition: bool, reason: str) -> None:
    """Skip on a laptop without the tool; fail in CI, which must have it."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """A minimal environment: no virtualenv, no PYTHONPATH, no FIELDCHECK_HOME."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    if sys.platform == "win32":
        env = {k: os.environ[k] for k in ("SYSTEMROOT", "PATH", "TEMP", "TMP") if k in os.environ}
        env["USERPROFILE"] = str(home)
    return {**env, **extra}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/fieldcheck built from build.spec, then copied to a directory of its own."""
    need(
        importlib.util.find_spec("PyInstaller") is not None,
        "PyInstaller is not installed (pip install -e .[build])",
    )
    work = tmp_path_factory.mktemp("pyinstaller")
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert build.returncode == 0, f"PyInstaller failed:\n{build.stderr[-4000:]}"
    clean = tmp_path_factory.mktemp("clean") / "fieldcheck"
    shutil.copytree(work / "dist" / "fieldcheck", clean, symlinks=True)
    shutil.rmtree(work)  # nothing may point back at the build directory
    return clean


class Bundle:
    """Runs the bundled executables with a clean environment."""

    def __init__(self, folder: Path, home: Path) -> None:
        self.folder = folder
        self.home = home  # stands in for the user's home directory

    def run(
        self, exe: str, *args: str, stdin_fd: Path | None = None, **env: str
    ) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.folder / f"{exe}{EXE}"), *args]
        if stdin_fd is None:
            return subprocess.run(
                cmd, env=clean_env(self.home, **env), cwd=self.home,
                capture_output=True, text=True, timeout=300,
            )  # fmt: skip
        with stdin_fd.open("rb") as fh:  # --passphrase-fd 0
            return subprocess.run(
                cmd, env=clean_env(self.home, **env), cwd=self.home, stdin=fh,
                capture_output=True, text=True, timeout=300,
            )  # fmt: skip

    def cli(self, *args: str, **env: str) -> str:
        done = self.run("fieldcheck-cli", *args, **env)
        assert done.returncode == 0, f"fieldcheck-cli {' '.join(args)}:\n{done.stderr}"
        return done.stdout


@pytest.fixture(scope="module")
def app(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    return Bundle(bundle, tmp_path_factory.mktemp("user-home"))


@pytest.fixture(scope="module")
def demo(app: Bundle, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory seeded by the bundle's own `demo` command."""
    data = tmp_path_factory.mktemp("bundle-data") / "home"
    out = app.cli("--home", str(data), "demo")
    assert "demo data in" in out
    return data


def query(data: Path, sql: str) -> list[tuple[str, ...]]:
    with sqlite3.connect(f"file:{data / 'fieldcheck.db'}?mode=ro", uri=True) as conn:
        return conn.execute(sql).fetchall()


def test_bundle_ships_data_and_migrations_but_not_the_server(bundle: Path) -> None:
    internal = bundle / "_internal"
    versions = internal / "fieldcheck" / "storage" / "migrations" / "versions"
    shipped = sorted(p.name for p in versions.glob("[0-9]*.py"))
    source = ROOT / "src" / "fieldcheck" / "storage" / "migrations" / "versions"
    assert shipped == sorted(p.name for p in source.glob("[0-9]*.py"))
    assert (internal / "fieldcheck" / "storage" / "migrations" / "env.py").is_file()
    assert list((internal / "checklists").rglob("*.yaml")), "no checklists in the bundle"
    assert (internal / "resources" / "fonts" / "NotoSerifSC-Regular.ttf").is_file()
    leaked = [p.name for p in internal.iterdir() if p.name.lower().startswith(SERVER_ONLY)]
    assert leaked == [], f"server-only packages in the desktop bundle: {leaked}"


def test_cli_reports_the_package_version(app: Bundle) -> None:
    assert app.cli("--version").strip() == f"fieldcheck {__version__}"


def test_demo_and_status_run_from_a_clean_directory(app: Bundle, demo: Path) -> None:
    status = json.loads(app.cli("--home", str(demo), "status", "--json"))
    assert status["sites"] > 0 and status["findings"] > 0
    assert sum(status["by_status"].values()) == status["findings"]


def test_notice_issued_rendered_and_verified_from_demo_data(
    app: Bundle, demo: Path, tmp_path: Path
) -> None:
    if importlib.util.find_spec("fieldcheck.services.documents.notices") is None:
        pytest.skip(
            "the documents service (fieldcheck.services.documents.notices) is not built yet"
        )
    need(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    open_inspection = query(
        demo,
        "SELECT f.inspection_id FROM finding f WHERE f.status IN ('found', 'assigned') "
        "GROUP BY f.inspection_id ORDER BY count(*) DESC, f.inspection_id LIMIT 1",
    )[0][0]
    issued = app.cli("--home", str(demo), "notice", "issue", open_inspection, "--kind", "record")
    number = issued.split()[1]  # "issued <number>  id <id>  (...)"
    passphrase = tmp_path / "passphrase"
    passphrase.write_text(DEMO_PASSPHRASE + "\n", encoding="utf-8")
    pdf = tmp_path / "notice.pdf"
    rendered = app.run(
        "fieldcheck-cli", "--home", str(demo), "notice", "render", number,
        "--out", str(pdf), "--passphrase-fd", "0", stdin_fd=passphrase,
    )  # fmt: skip
    assert rendered.returncode == 0, rendered.stderr
    assert "signed" in rendered.stdout and "UNSIGNED" not in rendered.stdout
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "现场检查记录" in text and number in text.replace(" ", "")
    verdict = app.cli("--home", str(demo), "verify", str(pdf))
    assert "genuine" in verdict


def test_portable_mode_keeps_data_beside_the_executables(app: Bundle) -> None:
    marker = app.folder / "portable.txt"
    marker.write_text("", encoding="utf-8")
    try:
        status = json.loads(app.cli("status", "--json"))
    finally:
        marker.unlink()
    assert status["sites"] == 0
    assert (app.folder / "data" / "fieldcheck.db").is_file()
    assert not (app.home / ".local" / "share" / "fieldcheck").exists()


def test_window_opens_offscreen_and_quits(app: Bundle, demo: Path) -> None:
    person = query(demo, "SELECT id FROM person ORDER BY id LIMIT 1")[0][0]
    # A set-up device: the first-run wizard (modal) would otherwise wait for a person.
    (demo / "settings.json").write_text(json.dumps({"person_id": person}), encoding="utf-8")
    done = app.run(
        "fieldcheck", "--home", str(demo),
        QT_QPA_PLATFORM="offscreen", FIELDCHECK_SMOKE_EXIT_MS="1500",
    )  # fmt: skip
    assert done.returncode == 0, f"the window did not open and quit cleanly:\n{done.stderr}"
