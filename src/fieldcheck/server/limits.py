# SPDX-License-Identifier: Apache-2.0
"""Per-device limits: request rate, and unfinished photo uploads (count and bytes).

An enrolled device that misbehaves (or a stolen credential) must not exhaust the
server: each device gets a token bucket of requests, and at most a few photo uploads
open at once with a bounded total of partial bytes. Over a limit the answer is 429
with Retry-After, which the device's client waits out and retries. Partial uploads
left unfinished for a day are removed (a device resumes from zero then).

The counts live in the shared database (``device_rate``, ``partial_upload``), so they
hold across every server process behind a proxy. Each check runs in one write
transaction, one device at a time: on PostgreSQL under a transaction-level advisory
lock keyed by the device, on SQLite under the server's BEGIN IMMEDIATE. So that a
request costs no database write, a process takes request tokens from the shared bucket
``lease`` at a time and spends them itself; tokens a process took and has not spent
are spent by no one else (a device is refused early by at most that many, never late).
The counts are not evidence: they are written through ``Server.count``, whose commits do
not wait for the disk (a power cut may lose the last few updates: a device then gets a
few tokens back, or an upload slot stays taken until it is swept as stale).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import Connection

from fieldcheck.server.tables import DEVICE_RATE as B
from fieldcheck.server.tables import PARTIAL_UPLOAD as P

RATE = 200.0  # requests per second a device may keep up
BURST = 2000  # requests it may send at once
LEASE = 20  # request tokens a process takes from the shared bucket at a time
MAX_OPEN_UPLOADS = 16  # photo uploads begun and not finished, per device
MAX_PARTIAL_BYTES = 256 * 1024 * 1024  # their bytes received so far, per device
STALE_AFTER_S = 24 * 3600.0  # an unfinished upload untouched this long is removed
SWEEP_EVERY_S = 600.0  # how often the removal runs (on the next upload)

Write = Callable[..., Any]  # Server.count: fn(conn, *args) in one write transaction


class OverLimit(Exception):
    """A device went over one of its limits; retry after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _hold(conn: Connection, device_id: str) -> None:
    """Count this device's limits one transaction at a time, in every process."""
    if conn.dialect.name != "postgresql":
        return  # SQLite: BEGIN IMMEDIATE already holds the one write lock
    digest = hashlib.sha256(f"device-limits:{device_id}".encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


@dataclass
class Limits:
    """The limits, counted in the database; ``clock`` (Unix seconds) is injectable."""

    rate: float = RATE
    burst: int = BURST
    lease: int = LEASE
    max_open: int = MAX_OPEN_UPLOADS
    max_partial: int = MAX_PARTIAL_BYTES
    clock: Callable[[], float] = time.time
    _leased: dict[str, int] = field(default_factory=dict)  # this process's unspent tokens
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _swept: float = 0.0

    def spend_leased(self, device_id: str) -> bool:
        """Spend one of this process's leased tokens of device_id, without the database;
        False when none is left (then ``request`` takes more)."""
        with self._lock:
            if self._leased.get(device_id, 0) > 0:
                self._leased[device_id] -= 1
                return True
        return False

    def request(self, write: Write, device_id: str) -> None:
        """Spend one request token of device_id, or OverLimit."""
        if self.spend_leased(device_id):
            return
        taken = write(self._take, device_id)
        with self._lock:
            self._leased[device_id] = self._leased.get(device_id, 0) + taken - 1

    def _take(self, conn: Connection, device_id: str) -> int:
        """Up to ``lease`` tokens from the device's shared bucket (at least one)."""
        _hold(conn, device_id)
        now = self.clock()
        row = conn.execute(select(B.c.tokens, B.c.counted_at).where(B.c.device_id == device_id))
        found = row.first()
        tokens = float(self.burst) if found is None else found.tokens
        if found is not None:
            tokens = min(float(self.burst), tokens + max(0.0, now - found.counted_at) * self.rate)
        taken = min(max(1, self.lease), int(tokens))
        if taken < 1:
            wait = max(1, int((1.0 - tokens) / self.rate + 0.999))
            raise OverLimit(
                f"too many requests from this device (more than {self.rate:g} a second "
                "for long); slow down and retry",
                wait,
            )
        values = {"tokens": tokens - taken, "counted_at": now}
        if found is None:
            conn.execute(insert(B).values(device_id=device_id, **values))
        else:
            conn.execute(update(B).where(B.c.device_id == device_id).values(**values))
        return taken

    def upload(
        self, conn: Connection, device_id: str, sha: str, received_before: int, adding: int
    ) -> None:
        """Before a range is written: refuse one that opens too many or too large uploads,
        else reserve its bytes in the same transaction, so two processes never both give
        away a device's last slot (``uploaded`` then records what was really written)."""
        _hold(conn, device_id)
        rows = conn.execute(select(P.c.sha256, P.c.received).where(P.c.device_id == device_id))
        mine = {str(r.sha256): int(r.received) for r in rows}
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
        self._record(conn, device_id, sha, received_before + adding)

    def uploaded(
        self, conn: Connection, device_id: str, sha: str, received: int, complete: bool
    ) -> None:
        """After a range was written: track the partial upload, or forget a finished one
        (for every device: the original is whole now)."""
        if complete:
            conn.execute(delete(P).where(P.c.sha256 == sha))
        else:
            self._record(conn, device_id, sha, received)

    def anyone_uploading(self, conn: Connection, sha: str) -> bool:
        """Whether any device holds an upload slot for sha (read only)."""
        return (
            conn.execute(select(P.c.sha256).where(P.c.sha256 == sha).limit(1)).first() is not None
        )

    def _record(self, conn: Connection, device_id: str, sha: str, received: int) -> None:
        this = (P.c.device_id == device_id, P.c.sha256 == sha)
        values = {"received": received, "touched_at": self.clock()}
        if conn.execute(select(P.c.sha256).where(*this)).first() is None:
            conn.execute(insert(P).values(device_id=device_id, sha256=sha, **values))
        else:
            conn.execute(update(P).where(*this).values(**values))

    def sweep_due(self) -> bool:
        """True at most once per SWEEP_EVERY_S in this process: time to remove stale
        partial uploads (removing them twice, from two processes, is harmless)."""
        now = self.clock()
        with self._lock:
            if now - self._swept < SWEEP_EVERY_S and self._swept:
                return False
            self._swept = now
            return True

    def forget(self, conn: Connection, shas: Iterable[str]) -> None:
        """Partial uploads that were removed, and any untouched for STALE_AFTER_S (an S3
        bucket's lifecycle rule removes those), no longer count against anyone."""
        gone = sorted(set(shas))
        for i in range(0, len(gone), 500):
            conn.execute(delete(P).where(P.c.sha256.in_(gone[i : i + 500])))
        conn.execute(delete(P).where(P.c.touched_at < self.clock() - STALE_AFTER_S))
