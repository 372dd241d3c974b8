# SPDX-License-Identifier: Apache-2.0
"""What every use case gets: the data directory, the store, and who is acting."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from fieldcheck import paths
from fieldcheck.core import timefmt
from fieldcheck.core.errors import ReadOnlyStorageError
from fieldcheck.storage.db import Database

SYSTEM_ACTOR = "system"


@dataclass
class AppContext:
    """The composition of one open data directory; made by open_context."""

    home: paths.Home
    db: Database

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
    _use_device_zone(home.settings)
    return AppContext(home=home, db=Database(home.database, check=check))


def _use_device_zone(settings: Path) -> None:
    """Times are shown on the device's clock (设置 → 本机时区), headless jobs included."""
    try:
        zone = json.loads(settings.read_text(encoding="utf-8")).get("time_zone")
        timefmt.set_zone(zone if isinstance(zone, str) else None)
    except (OSError, ValueError, AttributeError):
        timefmt.set_zone(None)
