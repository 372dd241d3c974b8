# SPDX-License-Identifier: Apache-2.0
"""The sync protocol versions this build speaks, and the one error for any other."""

from __future__ import annotations

from typing import Literal

from fieldcheck.sync.protocol import PROTOCOL_VERSION

SUPPORTED_PROTOCOLS: frozenset[int] = frozenset({PROTOCOL_VERSION})


class ProtocolMismatch(Exception):
    """The other side speaks a sync protocol version this build cannot serve."""

    def __init__(self, theirs: int, side: Literal["device", "server"]) -> None:
        self.theirs = theirs
        self.side = side
        ours = ", ".join(str(n) for n in sorted(SUPPORTED_PROTOCOLS))
        if side == "device":
            todo = (
                "update the fieldcheck app on this device"
                if theirs < min(SUPPORTED_PROTOCOLS)
                else "update fieldcheck-server"
            )
            text = f"the device speaks sync protocol {theirs}; this server speaks {ours}"
        else:
            todo = (
                "update the fieldcheck app on this device"
                if theirs > max(SUPPORTED_PROTOCOLS)
                else "ask the administrator to update fieldcheck-server"
            )
            text = f"the server speaks sync protocol {theirs}; this app speaks {ours}"
        super().__init__(f"{text}: {todo}; nothing was sent or changed")
