# SPDX-License-Identifier: Apache-2.0
"""Per-device limits: request rate, and unfinished photo uploads (count and bytes).

An enrolled device that misbehaves (or a stolen credential) must not exhaust the
server: each device gets a token bucket of requests, and at most a few photo uploads
open at once with a bounded total of partial bytes. Over a limit the answer is 429
with Retry-After, which the device's client waits out and retries. Partial uploads
left unfinished for a day are removed (a device resumes from zero then).

The counts live in this process: with several server processes behind a proxy each
keeps its own, so a device's ceiling is that many times these figures.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

RATE = 200.0  # requests per second a device may keep up
BURST = 2000  # requests it may send at once
MAX_OPEN_UPLOADS = 16  # photo uploads begun and not finished, per device
MAX_PARTIAL_BYTES = 256 * 1024 * 1024  # their bytes received so far, per device
STALE_AFTER_S = 24 * 3600.0  # an unfinished upload untouched this long is removed
SWEEP_EVERY_S = 600.0  # how often the removal runs (on the next upload)


class OverLimit(Exception):
    """A device went over one of its limits; retry after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass
class _Bucket:
    tokens: float
    at: float


@dataclass
class Limits:
    """The limits of one server process; ``clock`` is injectable for tests."""

    rate: float = RATE
    burst: int = BURST
    max_open: int = MAX_OPEN_UPLOADS
    max_partial: int = MAX_PARTIAL_BYTES
    clock: object = time.monotonic
    _buckets: dict[str, _Bucket] = field(default_factory=dict)
    _open: dict[str, dict[str, int]] = field(default_factory=dict)  # device -> sha -> bytes
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _swept: float = 0.0

    def _now(self) -> float:
        return float(self.clock())  # type: ignore[operator]

    def request(self, device_id: str) -> None:
        """Take one token for a request of device_id, or OverLimit."""
        now = self._now()
        with self._lock:
            b = self._buckets.get(device_id)
            if b is None:
                b = self._buckets[device_id] = _Bucket(float(self.burst), now)
            b.tokens = min(float(self.burst), b.tokens + (now - b.at) * self.rate)
            b.at = now
            if b.tokens < 1.0:
                wait = max(1, int((1.0 - b.tokens) / self.rate + 0.999))
                raise OverLimit(
                    f"too many requests from this device (more than {self.rate:g} a second "
                    "for long); slow down and retry",
                    wait,
                )
            b.tokens -= 1.0

    def upload(self, device_id: str, sha: str, received_before: int, adding: int) -> None:
        """Before a range is written: refuse one that opens too many or too large uploads."""
        with self._lock:
            mine = self._open.setdefault(device_id, {})
            if sha not in mine and len(mine) >= self.max_open:
                raise OverLimit(
                    f"this device has {len(mine)} photo uploads unfinished (at most "
                    f"{self.max_open}); finish those first",
                    30,
                )
            total = sum(v for k, v in mine.items() if k != sha) + received_before + adding
            if total > self.max_partial:
                raise OverLimit(
                    f"this device's unfinished photo uploads would hold {total:,} bytes "
                    f"(at most {self.max_partial:,}); finish those first",
                    30,
                )

    def uploaded(self, device_id: str, sha: str, received: int, complete: bool) -> None:
        """After a range was written: track the partial upload, or forget a finished one."""
        with self._lock:
            mine = self._open.setdefault(device_id, {})
            if complete:
                mine.pop(sha, None)
            else:
                mine[sha] = received

    def sweep_due(self) -> bool:
        """True at most once per SWEEP_EVERY_S: time to remove stale partial uploads."""
        now = self._now()
        with self._lock:
            if now - self._swept < SWEEP_EVERY_S and self._swept:
                return False
            self._swept = now
            return True

    def forget(self, shas: set[str]) -> None:
        """Partial uploads that were removed no longer count against anyone."""
        with self._lock:
            for mine in self._open.values():
                for sha in shas & set(mine):
                    del mine[sha]
