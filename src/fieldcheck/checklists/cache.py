# SPDX-License-Identifier: Apache-2.0
"""A start-up cache of the loaded Library, keyed by the hashes of its source files.

Parsing and validating every YAML file takes a few hundred milliseconds; unpickling
the result takes a few. The key covers each file's path and SHA-256, the fieldcheck
version and this cache's format, so any edit, added or removed file, or upgrade
reads the YAML again. A damaged cache file is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from fieldcheck import __version__
from fieldcheck.checklists.library import Library
from fieldcheck.checklists.loader import find_files, read_lenient

FORMAT = 3  # bump when Library or the models change shape
PREFIX = "checklists-"
_memo: dict[str, Library] = {}


def fingerprint(files: Sequence[Path]) -> str:
    """SHA-256 over the format, versions and every file's path and content hash."""
    h = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version_info[:2]}".encode())
    for path in files:
        h.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _read(path: Path) -> Library | None:
    try:
        with path.open("rb") as fh:
            lib = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:
        return None
    return lib if isinstance(lib, Library) else None


def _write(cache_dir: Path, path: Path, lib: Library) -> None:
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=PREFIX, suffix=".tmp", dir=cache_dir)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(lib, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in cache_dir.glob(f"{PREFIX}*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache only costs start-up time


def load(dirs: Sequence[Path], cache_dir: Path | None, lenient: Sequence[Path] = ()) -> Library:
    """The Library for dirs, from memory, the cache file, or the YAML (then cached).

    A file with a problem under one of the ``lenient`` dirs (a county's own folder) is
    left out and named in ``Library.skipped``; anywhere else it stops the load."""
    files = find_files(dirs)
    key = fingerprint(files)
    lib = _memo.get(key)
    if lib is not None:
        return lib
    path = cache_dir / f"{PREFIX}{key[:40]}.pickle" if cache_dir else None
    lib = _read(path) if path else None
    if lib is None:
        lib = read_lenient(files, strict_outside(lenient)).library()
        if path is not None and cache_dir is not None:
            _write(cache_dir, path, lib)
    _memo.clear()  # keep only the current library in memory
    _memo[key] = lib
    return lib


def forget() -> None:
    """Drop the in-memory copy (tests; after installing new checklist files)."""
    _memo.clear()


def strict_outside(lenient: Sequence[Path]) -> Callable[[Path], bool]:
    """True for a file under none of the lenient dirs: its problems stop the load."""
    roots = [d.resolve() for d in lenient]
    return lambda f: not any(f.resolve().is_relative_to(r) for r in roots)
