# SPDX-License-Identifier: Apache-2.0
"""A sync killed at any instant resumes where it stopped and marks nothing it should not."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from syncfix import assert_converged, live_server, make_field_data

from fieldcheck.services.context import open_context
from fieldcheck.services.findings import ledger
from fieldcheck.services.sync import sync as sync_service


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_sync_killed_at_random_instants_resumes_and_converges(tmp_path: Path) -> None:
    rng = random.Random(11)
    with live_server(tmp_path / "srv") as server:
        home = tmp_path / "a"
        a = open_context(home)
        try:
            sync_service.login(a, server.url, server.enroll("grid", "330106001"))
            make_field_data(
                a, "330106001", findings_n=40, photos_per_finding=1, photo_size=(480, 360)
            )
        finally:
            a.close()
        cmd = [sys.executable, "-m", "fieldcheck.app", "--home", str(home), "sync", "--json"]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        kills = 0
        for _ in range(8):
            proc = subprocess.Popen(
                cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            # Start-up takes ~0.3 s (the CLI imports only the sync module), then the push of
            # 40 findings with their photos runs for about half a second.
            time.sleep(rng.uniform(0.1, 0.8))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait(30)
        assert kills >= 3  # most rounds are cut short, not run to the end
        a = open_context(home)
        try:
            final = sync_service.sync(a)
            assert final.ok and final.pending_after == 0
            assert ledger.counts(a)["unsynced"]["changes"] == 0
            assert_converged(server, a)
        finally:
            a.close()
