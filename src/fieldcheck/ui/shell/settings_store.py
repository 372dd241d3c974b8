# SPDX-License-Identifier: Apache-2.0
"""The window's settings in home.settings (JSON): who I am, my grid, the language.

Settings that change records (numbering prefix, server) belong to the device's database:
see ``fieldcheck.services.device_settings``.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from fieldcheck.core.errors import ReadOnlyStorageError, StorageError

LANGUAGES = ("zh_CN", "en")


@dataclass
class Settings:
    """Window preferences the first-run wizard asks and the settings screen edits."""

    person_id: str = ""  # who I am: the actor of every change made in the window
    jurisdiction: str = ""  # my grid / township code: "sites in my grid"
    language: str = "zh_CN"

    @property
    def complete(self) -> bool:
        """True once the first-run wizard has said who I am."""
        return bool(self.person_id)


# What earlier builds kept here and the database owns now (moved over on first open).
LEGACY_DEVICE_KEYS = ("unit_prefix", "server_url")


def _read(path: Path) -> dict[str, object]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StorageError(f"{path}: the settings file cannot be read ({exc})") from exc
    if not isinstance(data, dict):
        raise StorageError(f"{path}: the settings file does not hold a JSON object")
    return data


def legacy_device_values(path: Path) -> dict[str, str]:
    """unit_prefix / server_url an older version left in the file (non-empty ones)."""
    data = _read(path)
    return {k: str(data[k]).strip() for k in LEGACY_DEVICE_KEYS if str(data.get(k) or "").strip()}


def load_settings(path: Path) -> Settings:
    """The settings at path; defaults when the file does not exist yet."""
    data = _read(path)
    known = {f.name for f in fields(Settings)}
    values = {k: str(v) for k, v in data.items() if k in known and v is not None}
    settings = Settings(**values)
    if settings.language not in LANGUAGES:
        settings.language = "zh_CN"
    return settings


def save_settings(path: Path, settings: Settings) -> None:
    """Write the settings atomically: a temporary file, fsync, then rename."""
    tmp = path.with_suffix(".json.tmp")
    text = json.dumps(asdict(settings), ensure_ascii=False, indent=2)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise ReadOnlyStorageError(f"{path}: cannot save the settings ({exc.strerror})") from exc
