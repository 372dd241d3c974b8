# SPDX-License-Identifier: Apache-2.0
"""The content-addressed store: original bytes, unchanged, named by their SHA-256.

Layout under the photos directory::

    originals/ab/abcdef...   the evidence (never rewritten, never deleted here)
    originals/.tmp-<pid>-*   an import in progress (or one a crash left behind)
    display/ab/abcdef....jpg thumbs/ab/abcdef....jpg   regenerable derivatives

An original is copied to a temporary file in ``originals/`` while it is hashed,
renamed to its final name once checked (same file system, so the rename is
atomic), and then the file and its directory are fsynced together, all before the
database row naming it commits.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20
TMP_PREFIX = ".tmp-"
ORPHAN_AGE_S = 3600.0  # a live import touches its temp file far more often than this
# fsyncs the file while the caller fsyncs its directory: one wait for the disk, not two.
_SYNC = ThreadPoolExecutor(max_workers=2, thread_name_prefix="photo-fsync")


@dataclass(frozen=True)
class Staged:
    """A copy of an incoming file, hashed but not yet under its final name."""

    temp: Path
    sha256: str
    size: int


def fsync_dir(path: Path) -> None:
    """Make a rename or creation in directory path durable (no-op where unsupported)."""
    if os.name == "nt":
        return  # Windows cannot open a directory for fsync; NTFS journals renames
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """Make a file's bytes durable."""
    with path.open("rb" if os.name != "nt" else "r+b") as fh:
        os.fsync(fh.fileno())


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class BlobStore:
    """Originals and derivatives under one photos directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.originals = root / "originals"
        self.display_dir = root / "display"
        self.thumbs_dir = root / "thumbs"

    def original(self, sha: str) -> Path:
        return self.originals / sha[:2] / sha

    def display(self, sha: str) -> Path:
        return self.display_dir / sha[:2] / f"{sha}.jpg"

    def thumb(self, sha: str) -> Path:
        return self.thumbs_dir / sha[:2] / f"{sha}.jpg"

    def temp_path(self) -> Path:
        """A new temp file name beside the originals (clean_orphans knows its owner)."""
        self.originals.mkdir(parents=True, exist_ok=True)
        return self.originals / f"{TMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}"

    def stage(self, source: Path, *, sync: bool = True) -> Staged:
        """Copy source to a temp file beside the originals, hashing on the way.

        sync=False leaves the fsync to commit(), which does it beside the directory's.
        """
        temp = self.temp_path()
        digest = hashlib.sha256()
        size = 0
        try:
            with source.open("rb") as src, temp.open("xb") as dst:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    dst.write(chunk)
                    size += len(chunk)
                dst.flush()
                if sync:
                    os.fsync(dst.fileno())
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return Staged(temp=temp, sha256=digest.hexdigest(), size=size)

    def commit(self, staged: Staged) -> Path:
        """Give a checked staged file its final name and make it durable; return that path.

        The rename comes first, then the file and its directory are fsynced at the
        same time (two threads), so the caller waits for the disk once instead of
        twice in a row. A crash before this returns can leave an incomplete file
        under the final name, but no database row names it (rows commit only after
        this returns) and the next import of the same bytes finds it damaged and
        replaces it. An identical original already there is kept as it is (and
        fsynced: the import that renamed it may not have synced it yet).
        """
        final = self.original(staged.sha256)
        if final.exists() and self.verify(staged.sha256) is None:
            staged.temp.unlink(missing_ok=True)
            fsync_file(final)
            return final
        new_dir = not final.parent.is_dir()
        final.parent.mkdir(exist_ok=True)
        os.replace(staged.temp, final)  # atomic; replaces only a missing or damaged copy
        syncing = _SYNC.submit(fsync_file, final)
        try:
            fsync_dir(final.parent)
            if new_dir:
                fsync_dir(self.originals)  # the new ab/ entry itself must survive too
        finally:
            syncing.result()  # raises the file's fsync error, if any
        return final

    def discard(self, staged: Staged) -> None:
        """Remove a staged file that will not be kept."""
        staged.temp.unlink(missing_ok=True)

    def verify(self, sha: str) -> str | None:
        """None when the original exists and hashes to sha, else what is wrong."""
        path = self.original(sha)
        if not path.is_file():
            return f"{path}: the original is missing"
        actual = sha256_file(path)
        if actual != sha:
            return f"{path}: the original's bytes changed (SHA-256 is now {actual})"
        return None

    def clean_orphans(self, *, max_age_s: float = ORPHAN_AGE_S) -> list[Path]:
        """Remove temp files that no running import owns; return what was removed.

        A temp file is an orphan when its process is gone (POSIX) or it has not been
        written to for max_age_s. Finished originals are never touched.
        """
        removed: list[Path] = []
        if not self.originals.is_dir():
            return removed
        now = time.time()
        for temp in self.originals.glob(f"{TMP_PREFIX}*"):
            pid_text = temp.name[len(TMP_PREFIX) :].partition("-")[0]
            try:
                stale = now - temp.stat().st_mtime > max_age_s
            except FileNotFoundError:
                continue  # its import just finished
            if stale or not _alive(pid_text):
                temp.unlink(missing_ok=True)
                removed.append(temp)
        return removed

    def write_derivative(self, path: Path, data: bytes) -> None:
        """Write a derivative atomically; no fsync, since it can be made again."""
        path.parent.mkdir(parents=True, exist_ok=True)
        # Staged beside the originals so clean_orphans also finds one a crash left.
        temp = self.temp_path()
        temp.write_bytes(data)
        os.replace(temp, path)


def _alive(pid_text: str) -> bool:
    """Whether the process that named a temp file may still be running."""
    if os.name == "nt" or not pid_text.isdigit():
        return True  # no safe liveness probe: rely on the file's age
    pid = int(pid_text)
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        # A zombie (killed, not yet reaped) is not running any import.
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    return True
