# SPDX-License-Identifier: Apache-2.0
"""Record ids made on the device: UUIDv7 (RFC 9562), time-ordered, no server needed."""

from __future__ import annotations

import os
import threading
import time
import uuid
from typing import NewType

SiteId = NewType("SiteId", str)
PersonId = NewType("PersonId", str)
InspectionId = NewType("InspectionId", str)
FindingId = NewType("FindingId", str)
PhotoId = NewType("PhotoId", str)
NoticeId = NewType("NoticeId", str)
SignatureId = NewType("SignatureId", str)
EventId = NewType("EventId", str)

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def uuid7() -> uuid.UUID:
    """A UUIDv7; ids made in the same millisecond on this process stay ordered."""
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            # Same (or earlier, clock stepped back) millisecond: keep order with a
            # 12-bit counter in rand_a, borrowing the next millisecond if it overflows.
            _counter += 1
            if _counter > 0xFFF:
                _last_ms += 1
                _counter = 0
            ms = _last_ms
        else:
            _last_ms = ms
            _counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
        rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
        value = (ms & ((1 << 48) - 1)) << 80
        value |= 0x7 << 76
        value |= _counter << 64
        value |= 0b10 << 62
        value |= rand_b
    return uuid.UUID(int=value)


def new_id() -> str:
    """A new record id as its canonical 36-character text."""
    return str(uuid7())


def is_id(text: str) -> bool:
    """True when text is a canonical UUID string."""
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False
