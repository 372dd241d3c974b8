# SPDX-License-Identifier: Apache-2.0
"""The one server a device syncs with, and the attempts to sync, as services and the
window see them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class SyncAccount(BaseModel):
    """This device's login at its server: credential, identity, pull cursor, pinned key."""

    model_config = ConfigDict(frozen=True)

    server_url: str
    token: str  # the enrollment credential; never printed or logged
    device_id: str
    name: str
    role: str
    jurisdiction: str
    cursor: int = 0
    logged_in_at: datetime
    # The server's public key, pinned at the first login: attestations must verify under it.
    server_key_b64: str = ""


class SyncRun(BaseModel):
    """One sync attempt and what it achieved, kept as proof for the person."""

    model_config = ConfigDict(frozen=True)

    id: int
    server_url: str
    started_at: datetime
    finished_at: datetime | None = None  # None: it did not finish (an error or a crash)
    pushed: int = 0
    accepted: int = 0
    duplicate: int = 0
    conflict: int = 0
    rejected: int = 0
    photos_sent: int = 0
    bytes_sent: int = 0
    pulled: int = 0
    error: str = ""
