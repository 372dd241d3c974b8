# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck-server serve --workers 2` on SQLite (the township box): the database is
migrated once before the workers start, both serve the port, a device's sync of records
and photos through them converges, and stopping the server stops every worker."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from syncfix import free_port, make_field_data

from fieldcheck.photos.store import BlobStore
from fieldcheck.server import auth
from fieldcheck.server.cli import main
from fieldcheck.server.db import open_engine
from fieldcheck.services.context import open_context
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.sync.protocol import DeviceRole

SRC = Path(__file__).resolve().parents[2] / "src"


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_two_workers_serve_one_sync_and_stop_together(tmp_path: Path) -> None:
    data, port = tmp_path / "srv", free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    cmd = [sys.executable, "-m", "fieldcheck.server.cli", "serve", "--data", str(data)]
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [*cmd, "--port", str(port), "--workers", "2"], env=env, stdout=log, stderr=log
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                    break
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            time.sleep(0.2)
        while time.monotonic() < deadline and len(workers) < 2:
            # uvicorn's supervisor spawns the workers as its children (multiprocessing's
            # spawn_main; its resource tracker, if any, is not one).
            workers = [c for c in _children(proc.pid) if "spawn_main" in _cmdline(c)]
            time.sleep(0.2)
        assert len(workers) >= 2, _children(proc.pid)
        engine = open_engine(f"sqlite:///{data / 'server.db'}")
        with engine.begin() as conn:
            _, token = auth.enroll(
                conn, name="网格员", role=DeviceRole.GRID, jurisdiction="330106001"
            )
        engine.dispose()
        ctx = open_context(tmp_path / "dev")
        sync_service.login(ctx, url, token)
        make_field_data(ctx, "330106001", findings_n=12, photos_per_finding=2)
        report = sync_service.sync(ctx)
        assert report.ok and report.photos_sent == 24 and report.accepted == report.pushed
        assert report.pending_after == 0
        counts = httpx.get(f"{url}/v1/counts", headers={"Authorization": f"Bearer {token}"})
        assert counts.json()["photos"] == 24
        mine = BlobStore(ctx.home.photos)
        for original in sorted((ctx.home.photos / "originals").glob("??/*")):
            held = data / "blobs" / original.name[:2] / original.name
            assert held.read_bytes() == mine.original(original.name).read_bytes()
        ctx.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
        log.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers), "a worker outlived the server"
    assert main(["--data", str(data), "status", "--json"]) == 0


def _cmdline(pid: int) -> str:
    path = Path(f"/proc/{pid}/cmdline")
    return path.read_bytes().replace(b"\0", b" ").decode() if path.exists() else ""
