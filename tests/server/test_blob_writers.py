# SPDX-License-Identifier: Apache-2.0
"""Several processes writing to one local photo store (``serve --workers``, servers
sharing a directory) never leave anything but the exact original under its hash.

Each BlobStore below stands for one process: its in-process locks are its own, as a
process's would be. Before the fix, four writers of the same whole photo left a
4 or 8 MB file under a 2 MB photo's hash in about a third of the rounds."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fieldcheck.server.blobs import BlobStore, RangeProblem

ROUNDS = 20


def _at_once(jobs: list[Callable[[], None]]) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(len(jobs))

    def run(job: Callable[[], None]) -> None:
        start.wait()
        try:
            job()
        except BaseException as exc:  # collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "partial").iterdir() if p.name != ".locks")


def test_writers_of_one_whole_photo_leave_it_exact(tmp_path: Path) -> None:
    for _ in range(ROUNDS):
        data = os.urandom(2_000_000)
        sha = hashlib.sha256(data).hexdigest()
        stores = [BlobStore(tmp_path) for _ in range(4)]
        jobs = [lambda s=s, h=sha, d=data: s.write_range(h, 0, len(d), d) for s in stores]
        errors = _at_once(jobs)
        assert errors == []
        assert stores[0].read(sha) == data
        assert all(s.state(sha).complete for s in stores)
    assert _leftovers(tmp_path) == []


def _send_in_ranges(store: BlobStore, sha: str, data: bytes, size: int) -> None:
    """A device's resumable upload: ranges in order, resuming where the server says."""
    start = 0
    while True:
        end = min(start + size, len(data))
        try:
            state = store.write_range(sha, start, len(data), data[start:end])
        except RangeProblem as exc:
            start = exc.received
            continue
        if state.complete:
            return
        start = state.received


def test_writers_of_one_photo_in_ranges_leave_it_exact(tmp_path: Path) -> None:
    for _ in range(ROUNDS):
        data = os.urandom(1_500_000)
        sha = hashlib.sha256(data).hexdigest()
        stores = [BlobStore(tmp_path) for _ in range(3)]
        jobs = [lambda s=s, h=sha, d=data: _send_in_ranges(s, h, d, 400_000) for s in stores]
        errors = _at_once(jobs)
        assert errors == []
        assert stores[0].read(sha) == data
    assert _leftovers(tmp_path) == []


def _process_writes(root: str, data: bytes, rounds: int, start: Any) -> None:
    store = BlobStore(Path(root))
    for i in range(rounds):
        piece = data[i::rounds] * 2  # every process writes the same photos at once
        start.wait()
        store.write_range(hashlib.sha256(piece).hexdigest(), 0, len(piece), piece)


@pytest.mark.skipif(os.name == "nt", reason="one server process per store on Windows")
def test_server_processes_writing_the_same_photos_leave_each_exact(tmp_path: Path) -> None:
    data, rounds = os.urandom(6_000_000), 12
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(3, timeout=60)
    procs = [
        spawn.Process(target=_process_writes, args=(str(tmp_path), data, rounds, start))
        for _ in range(3)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    store = BlobStore(tmp_path)
    for i in range(rounds):
        piece = data[i::rounds] * 2
        assert store.read(hashlib.sha256(piece).hexdigest()) == piece
    assert store.count() == rounds and _leftovers(tmp_path) == []
