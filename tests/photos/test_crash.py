# SPDX-License-Identifier: Apache-2.0
"""SIGKILL at random instants during imports never leaves a photo row without its file."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldcheck.photos.store import BlobStore
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.evidence import photos, viewing
from fieldcheck.services.findings import ledger

IMPORTER = Path(__file__).with_name("photo_kill_importer.py")
ROUNDS = 12


def _kill_once(home: Path, finding_id: str, scratch: Path, rng: random.Random) -> set[str]:
    proc = subprocess.Popen(
        [sys.executable, str(IMPORTER), str(home), finding_id, str(scratch)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    first = proc.stdout.readline()  # one import done: from here on it is always mid-import
    time.sleep(rng.uniform(0.0, 0.4))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    lines = [first, *proc.stdout.read().splitlines()]
    assert not [line for line in lines if line.startswith("refused")]
    return {line.split()[1] for line in lines if line.startswith("stored")}


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_sigkill_during_imports_leaves_every_row_with_its_intact_file(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    home = ctx.home.root
    ctx.close()
    scratch = tmp_path / "incoming"
    scratch.mkdir()
    rng = random.Random(int(os.environ.get("KILL_SEED", "11")))
    reported: set[str] = set()
    for _ in range(ROUNDS):
        reported |= _kill_once(home, finding_id, scratch, rng)
        con = sqlite3.connect(home / "fieldcheck.db")
        rows = con.execute("select p.sha256, b.bytes from photo p join blob b using (sha256)")
        for sha, size in rows:
            original = home / "photos" / "originals" / sha[:2] / sha
            data = original.read_bytes()
            assert len(data) == size and hashlib.sha256(data).hexdigest() == sha
        stored = {r[0] for r in con.execute("select sha256 from photo")}
        orphans = con.execute(
            "select count(*) from photo where sha256 not in (select sha256 from blob)"
        ).fetchone()[0]
        con.close()
        assert orphans == 0
        assert reported <= stored  # every import reported as stored was committed
    assert len(reported) >= ROUNDS  # every round stored at least one new photo
    store = BlobStore(home / "photos")
    store.clean_orphans()  # what the next start does
    assert not list((home / "photos" / "originals").glob(".tmp-*"))
    again = open_context(home)
    try:
        _count, problem = ledger.audit_verify(again)
        assert problem is None, problem
        checked, problems = photos.verify_photos(again)
        assert problems == [] and checked >= len(reported)
        # Derivatives a kill cut off are made again when the photo is first looked at.
        for row in photos.list_photos(again, finding_id):
            assert photos.thumbnail_of(again, row).stat().st_size > 0
            assert viewing.stored_facts(again, row.id).path.stat().st_size > 0
    finally:
        again.close()
