# SPDX-License-Identifier: Apache-2.0
"""This data directory checks in with the server at login and every sync (server/homes.py).

A copy of the directory, a restore from backup and a second home logging in with the
same credential are refused by the server; the refusal is kept here, and until a login
brings a new credential (another device id) this home issues no document numbers, so
none can clash with what the other copy issued.
"""

from __future__ import annotations

import secrets

from fieldcheck.core.errors import DomainError
from fieldcheck.services.context import AppContext
from fieldcheck.storage import device_repo, sync_repo
from fieldcheck.storage.db import Session
from fieldcheck.sync.client import HomeRefused, SyncClient
from fieldcheck.sync.protocol import HomeCheck

HOME_KEY = "home_token"  # the token the server confirmed last
NEXT_KEY = "home_next"  # the token offered and not yet confirmed (kept across a cut)
REENROL_KEY = "reenrol"  # why this home must enrol again; empty: it need not
RESTORED_KEY = "restored_from"  # set by `restore`: a backup never issues under its old serial


class MustReenrol(DomainError):
    """This home is a copy or a restored backup and issues nothing until it enrols again."""


def check_in(ctx: AppContext, client: SyncClient) -> None:
    """Offer a fresh token with the last confirmed one; keep the refusal if the server says copy."""
    with ctx.db.transaction() as s:
        current = device_repo.get(s, HOME_KEY) or None
        fresh = device_repo.get(s, NEXT_KEY)
        if not fresh:  # kept before it is sent: a lost answer is re-sent, not replaced
            fresh = secrets.token_hex(16)
            device_repo.put(s, NEXT_KEY, fresh)
    try:
        client.check_home(HomeCheck(current=current, next=fresh))
    except HomeRefused as exc:
        with ctx.db.transaction() as s:
            device_repo.put(s, REENROL_KEY, str(exc))
        raise
    with ctx.db.transaction() as s:
        device_repo.put(s, HOME_KEY, fresh)
        device_repo.put(s, NEXT_KEY, "")
    client.home = fresh


def enrolled_again(s: Session) -> None:
    """A login with another credential: the new serial makes this home's numbers its own."""
    device_repo.put(s, REENROL_KEY, "")
    device_repo.put(s, RESTORED_KEY, "")


def refuse_if_copied(s: Session) -> None:
    """Raise MustReenrol on a home that must enrol again before it issues a number."""
    reason = device_repo.get(s, REENROL_KEY)
    if not reason and device_repo.get(s, RESTORED_KEY) and sync_repo.account(s) is not None:
        reason = (
            f"this data was restored from a backup made {device_repo.get(s, RESTORED_KEY)}; "
            "numbers issued since on the original device could clash"
        )
    if reason:
        raise MustReenrol(
            f"{reason}. No number was taken: enrol this device again (fieldcheck-server "
            "enroll) and run `fieldcheck login --server URL --token-file FILE` with the new "
            "token, then issue"
        )
