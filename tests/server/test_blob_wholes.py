# SPDX-License-Identifier: Apache-2.0
"""Several whole originals written together (the many-photo request's store step): the
waits for the disk are taken together, yet each original is fsynced before its name
appears and its folder fsynced before the call returns, and a disk error leaves nothing
under any hash and no temporary file behind."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from fieldcheck.server import blobs
from fieldcheck.server.blobs import BlobStore, HashMismatch
from fieldcheck.sync.protocol import BlobState


def _photos(n: int) -> list[tuple[str, bytes]]:
    out = []
    for _ in range(n):
        data = os.urandom(50_000)
        out.append((hashlib.sha256(data).hexdigest(), data))
    return out


def _temporaries(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "partial").iterdir() if p.name != ".locks")


def test_each_original_is_durable_before_its_name_and_its_name_before_the_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = BlobStore(tmp_path)
    photos = _photos(6)
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        real_fsync(fd)
        target = Path(os.readlink(f"/proc/self/fd/{fd}"))
        events.append(("fsync", target.name if target.is_file() else f"dir:{target}"))

    def replace(src: str | Path, dst: str | Path) -> None:
        real_replace(src, dst)
        events.append(("named", Path(dst).name))

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc/self/fd to tell which file each fsync was for (Linux)")
    monkeypatch.setattr(blobs.os, "fsync", fsync)
    monkeypatch.setattr(blobs.os, "replace", replace)
    out = store.write_wholes([(sha, memoryview(data)) for sha, data in photos])
    monkeypatch.undo()

    assert out == [BlobState(sha256=sha, received=len(d), complete=True) for sha, d in photos]
    for sha, data in photos:
        assert store.read(sha) == data
        named = events.index(("named", sha))
        synced = [i for i, (kind, what) in enumerate(events) if kind == "fsync" and sha in what]
        assert synced and synced[0] < named, f"{sha} named before its bytes were fsynced"
        folder = [i for i, e in enumerate(events) if e == ("fsync", f"dir:{tmp_path / sha[:2]}")]
        assert folder and folder[-1] > named, f"{sha}'s folder not fsynced after its rename"
    assert _temporaries(tmp_path) == []


def test_a_disk_error_leaves_no_original_under_its_hash_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = BlobStore(tmp_path)
    photos = _photos(4)
    calls = 0
    real_fsync = os.fsync

    def full_disk(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(blobs.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        store.write_wholes([(sha, memoryview(data)) for sha, data in photos])
    monkeypatch.undo()
    for sha, _ in photos:
        assert store.state(sha) == BlobState(sha256=sha, received=0, complete=False)
    assert _temporaries(tmp_path) == []
    # Sent again, every one is stored whole.
    again = store.write_wholes([(sha, memoryview(data)) for sha, data in photos])
    assert all(isinstance(s, BlobState) and s.complete for s in again)


def test_one_that_does_not_match_its_name_is_refused_alone(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    (good, g), (other, o) = _photos(2)
    wrong = hashlib.sha256(b"something else").hexdigest()
    out = store.write_wholes(
        [(good, memoryview(g)), (wrong, memoryview(o)), (other, memoryview(o))]
    )
    assert isinstance(out[1], HashMismatch)
    assert store.read(good) == g and store.read(other) == o
    assert store.state(wrong).received == 0 and not store.state(wrong).complete
    assert _temporaries(tmp_path) == []
