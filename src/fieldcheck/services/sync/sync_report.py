# SPDX-License-Identifier: Apache-2.0
"""What one sync did, filled in by the push (sync_push) and the pull (sync) steps."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class SyncReport:
    """What one sync did; ``ok`` only when nothing is left unexplained."""

    server: str
    pushed: int = 0
    accepted: int = 0
    duplicate: int = 0
    conflict: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)  # kept pending: they go again
    # Refused by the server (entity, id, code, reason): set aside in 同步冲突 for a person;
    # the rest of the outbox went on, so they leave ``ok`` as it is.
    refused: list[dict[str, str]] = field(default_factory=list)
    held_back: int = 0  # outbox rows not sent: they name a record set aside
    photos_sent: int = 0
    photos_already_there: int = 0
    bytes_sent: int = 0
    pulled: int = 0
    applied: int = 0
    pull_conflicts: int = 0
    quarantined: int = 0  # pulled records this device could not apply, set aside for a person
    pending_after: int = 0
    open_conflicts: int = 0
    campaigns: int | None = None  # 专项行动 kept after the sync; None: the server has none
    tasks: int | None = None  # 交办 tasks kept after the sync; None: the server has none
    tasks_reported: int = 0  # inspections the server now counts as doing their task
    task_photos_missing: int = 0  # a report task's photos the server did not give yet
    error: str = ""
    error_kind: str = ""  # the exception's class name, for the window's own words

    @property
    def ok(self) -> bool:
        return not self.error and not self.rejected

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}
