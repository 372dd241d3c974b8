# SPDX-License-Identifier: Apache-2.0
"""Checklist use cases: load the library, validate files, snapshots, Excel import.

The UI, the CLI and the inspection service call these; none of it needs Qt.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from fieldcheck import paths
from fieldcheck.checklists import cache, xlsx
from fieldcheck.checklists import snapshot as snap
from fieldcheck.checklists.library import Library
from fieldcheck.checklists.loader import Loaded, find_files, read_files, read_lenient
from fieldcheck.checklists.models import Checklist
from fieldcheck.checklists.problems import Problem
from fieldcheck.core import clock
from fieldcheck.core.errors import CorruptDatabaseError, NotFoundError
from fieldcheck.services.context import AppContext
from fieldcheck.storage import checklist_repo

__all__ = [
    "Library",
    "county_dir",
    "import_xlsx",
    "library_dirs",
    "load_library",
    "load_snapshot",
    "record_snapshot",
    "snapshot",
    "validate_paths",
]


def county_dir(home: paths.Home) -> Path:
    """Where a county or township drops its own checklist YAML files."""
    return home.root / "checklists"


def library_dirs(home: paths.Home | None = None, extra_dirs: Sequence[Path] = ()) -> list[Path]:
    """The bundled directory, then the home's county directory, then extra_dirs."""
    dirs = [paths.checklists_dir()]
    if home is not None:
        dirs.append(county_dir(home))
    dirs.extend(extra_dirs)
    return dirs


def load_library(
    home: paths.Home | None = None,
    *,
    extra_dirs: Sequence[Path] = (),
    use_cache: bool = True,
) -> Library:
    """The library of bundled and county sets; cached on disk under home.cache.

    Raises ChecklistDataError (listing every problem) if a bundled file is invalid. A
    county's own file with a problem is left out and named in ``Library.skipped``;
    the rest of the library loads.

    >>> lib = load_library()
    >>> lib.checklist("youxian-kongjian").items[0].criteria[0].ref
    '第十三条第（一）项'
    """
    dirs = library_dirs(home, extra_dirs)
    lenient = [county_dir(home)] if home is not None else []
    if not use_cache:
        return read_lenient(find_files(dirs), cache.strict_outside(lenient)).library()
    return cache.load(dirs, home.cache if home is not None else None, lenient)


def validate_paths(targets: Sequence[Path], *, with_bundled: bool = True) -> Loaded:
    """Validate files or directories; links may point into the bundled sets."""
    files = find_files(targets)
    missing = [p for p in targets if not p.exists()]
    context: list[Path] = []
    if with_bundled:
        mine = set(files)
        context = [p for p in find_files([paths.checklists_dir()]) if p not in mine]
    loaded = read_files(context + files)  # targets last: duplicates are reported on them
    loaded.problems.extend(Problem(str(p), 0, 0, "no such file or directory") for p in missing)
    if not files and not missing:
        loaded.problems.extend(Problem(str(p), 0, 0, "no .yaml files here") for p in targets)
    loaded.problems.sort()
    return loaded


def snapshot(checklist: Checklist) -> tuple[str, str]:
    """(sha256, canonical JSON) of one checklist version."""
    return snap.snapshot(checklist)


def record_snapshot(ctx: AppContext, checklist: Checklist) -> str:
    """Keep this exact checklist content in the store (once); returns its sha256."""
    sha256, text = snap.snapshot(checklist)
    with ctx.db.transaction() as session:
        checklist_repo.add_snapshot(
            session,
            sha256=sha256,
            checklist_id=checklist.id,
            version=checklist.version,
            content_json=text,
            stored_at=clock.now(),
        )
    return sha256


def load_snapshot(ctx: AppContext, sha256: str) -> Checklist:
    """The checklist exactly as an inspection used it, whatever is loaded today."""
    with ctx.db.read() as session:
        text = checklist_repo.snapshot_text(session, sha256=sha256)
    if text is None:
        raise NotFoundError("checklist snapshot", sha256)
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != sha256:
        raise CorruptDatabaseError(
            f"{ctx.db.path}: checklist snapshot {sha256} does not match its hash; "
            "the stored content was altered"
        )
    return snap.from_json(text)


def import_xlsx(source: Path, out: Path, home: paths.Home | None = None) -> list[Problem]:
    """Convert an Excel checklist to YAML; writes out only when there is no problem."""
    context = read_files(find_files(library_dirs(home)))
    return xlsx.convert(source, out, context.docs)
