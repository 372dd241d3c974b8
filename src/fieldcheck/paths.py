# SPDX-License-Identifier: Apache-2.0
"""Every path fieldcheck uses comes from here (platformdirs, FIELDCHECK_HOME, portable mode)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "fieldcheck"
ENV_HOME = "FIELDCHECK_HOME"
PORTABLE_MARKER = "portable.txt"  # beside the frozen executable: keep data there


def _frozen_dir() -> Path | None:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def default_home() -> Path:
    """FIELDCHECK_HOME, else portable data beside a frozen app, else the user data dir."""
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    frozen = _frozen_dir()
    if frozen is not None and (frozen / PORTABLE_MARKER).exists():
        return frozen / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Home:
    """The layout of one data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "fieldcheck.db"

    @property
    def photos(self) -> Path:
        return self.root / "photos"

    @property
    def report_photos(self) -> Path:
        """Citizens' photos of the 随手拍 reports this device's tasks come from."""
        return self.root / "report_photos"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def documents(self) -> Path:
        return self.root / "documents"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"


def home(root: str | os.PathLike[str] | None = None) -> Home:
    """The Home for root, or for the default location."""
    return Home(Path(root).expanduser().resolve() if root else default_home().resolve())


def _data_root() -> Path:
    """Where bundled data (checklists/, resources/) lives: frozen, installed or source tree."""
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        return Path(meipass)
    installed = Path(__file__).resolve().parent / "_data"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2]  # src/fieldcheck -> repository root


def checklists_dir() -> Path:
    """The bundled criteria sets and checklists."""
    return _data_root() / "checklists"


def resources_dir() -> Path:
    """Bundled fonts, icons, style sheet and translations."""
    return _data_root() / "resources"
