# SPDX-License-Identifier: Apache-2.0
"""What every use case gets: the data directory, the store, and who is acting."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fieldcheck import paths
from fieldcheck.core import timefmt
from fieldcheck.core.errors import ReadOnlyStorageError
from fieldcheck.storage import device_repo
from fieldcheck.storage.db import Database

SYSTEM_ACTOR = "system"


@dataclass
class AppContext:
    """The composition of one open data directory; made by open_context."""

    home: paths.Home
    db: Database

    @property
    def read_only(self) -> bool:
        """The data folder cannot be written: it was opened for reading only."""
        return self.db.read_only

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> AppContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_context(root: str | Path | None = None, *, check: bool = True) -> AppContext:
    """Open (creating if needed) the data directory at root or the default one."""
    home = paths.home(root)
    try:
        home.root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReadOnlyStorageError(
            f"{home.root}: cannot create the data directory ({exc.strerror})"
        ) from exc
    ctx = AppContext(home=home, db=Database(home.database, check=check))
    _use_device_zone(ctx.db)
    return ctx


def _use_device_zone(db: Database) -> None:
    """Times are shown on the device's clock (设置 → 本机时区), headless jobs included."""
    with db.read() as s:
        zone = device_repo.get(s, "time_zone")
    try:
        timefmt.set_zone(zone or None)
    except ValueError:
        timefmt.set_zone(None)  # a zone this machine does not know: the default
