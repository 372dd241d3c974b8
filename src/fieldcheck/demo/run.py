# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck demo` on a data folder: only an empty one, honest about what it saved.

Seeding is hundreds of use cases, each its own transaction, so a full disk or a kill
can stop it part-way. A marker file beside the database says a seeding is under way;
it goes only when the whole set is in. A later run that finds the marker knows the
folder holds nothing but a partial demo set (a demo only ever starts in an empty
folder), removes it and starts over; a run that fails says what is stored.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from fieldcheck import paths
from fieldcheck.core.errors import FieldcheckError, StorageError
from fieldcheck.services.context import open_context
from fieldcheck.services.findings.ledger import counts
from fieldcheck.services.sites import sites

MARKER = "demo-incomplete"


class DemoError(FieldcheckError):
    """The demo could not be seeded here; the message says what the folder holds."""


def _stored(root: Path) -> str:
    """What the folder's database holds, in words."""
    try:
        with open_context(root, check=False) as ctx:
            c = counts(ctx)
            people = len(sites.list_people(ctx))
    except StorageError as exc:
        return f"what it holds cannot be read ({exc})"
    return (
        f"{people} people, {c['sites']} sites, {c['inspections']} inspections, "
        f"{c['findings']} findings and {c['photos']} photos"
    )


def _remove_partial(home: paths.Home) -> None:
    """Everything an interrupted demo wrote (the window's settings.json stays)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{home.database}{suffix}").unlink(missing_ok=True)
    for folder in (home.photos, home.documents, home.keys, home.cache):
        shutil.rmtree(folder, ignore_errors=True)


def _mark(marker: Path) -> None:
    try:
        with marker.open("w", encoding="utf-8") as fh:
            fh.write("a demo seeding began here and has not finished\n")
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise DemoError(
            f"{marker.parent}: cannot write here ({exc.strerror}); the demo saved nothing"
        ) from exc


def run_demo(root: str | Path | None, *, jurisdiction: str, seed: int) -> dict[str, Any]:
    """Seed the demo set into the data folder at root; returns its counts and, under
    "restarted", whether a partial set of an interrupted run was removed first."""
    from fieldcheck.demo.seed import seed_demo

    home = paths.home(root)
    marker = home.root / MARKER
    restarted = marker.exists()
    if restarted:
        _remove_partial(home)
    else:
        with open_context(home.root) as ctx:
            c = counts(ctx)
            people = len(sites.list_people(ctx))
        if people or c["sites"] or c["inspections"]:
            raise DemoError(
                f"{home.root} already holds data ({_stored(home.root)}); the demo seeds only "
                "an empty data folder and changed nothing — give it another one with --home"
            )
    _mark(marker)
    try:
        with open_context(home.root) as ctx:
            summary = seed_demo(ctx, jurisdiction=jurisdiction, seed=seed)
    except (StorageError, OSError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise DemoError(
            f"the demo stopped part-way: {why}. {home.root} now holds a partial demo set "
            f"({_stored(home.root)}); run `fieldcheck demo` again (with space to spare) and it "
            "removes the partial set and starts over"
        ) from exc
    marker.unlink()
    return summary | {"restarted": restarted}
