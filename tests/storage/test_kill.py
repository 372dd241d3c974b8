# SPDX-License-Identifier: Apache-2.0
"""SIGKILL at random instants during a stream of writes never leaves half a change."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldcheck.services.context import open_context
from fieldcheck.services.findings import findings, ledger

WRITER = Path(__file__).with_name("kill_writer.py")
ROUNDS = 20


def _kill_once(home: Path, rng: random.Random) -> dict[str, str]:
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(home)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    # Kill only once the writer is under way (its first commit seen), so a loaded
    # machine still kills it mid-write rather than before it wrote anything.
    first = proc.stdout.readline()
    time.sleep(rng.uniform(0.0, 0.4))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    committed: dict[str, str] = {}
    for line in [first, *proc.stdout.read().splitlines()]:
        if line.startswith("committed "):
            _, fid, status = line.split()
            committed[fid] = status
    return committed


@pytest.mark.slow
def test_sigkill_during_writes_leaves_only_whole_changes(tmp_path: Path) -> None:
    rng = random.Random(int(os.environ.get("KILL_SEED", "7")))
    home = tmp_path / "home"
    all_committed: dict[str, str] = {}
    for _ in range(ROUNDS):
        all_committed.update(_kill_once(home, rng))
        con = sqlite3.connect(home / "fieldcheck.db")
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
        ctx = open_context(home)
        try:
            count, problem = ledger.audit_verify(ctx)
            assert problem is None, problem
            c = ledger.counts(ctx)
            # Audit entries and outbox rows are written in the same transactions.
            assert c["unsynced"]["changes"] == count
            for entry in ledger.ledger(ctx):
                events = findings.history(ctx, entry.id)
                assert events and events[0].action == "record"
                assert events[-1].to_status.value == entry.status  # whole: row and event agree
            for fid, status in all_committed.items():
                # Reported committed => durable, at least at that step.
                got = findings.get_finding(ctx, fid).status.value
                assert got == status or (status == "found" and got == "assigned")
        finally:
            ctx.close()
    assert len(all_committed) > ROUNDS  # the writer really got work done between kills
