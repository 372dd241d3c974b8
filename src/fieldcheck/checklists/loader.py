# SPDX-License-Identifier: Apache-2.0
"""Loading directories of YAML files into a Library: all valid, or nothing."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fieldcheck.checklists import yamlread
from fieldcheck.checklists.library import Library
from fieldcheck.checklists.models import Checklist, CriteriaSet
from fieldcheck.checklists.problems import ChecklistDataError, Problem
from fieldcheck.checklists.validate import Located, cross_check, validate_document

SUFFIXES = (".yaml", ".yml")


def shown(path: Path) -> str:
    """path relative to the working directory when it is below it (shorter messages)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def find_files(dirs: Iterable[Path]) -> list[Path]:
    """Every YAML file under the given directories (or the files themselves), sorted."""
    found: dict[Path, None] = {}
    for base in dirs:
        if base.is_file():
            found[base.resolve()] = None
            continue
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            hidden = any(part.startswith(".") for part in path.relative_to(base).parts)
            if path.suffix.lower() in SUFFIXES and path.is_file() and not hidden:
                found[path.resolve()] = None
    return list(found)


@dataclass
class Loaded:
    """The outcome of reading files: the valid documents, every problem, notes."""

    docs: list[Located] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)  # files left out (read_lenient)

    def library(self) -> Library:
        """The Library of the documents; raises ChecklistDataError if anything was wrong."""
        if self.problems:
            raise ChecklistDataError(self.problems)
        lib = build_library(self.docs)
        lib.skipped = list(self.skipped)
        return lib


def read_files(files: Sequence[Path]) -> Loaded:
    """Parse and validate each file, then check the links between all of them."""
    out = Loaded()
    for path in files:
        where = shown(path)
        parsed = yamlread.read(path, where)
        if isinstance(parsed, Problem):
            out.problems.append(parsed)
            continue
        if parsed.encoding != "utf-8":
            out.notes.append(f"{where}: note: read as {parsed.encoding.upper()}; save it as UTF-8")
        result = validate_document(where, parsed)
        if isinstance(result, list):
            out.problems.extend(result)
        else:
            out.docs.append(result)
    out.problems.extend(cross_check(out.docs))
    out.problems.sort()
    return out


def read_lenient(files: Sequence[Path], strict: Callable[[Path], bool]) -> Loaded:
    """Like read_files, but a file that is not ``strict`` and has a problem is left out.

    The bundled library is strict (a problem there is fatal, as before); a county's own
    file with a problem is skipped, named with its problems in ``Loaded.skipped``, and
    the rest load. Leaving a file out may break a link from another: that one is left
    out too, on the next round."""
    kept = list(files)
    skipped: list[Problem] = []
    for _round in range(len(kept) + 1):
        out = read_files(kept)
        by_file = {shown(f): f for f in kept}
        bad = {by_file[p.where] for p in out.problems if p.where in by_file}
        if not out.problems or any(strict(f) for f in bad) or not bad:
            out.skipped = sorted(skipped)
            return out
        skipped.extend(p for p in out.problems if p.where in by_file and by_file[p.where] in bad)
        kept = [f for f in kept if f not in bad]
    raise AssertionError("unreachable: each round leaves a file out")


def build_library(docs: Iterable[Located]) -> Library:
    """A Library from documents that passed validation."""
    sets: list[CriteriaSet] = []
    checklists: list[Checklist] = []
    sources: dict[str, str] = {}
    for d in docs:
        if isinstance(d.doc, Checklist):
            checklists.append(d.doc)
            sources[f"{d.doc.id}@{d.doc.version}"] = d.where
        else:
            sets.append(d.doc)
            sources[d.doc.id] = d.where
    return Library(sets, checklists, sources)


def load_dirs(dirs: Iterable[Path]) -> Library:
    """Load every YAML file under dirs; raises ChecklistDataError listing every problem."""
    return read_files(find_files(dirs)).library()
