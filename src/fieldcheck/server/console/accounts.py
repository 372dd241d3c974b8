# SPDX-License-Identifier: Apache-2.0
"""Console accounts: argon2id passwords, sessions, the login rate limit and lockout, the audit."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError, NotFoundError
from fieldcheck.core.ids import new_id
from fieldcheck.server.console.tables import AuditRow, LoginFailureRow, SessionRow, UserRow
from fieldcheck.server.tables import table_of

U = table_of(UserRow)
S = table_of(SessionRow)
LF = table_of(LoginFailureRow)
A = table_of(AuditRow)

HASHER = PasswordHasher()  # argon2id, RFC 9106 low-memory profile (64 MiB, t=3)
MIN_PASSWORD = 10
SESSION_HOURS = 8  # one working day
LOCK_AFTER = 5  # consecutive failures of one account
LOCK_MINUTES = 15
CLIENT_WINDOW_MINUTES = 10
CLIENT_MAX_FAILURES = 20  # failures from one address within the window
# Checked against when the name is unknown, so a miss costs as long as a hit.
_DUMMY_HASH = HASHER.hash(secrets.token_urlsafe(16))


class ConsoleRole(StrEnum):
    """Who uses the console, from the township up."""

    TOWNSHIP = "township"
    COUNTY = "county"
    CITY = "city"
    ADMIN = "admin"


class LoginRefused(FieldcheckError):
    """Wrong name or password, a disabled or locked account, or too many tries."""

    def __init__(self, message: str, *, throttled: bool = False) -> None:
        super().__init__(message)
        self.throttled = throttled


@dataclass(frozen=True)
class Account:
    """A logged-in console user: what they may see."""

    id: str
    name: str
    role: ConsoleRole
    jurisdiction: str
    csrf: str = ""

    def covers(self, code: str) -> bool:
        """Codes are hierarchical: county 330106 holds township 330106001."""
        return code.startswith(self.jurisdiction)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise FieldcheckError(f"the password must have at least {MIN_PASSWORD} characters")
    if len(set(password)) < 4:
        raise FieldcheckError("the password is too simple")


def audit(conn: Connection, actor: str, action: str, target: str, **detail: object) -> None:
    """Record one change: who, when, what."""
    conn.execute(
        A.insert().values(
            at=clock.now(),
            actor=actor,
            action=action,
            target=target,
            detail_json=json.dumps(detail, ensure_ascii=False, default=str),
        )
    )


def add_user(
    conn: Connection,
    *,
    name: str,
    role: ConsoleRole,
    jurisdiction: str,
    password: str,
    actor: str,
) -> str:
    """A new account; refuses a name already taken."""
    name = name.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise FieldcheckError("--name: 1-64 characters without spaces")
    code = jurisdiction.strip()
    if not code or len(code) > 40 or not all(c.isalnum() or c in "-_" for c in code):
        raise FieldcheckError(f"--jurisdiction {code!r}: use letters, digits, - or _ (1-40)")
    check_password_rules(password)
    if conn.execute(select(U.c.id).where(U.c.name == name)).first():
        raise FieldcheckError(f"an account named {name!r} already exists")
    uid = new_id()
    now = clock.now()
    conn.execute(
        U.insert().values(
            id=uid,
            name=name,
            role=role.value,
            jurisdiction=code,
            password_hash=HASHER.hash(password),
            created_at=now,
            password_changed_at=now,
        )
    )
    audit(conn, actor, "user.add", name, role=role.value, jurisdiction=code)
    return uid


def _user_id(conn: Connection, name: str) -> str:
    user_id = conn.execute(select(U.c.id).where(U.c.name == name)).scalar()
    if user_id is None:
        raise NotFoundError("console account", name)
    return str(user_id)


def disable_user(conn: Connection, name: str, *, actor: str) -> None:
    """No more logins, and every open session of the account ends now."""
    user_id = _user_id(conn, name)
    conn.execute(update(U).where(U.c.name == name).values(disabled_at=clock.now()))
    conn.execute(delete(S).where(S.c.user_id == user_id))
    audit(conn, actor, "user.disable", name)


def reset_password(conn: Connection, name: str, password: str, *, actor: str) -> None:
    """A new password; the lockout is lifted and open sessions end."""
    check_password_rules(password)
    user_id = _user_id(conn, name)
    conn.execute(
        update(U)
        .where(U.c.name == name)
        .values(
            password_hash=HASHER.hash(password),
            password_changed_at=clock.now(),
            failed_logins=0,
            locked_until=None,
        )
    )
    conn.execute(delete(S).where(S.c.user_id == user_id))
    audit(conn, actor, "user.reset_password", name)


def list_users(conn: Connection) -> list[dict[str, object]]:
    rows = conn.execute(select(U).order_by(U.c.created_at)).all()
    return [
        {
            "name": r.name,
            "role": r.role,
            "jurisdiction": r.jurisdiction,
            "created_at": _aware(r.created_at).isoformat(),
            "disabled": r.disabled_at is not None,
            "locked": r.locked_until is not None and _aware(r.locked_until) > clock.now(),
        }
        for r in rows
    ]


def login(
    conn: Connection, name: str, password: str, client: str
) -> tuple[Account, str] | LoginRefused:
    """Check the password: a new session token (for the cookie), or the refusal.

    The refusal is returned, not raised, so the failure it records commits.
    """
    now = clock.now()
    window = now - timedelta(minutes=CLIENT_WINDOW_MINUTES)
    conn.execute(delete(LF).where(LF.c.at < now - timedelta(days=1)))
    recent = conn.execute(
        select(func.count()).select_from(LF).where(LF.c.client == client, LF.c.at >= window)
    ).scalar_one()
    if recent >= CLIENT_MAX_FAILURES:
        return LoginRefused(
            "too many failed logins from this address; wait a few minutes", throttled=True
        )
    row = conn.execute(select(U).where(U.c.name == name.strip())).first()
    good = False
    try:
        good = HASHER.verify(row.password_hash if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        good = False
    if row is not None and row.locked_until is not None and _aware(row.locked_until) > now:
        _fail(conn, client, now)
        return LoginRefused("this account is locked after repeated failures; try again later")
    if row is None or not good or row.disabled_at is not None:
        _fail(conn, client, now)
        if row is not None and row.disabled_at is None:
            failures = row.failed_logins + 1
            locked = now + timedelta(minutes=LOCK_MINUTES) if failures >= LOCK_AFTER else None
            conn.execute(
                update(U)
                .where(U.c.id == row.id)
                .values(failed_logins=0 if locked else failures, locked_until=locked)
            )
            if locked:
                audit(conn, "system", "user.locked", row.name, failures=failures, client=client)
        return LoginRefused("wrong name or password, or the account is disabled")
    conn.execute(update(U).where(U.c.id == row.id).values(failed_logins=0, locked_until=None))
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    conn.execute(
        S.insert().values(
            token_sha256=_sha(token),
            user_id=row.id,
            csrf=csrf,
            created_at=now,
            expires_at=now + timedelta(hours=SESSION_HOURS),
        )
    )
    conn.execute(delete(S).where(S.c.expires_at < now))
    audit(conn, row.name, "session.login", row.name, client=client)
    return Account(row.id, row.name, ConsoleRole(row.role), row.jurisdiction, csrf), token


def _fail(conn: Connection, client: str, now: datetime) -> None:
    conn.execute(LF.insert().values(client=client, at=now))


def session_account(conn: Connection, token: str) -> Account | None:
    """The account a session cookie belongs to, or None (expired, ended, disabled)."""
    row = conn.execute(
        select(S.c.csrf, S.c.expires_at, U)
        .join(U, U.c.id == S.c.user_id)
        .where(S.c.token_sha256 == _sha(token))
    ).first()
    if row is None or row.disabled_at is not None or _aware(row.expires_at) <= clock.now():
        return None
    return Account(row.id, row.name, ConsoleRole(row.role), row.jurisdiction, row.csrf)


def logout(conn: Connection, token: str, actor: str) -> None:
    conn.execute(delete(S).where(S.c.token_sha256 == _sha(token)))
    audit(conn, actor, "session.logout", actor)
