# SPDX-License-Identifier: Apache-2.0
"""One credential, one data directory: a copied or restored home is told apart.

At login and at every sync the device offers a fresh random token together with the
one the server confirmed last time; the server keeps the hash of the newest. A copy of
the directory (or a restore from backup) still holds an older token once the original
has checked in again, and a second home logging in with the same credential holds none:
both are refused with what to do. Offering the same fresh token twice (its answer was
lost) is accepted, so a cut connection never looks like a copy.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server.auth import Device
from fieldcheck.server.tables import HOME
from fieldcheck.sync.protocol import HomeAnswer, HomeCheck

REENROL = (
    "ask the county to enrol this device again (fieldcheck-server enroll) and run "
    "`fieldcheck login` with the new token before issuing documents; records not yet "
    "synced stay in the outbox and are sent then, and what the other copy synced is "
    "pulled back"
)


class HomeCopied(FieldcheckError):
    """This credential is bound to another copy of the data directory."""


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _when(value: datetime) -> str:
    value = value if value.tzinfo else value.replace(tzinfo=UTC)
    return value.isoformat(timespec="seconds")


def check_in(conn: Connection, device: Device, body: HomeCheck) -> HomeAnswer:
    """Bind the credential to this home, move its token on, or refuse a copy."""
    row = conn.execute(select(HOME).where(HOME.c.device_id == device.id)).first()
    now = clock.now()
    fresh = _sha(body.next)
    if row is None:
        conn.execute(
            HOME.insert().values(device_id=device.id, home_sha256=fresh, bound_at=now, seen_at=now)
        )
        return HomeAnswer(bound_at=now)
    known = row.home_sha256 == fresh or (
        body.current is not None and row.home_sha256 == _sha(body.current)
    )
    if not known:
        raise HomeCopied(_refusal(device, body, row.bound_at, row.seen_at))
    conn.execute(
        update(HOME).where(HOME.c.device_id == device.id).values(home_sha256=fresh, seen_at=now)
    )
    return HomeAnswer(bound_at=row.bound_at)


def _refusal(device: Device, body: HomeCheck, bound: datetime, seen: datetime) -> str:
    if body.current is None:
        return (
            f"credential of {device.name} ({device.id}) is already in use by another data "
            f"directory (since {_when(bound)}, last seen {_when(seen)}); one credential serves "
            "one home: enrol this device with its own credential (fieldcheck-server enroll)"
        )
    return (
        f"this data directory is a copy or a restored backup: credential of {device.name} "
        f"({device.id}) was used from another copy since (last at {_when(seen)}), so numbers "
        f"issued here could clash; {REENROL}"
    )


def require(conn: Connection, device: Device, presented: str | None) -> None:
    """A push must come from the home the credential is bound to (if it is bound)."""
    row = conn.execute(select(HOME.c.home_sha256).where(HOME.c.device_id == device.id)).first()
    if row is None:  # a device that never checked in (older client): nothing to compare
        return
    if presented is None or _sha(presented) != row.home_sha256:
        raise HomeCopied(
            f"this push does not come from the data directory credential of {device.name} "
            f"({device.id}) is bound to: it is a copy or a restored backup; {REENROL}"
        )
