# SPDX-License-Identifier: Apache-2.0
"""Helpers for the end-to-end day: real `fieldcheck` and `fieldcheck-server` processes.

Each device is a data directory driven through the installed `fieldcheck` script; the
server is a `fieldcheck-server serve` process on a loopback port, on PostgreSQL or on
its embedded SQLite. Nothing runs in-process, so the command-line contracts (exit
codes, --json output, --passphrase-fd) are what the test exercises.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

# The scripts of the environment running the tests (the main .venv, or the lowest one).
BIN = Path(sys.executable).parent
COMMAND_TIMEOUT_S = 120
START_TIMEOUT_S = 30
IN_CI = os.environ.get("CI") == "true"
CUPS_PDF_DIRS = [Path("/var/spool/cups-pdf/ANONYMOUS"), Path.home() / "PDF"]


def script(name: str) -> str:
    """The installed console script next to this Python, e.g. `fieldcheck`."""
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{path} is missing: install the package (pip install -e .[dev,server])")
    return str(path)


def run_script(
    name: str, args: Sequence[str], *, what: str, passphrases: Sequence[str] = ()
) -> str:
    """Run an installed script; fail the test with its stderr unless it exits 0.

    Passphrases go through a pipe named by `--passphrase-fd`, one per line, never argv.
    """
    argv = [script(name), *args]
    fds: tuple[int, ...] = ()
    if passphrases:
        r, w = os.pipe()
        os.write(w, "".join(p + "\n" for p in passphrases).encode())
        os.close(w)
        argv += ["--passphrase-fd", str(r)]
        fds = (r,)
    try:
        done = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_S,
            pass_fds=fds,
            check=False,
            env={**os.environ, "PYTHONUTF8": "1"},
        )
    finally:
        for fd in fds:
            os.close(fd)
    if done.returncode != 0:
        pytest.fail(
            f"{what}: {name} {' '.join(args)} exited {done.returncode}:\n"
            f"{done.stderr.strip()}\n{done.stdout.strip()}"
        )
    return done.stdout


@dataclass
class Device:
    """One installation of fieldcheck: its own data directory, driven command by command."""

    name: str
    home: Path

    def run(self, *args: str, passphrases: Sequence[str] = ()) -> str:
        """`fieldcheck --home HOME ARGS`; the test fails with its stderr unless it exits 0."""
        return run_script(
            "fieldcheck", ["--home", str(self.home), *args], what=self.name, passphrases=passphrases
        )

    def json(self, *args: str, passphrases: Sequence[str] = ()) -> Any:
        """Run a command that prints one JSON document and parse it."""
        return json.loads(self.run(*args, passphrases=passphrases))

    def json_lines(self, *args: str) -> list[Any]:
        """Run a command that prints one JSON object per line."""
        return [json.loads(line) for line in self.run(*args).splitlines() if line.strip()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A `fieldcheck-server serve` process and the arguments that name its store."""

    url: str
    data: Path
    db_args: list[str]

    def cli(self, *args: str) -> str:
        """`fieldcheck-server --data DIR [--db URL] ARGS`."""
        return run_script(
            "fieldcheck-server", ["--data", str(self.data), *self.db_args, *args], what="server"
        )

    def enroll(self, name: str, role: str, jurisdiction: str, token_file: Path) -> str:
        """Enroll one person's device; the credential goes to token_file, the id is returned."""
        out = json.loads(
            self.cli(
                "enroll", "--name", name, "--role", role, "--jurisdiction", jurisdiction, "--json"
            )
        )
        token_file.write_text(out["token"] + "\n", encoding="utf-8")
        token_file.chmod(0o600)
        return str(out["device_id"])


@contextmanager
def server_process(data: Path, db_url: str | None, log: Path) -> Iterator[Server]:
    """Start `fieldcheck-server serve` on a free loopback port; stop it when the block ends."""
    db_args = ["--db", db_url] if db_url else []
    port = free_port()
    argv = [script("fieldcheck-server"), "serve", "--data", str(data), *db_args]
    argv += ["--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"fieldcheck-server exited {proc.returncode}:\n{log.read_text()}")
            try:
                if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"fieldcheck-server did not answer within {START_TIMEOUT_S} s")
            time.sleep(0.1)
        yield Server(url, data, db_args)
    finally:
        proc.send_signal(signal.SIGTERM)  # uvicorn shuts down cleanly on SIGTERM
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new database on FIELDCHECK_TEST_PG_URL, dropped afterwards.

    Unset: skip on a laptop, fail in CI. Unreachable: the same.
    """
    from sqlalchemy import create_engine, text

    base_url = os.environ.get("FIELDCHECK_TEST_PG_URL")
    if not base_url:
        if IN_CI:
            pytest.fail("CI must set FIELDCHECK_TEST_PG_URL (see .ci/run)")
        pytest.skip("FIELDCHECK_TEST_PG_URL is not set: no PostgreSQL to run the day against")
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    name = f"fc_e2e_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # unreachable: a laptop skips, CI fails
        admin.dispose()
        if IN_CI:
            pytest.fail(f"PostgreSQL at FIELDCHECK_TEST_PG_URL is unreachable: {exc}")
        pytest.skip(f"PostgreSQL at FIELDCHECK_TEST_PG_URL is unreachable: {type(exc).__name__}")
    try:
        yield f"{base_url.rpartition('/')[0]}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def cups_pdf_queue() -> str | None:
    """The name of a cups-pdf queue on this machine, if CUPS runs and has one."""
    if shutil.which("lpstat") is None or shutil.which("lp") is None:
        return None
    done = subprocess.run(["lpstat", "-v"], capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        if "cups-pdf:/" in line:  # "device for PDF: cups-pdf:/"
            return line.split()[2].rstrip(":")
    return None


def wait_for_printed(stem: str, since: float, timeout: float = 30) -> Path | None:
    """The PDF cups-pdf wrote for a job titled stem, once it is complete."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for folder in CUPS_PDF_DIRS:
            if not folder.is_dir():
                continue
            for p in folder.glob("*.pdf"):
                stat = p.stat()
                if stem in p.name and stat.st_mtime >= since - 1 and stat.st_size > 0:
                    time.sleep(0.3)  # cups-pdf writes, then closes: let it finish
                    return p
        time.sleep(0.3)
    return None
