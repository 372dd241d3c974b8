# SPDX-License-Identifier: Apache-2.0
"""The one server a device syncs with, as services and the window see it."""

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
