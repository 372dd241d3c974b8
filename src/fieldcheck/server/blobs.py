# SPDX-License-Identifier: Apache-2.0
"""The server's photo store: originals named by SHA-256, uploaded in resumable ranges.

A partial upload grows under ``partial/`` one range at a time; when the last byte
arrives its hash is checked, and only a matching file is fsynced and renamed into
``ab/abcdef…``. A file in the store is therefore always whole and always matches its
name.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fieldcheck.sync.protocol import MAX_BLOB_BYTES, BlobState

if sys.platform != "win32":
    import fcntl

SHA_RE = re.compile(r"^[0-9a-f]{64}$")
RANGE_RE = re.compile(r"^bytes (\d{1,12})-(\d{1,12})/(\d{1,12})$")


class RangeProblem(Exception):
    """The Content-Range is malformed or does not continue what the server holds."""

    def __init__(self, message: str, received: int) -> None:
        super().__init__(message)
        self.received = received


class HashMismatch(Exception):
    """The uploaded bytes do not hash to the name they were sent under."""


class BadRange(ValueError):
    """The Content-Range header is missing, malformed or does not fit the body."""


class StoreUnavailable(Exception):
    """The object store cannot be reached or answered with a server error; retry later."""


def parse_range(header: str | None, length: int) -> tuple[int, int]:
    """(start, total) from ``Content-Range: bytes start-end/total`` for a body of length."""
    if header is None:
        raise BadRange("Content-Range header is required (bytes START-END/TOTAL)")
    m = RANGE_RE.match(header.strip())
    if m is None:
        raise BadRange(f"Content-Range {header[:60]!r} is not 'bytes START-END/TOTAL'")
    start, end, total = (int(g) for g in m.groups())
    if total < 1 or total > MAX_BLOB_BYTES:
        raise BadRange(f"total size {total} is outside 1..{MAX_BLOB_BYTES}")
    if end < start or end >= total or end - start + 1 != length:
        raise BadRange(f"range {start}-{end}/{total} does not match a body of {length} bytes")
    return start, total


def continues(current: BlobState, start: int) -> bool:
    """True when the store already holds the whole original; RangeProblem when a range
    does not start where the held bytes end."""
    if current.complete:
        return True
    if start != current.received:
        raise RangeProblem(
            f"range starts at {start} but the server holds {current.received} bytes; "
            "resume from there",
            current.received,
        )
    return False


Stored = BlobState | HashMismatch | RangeProblem  # one original of write_wholes


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory for fsync
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _across_processes(partial_dir: Path, sha: str) -> Iterator[None]:
    """Held while a range is appended and its original finished, so that another
    process writing to the same store waits instead of appending to the same file. One
    lock file per first two hex digits of the hash (``partial/.locks/ab``, never
    removed); an advisory flock, which NFS clients honour too. On Windows the server
    keeps to one process per store."""
    if sys.platform == "win32":
        yield
        return
    locks = partial_dir / ".locks"
    locks.mkdir(exist_ok=True)
    with (locks / sha[:2]).open("ab") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _file_digest(path: Path) -> hashlib._Hash:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest


class BlobStore:
    """Content-addressed originals under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.partial_dir = root / "partial"
        self.partial_dir.mkdir(parents=True, exist_ok=True)
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def path(self, sha: str) -> Path:
        if not SHA_RE.match(sha):  # never let a name reach the file system unchecked
            raise ValueError(f"{sha[:80]!r} is not a SHA-256 in lower-case hex")
        return self.root / sha[:2] / sha

    def _partial(self, sha: str) -> Path:
        self.path(sha)
        return self.partial_dir / sha

    def _lock(self, sha: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(sha, threading.Lock())

    def state(self, sha: str) -> BlobState:
        """What the store holds of sha: whole, part, or nothing."""
        final = self.path(sha)
        if final.exists():
            return BlobState(sha256=sha, received=final.stat().st_size, complete=True)
        part = self._partial(sha)
        received = part.stat().st_size if part.exists() else 0
        return BlobState(sha256=sha, received=received, complete=False)

    def states(self, shas: list[str]) -> list[BlobState]:
        """What the store holds of each of shas."""
        return [self.state(sha) for sha in shas]

    def write_range(self, sha: str, start: int, total: int, data: bytes | memoryview) -> BlobState:
        """Append one range; on the last byte check the hash and move the file into place.

        Several processes may write to one store (``serve --workers``, servers sharing
        the directory): a whole original in one range never touches the shared partial
        file (it is checked in memory and written to a file of its own), and appending a
        range takes turns across processes (``_across_processes``)."""
        received = start + len(data)
        if start == 0 and received == total:  # the usual photo: one range
            held = self._held_or_checked(sha, data)
            return held if held is not None else self._write_new(sha, data)
        with self._lock(sha), _across_processes(self.partial_dir, sha):
            current = self.state(sha)
            if continues(current, start):
                return current
            part = self._partial(sha)
            with part.open("ab") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            if received < total:
                return BlobState(sha256=sha, received=received, complete=False)
            self._check(sha, _file_digest(part), part)
            return self._finish(sha, part, total)

    def write_wholes(self, items: list[tuple[str, memoryview]]) -> list[Stored]:
        """Several whole originals (each one range, as ``write_range`` takes a whole one),
        with the waits for the disk taken together: each is checked in memory and written
        to a file of its own, then every file is fsynced, then each is moved into place,
        then each folder is fsynced. Each original is still durable before its name
        appears and its name durable before this returns, and nothing is visible under its
        hash before it is whole; but the fsyncs come one after another instead of one
        between each pair of writes, so on a journalling file system the first one's
        commit carries most of the rest (docs/scale.md). Per original: its state, or the
        HashMismatch or RangeProblem that refused it (an error of the disk ends the call,
        and nothing it wrote is left under a hash)."""
        out: list[Stored] = []
        staged: list[tuple[str, int, str]] = []  # (sha, open descriptor, temporary name)
        try:
            for sha, data in items:
                try:
                    held = self._held_or_checked(sha, data)
                except (HashMismatch, RangeProblem) as exc:
                    out.append(exc)
                    continue
                if held is not None:
                    out.append(held)
                    continue
                fd, name = self._new_file(sha)
                staged.append((sha, fd, name))
                _write_all(fd, data)
                out.append(BlobState(sha256=sha, received=len(data), complete=True))
            for _, fd, _ in staged:
                os.fsync(fd)
        except BaseException:
            for _, fd, name in staged:
                os.close(fd)
                Path(name).unlink(missing_ok=True)
            raise
        for _, fd, _ in staged:
            os.close(fd)
        folders = {self._move_into_place(sha, Path(name)): None for sha, _, name in staged}
        for folder in folders:  # the renames are durable before anything is acknowledged
            _fsync_dir(folder)
        return out

    def _held_or_checked(self, sha: str, data: bytes | memoryview) -> BlobState | None:
        """For a whole original in one range: the store's state if it holds it whole
        already, else None once the bytes matched their hash, checked in memory before
        they touch the disk (HashMismatch; RangeProblem when part of it is held)."""
        with self._lock(sha):
            current = self.state(sha)
            if continues(current, 0):
                return current
        self._check(sha, hashlib.sha256(data), None)
        return None

    def _new_file(self, sha: str) -> tuple[int, str]:
        """A file of its own under partial/ for checked bytes of sha (no other writer
        opens it), as an open descriptor and its name."""
        return tempfile.mkstemp(dir=self.partial_dir, prefix=f"{sha}.new-")

    def _write_new(self, sha: str, data: bytes | memoryview) -> BlobState:
        """Write checked bytes to a file no other writer opens, then move it into place:
        two writers of the same original each move whole, identical bytes there."""
        fd, name = self._new_file(sha)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        return self._finish(sha, Path(name), len(data))

    def _check(self, sha: str, digest: hashlib._Hash, part: Path | None) -> None:
        if digest.hexdigest() != sha:
            if part is not None:
                part.unlink()
            raise HashMismatch(
                f"the bytes received hash to {digest.hexdigest()}, not {sha}; nothing was kept"
            )

    def _finish(self, sha: str, part: Path, total: int) -> BlobState:
        _fsync_dir(self._move_into_place(sha, part))  # durable before the server says complete
        return BlobState(sha256=sha, received=total, complete=True)

    def _move_into_place(self, sha: str, part: Path) -> Path:
        """Rename a whole, fsynced original to its hash; the folder whose fsync makes the
        new name durable."""
        final = self.path(sha)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part, final)
        return final.parent

    def clean_partial(self, older_than_s: float) -> set[str]:
        """Remove partial uploads untouched for older_than_s seconds; their SHA-256s."""
        removed: set[str] = set()
        cutoff = time.time() - older_than_s
        for part in self.partial_dir.iterdir():
            sha = part.name.split(".", 1)[0]  # a partial upload, or a whole one being written
            try:
                if part.is_file() and part.stat().st_mtime < cutoff:
                    with self._lock(sha):
                        part.unlink()
                    removed.add(sha)
            except FileNotFoundError:
                continue  # finished or removed meanwhile
        return removed

    def size(self, sha: str) -> int | None:
        """The size of a whole original, or None when the store does not hold it."""
        final = self.path(sha)
        return final.stat().st_size if final.exists() else None

    def count(self) -> int:
        """Whole originals in the store."""
        return sum(1 for _ in self.hashes())

    @property
    def url(self) -> str:
        return self.root.as_uri()

    def local_path(self, sha: str) -> Path | None:
        """The file holding a whole original, or None when the store does not hold it."""
        final = self.path(sha)
        return final if final.exists() else None

    def hashes(self) -> Iterator[str]:
        """Every whole original's SHA-256, in order."""
        for sub in sorted(self.root.glob("??")):
            for p in sorted(sub.iterdir()):
                if SHA_RE.match(p.name) and p.name.startswith(sub.name):
                    yield p.name

    def read(self, sha: str) -> bytes | None:
        """The bytes of a whole original, or None."""
        final = self.path(sha)
        try:
            return final.read_bytes()
        except FileNotFoundError:
            return None

    def put(self, sha: str, data: bytes) -> BlobState:
        """Store a whole original at once (hash checked), e.g. when migrating."""
        self._check(sha, hashlib.sha256(data), None)
        if self.path(sha).exists():
            return BlobState(sha256=sha, received=len(data), complete=True)
        return self._write_new(sha, data)
