# SPDX-License-Identifier: Apache-2.0
"""Which files a chosen photo folder stands for: never anything outside it.

A folder given to `photo add` or dropped on the window stands for the photos inside
it. A symbolic link in it may point anywhere (a `.jpg` that is a link to the whole
home directory imported 988 unrelated pictures): a link whose target lies outside the
chosen folder is refused by name, and linked folders are never entered. A link given
by itself (not inside a folder) that leads to a folder is refused too; one that leads
to a file is that file, as the person named it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Chosen:
    """The files to import, and what was left out with the reason."""

    files: list[Path] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name, why)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a link loop
        return False
    return True


def _walk(folder: Path, recursive: bool, suffixes: set[str] | None, out: Chosen) -> None:
    root = folder.resolve()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        base = Path(dirpath)
        kept = []
        for d in sorted(dirnames):
            if (base / d).is_symlink():  # os.walk lists links to folders as folders
                out.refused.append((str(base / d), "a link to a folder; it was not entered"))
            elif recursive and not d.startswith("."):
                kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = base / name
            if suffixes is not None and path.suffix.lower() not in suffixes:
                continue
            if path.is_symlink() and not _inside(path, root):
                out.refused.append(
                    (str(path), "a link to a file outside the chosen folder; it was not read")
                )
                continue
            out.files.append(path)


def choose(
    paths: Iterable[str | Path], *, recursive: bool = True, suffixes: set[str] | None = None
) -> Chosen:
    """The files paths stand for: files as given, folders expanded (sorted), suffixes
    filtering what a folder contributes; links out of a folder refused."""
    out = Chosen()
    for given in paths:
        path = Path(given)
        if path.is_symlink() and path.is_dir():
            out.refused.append(
                (str(given), "a link to a folder, not a photo; choose the folder itself")
            )
        elif path.is_dir():
            _walk(path, recursive, suffixes, out)
        else:
            out.files.append(path)
    return out
