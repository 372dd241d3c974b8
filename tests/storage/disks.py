# SPDX-License-Identifier: Apache-2.0
"""Real small and read-only disks for tests: a tmpfs mounted for the test (root only).

A full disk and a read-only mount are not simulated with SQLite pragmas here: the
file system itself answers ENOSPC and EROFS, as a full USB stick or a write-protected
share does. Without the right to mount (not root, or a container without
CAP_SYS_ADMIN) the test is skipped and says why.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True, check=False)


@contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    """A tmpfs of size (e.g. "2m") mounted at where for the block's duration."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small disk needs root (CI runs as root)")
    where.mkdir(parents=True, exist_ok=True)
    done = _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def remount(where: Path, options: str) -> None:
    """Change a mounted tmpfs: "ro", "rw", "size=40m"."""
    done = _mount("-o", f"remount,{options}", str(where))
    assert done.returncode == 0, done.stderr
