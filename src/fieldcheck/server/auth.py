# SPDX-License-Identifier: Apache-2.0
"""Device credentials: issued once, stored only as a SHA-256, checked on every request."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError, NotFoundError
from fieldcheck.core.ids import new_id
from fieldcheck.server.tables import DEVICE
from fieldcheck.sync.protocol import DeviceRole

TOKEN_PREFIX = "fct1_"
CHECKED = "credential_checked"
"""The request-state key of (token, Device) once a request's credential was checked."""


class AuthError(FieldcheckError):
    """The credential is missing, unknown, expired or revoked."""


@dataclass(frozen=True)
class Device:
    """An authenticated device: who it is and what it may see."""

    id: str
    name: str
    role: DeviceRole
    jurisdiction: str

    def covers(self, jurisdiction: str) -> bool:
        """Codes are hierarchical (county 330106 contains township 330106001)."""
        return jurisdiction.startswith(self.jurisdiction)


def token_hash(token: str) -> str:
    """What the server stores instead of the token itself."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def enroll(
    conn: Connection,
    *,
    name: str,
    role: DeviceRole,
    jurisdiction: str,
    days: int | None = None,
) -> tuple[Device, str]:
    """A new device credential; the token is returned here once and never again."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = clock.now()
    device = Device(id=new_id(), name=name, role=role, jurisdiction=jurisdiction)
    conn.execute(
        DEVICE.insert().values(
            id=device.id,
            name=name,
            role=role.value,
            jurisdiction=jurisdiction,
            token_sha256=token_hash(token),
            created_at=now,
            expires_at=now + timedelta(days=days) if days else None,
        )
    )
    return device, token


def revoke(conn: Connection, device_id: str) -> None:
    """Refuse the device's credential from now on."""
    table = DEVICE
    done = conn.execute(
        update(table)
        .where(table.c.id == device_id, table.c.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )
    if done.rowcount == 0:
        exists = conn.execute(select(table.c.id).where(table.c.id == device_id)).first()
        if exists is None:
            raise NotFoundError("device", device_id)


def authenticate(conn: Connection, token: str) -> Device:
    """The device a bearer token belongs to, or AuthError saying why not."""
    table = DEVICE
    row = conn.execute(select(table).where(table.c.token_sha256 == token_hash(token))).first()
    if row is None:
        raise AuthError("unknown credential")
    if row.revoked_at is not None:
        raise AuthError("this credential was revoked")
    if row.expires_at is not None and _aware(row.expires_at) <= clock.now():
        raise AuthError("this credential has expired; enroll the device again")
    return Device(
        id=row.id, name=row.name, role=DeviceRole(row.role), jurisdiction=row.jurisdiction
    )


def serial_of(conn: Connection, device_id: str) -> int:
    """The device's place in enrolment order (1, 2, ...): its code in document numbers.

    Enrolment only ever adds rows (revoking keeps them), so the place never changes and
    no two enrolled devices share one."""
    table = DEVICE
    me = conn.execute(select(table.c.created_at).where(table.c.id == device_id)).scalar_one()
    earlier = conn.execute(
        select(func.count())
        .select_from(table)
        .where((table.c.created_at < me) | ((table.c.created_at == me) & (table.c.id < device_id)))
    ).scalar_one()
    return int(earlier) + 1


def devices(conn: Connection) -> list[dict[str, object]]:
    """Every enrolled device, without any secret."""
    table = DEVICE
    rows = conn.execute(select(table).order_by(table.c.created_at)).all()
    return [
        {
            "device_id": r.id,
            "name": r.name,
            "role": r.role,
            "jurisdiction": r.jurisdiction,
            "created_at": _aware(r.created_at).isoformat(),
            "revoked": r.revoked_at is not None,
        }
        for r in rows
    ]


def _aware(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo else value.replace(tzinfo=UTC)
