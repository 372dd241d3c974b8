# SPDX-License-Identifier: Apache-2.0
"""Device settings that change records, with one owner: this device's database.

The numbering prefix goes into every document number; the server is where the records
go. The window's ``settings.json`` keeps only who sits at the window and its preferences.
The first-run wizard, 设置 and ``fieldcheck notice setup`` all write through here or
through :func:`fieldcheck.services.documents.doc_settings.configure`, which keeps the same value.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldcheck.core import timefmt
from fieldcheck.core.errors import DomainError, InvalidValueError
from fieldcheck.services.context import AppContext
from fieldcheck.storage import audit, device_repo, notice_repo, sync_repo
from fieldcheck.storage.db import Session

ZONE_KEY = "time_zone"  # every time a person reads is shown on this clock (core.timefmt)
SERVER_KEY = "server_url"  # the server to log in to, until a login makes it the account's


@dataclass(frozen=True)
class DeviceSettings:
    """What the wizard and 设置 show under 文书编号与服务器."""

    unit_prefix: str = ""  # e.g. 金丰: （金丰）隐改〔2026〕…号
    server_url: str = ""  # the logged-in account's server, else the one typed in


def _read(s: Session) -> DeviceSettings:
    account = sync_repo.account(s)
    server = account.server_url if account is not None else device_repo.get(s, SERVER_KEY)
    return DeviceSettings(unit_prefix=notice_repo.get_setting(s, "prefix"), server_url=server)


def load(ctx: AppContext) -> DeviceSettings:
    """The device settings as the database holds them."""
    with ctx.db.read() as s:
        return _read(s)


def save(ctx: AppContext, new: DeviceSettings, *, actor_id: str) -> DeviceSettings:
    """Store what changed, audited; the prefix is the one document numbers use."""
    prefix, server = new.unit_prefix.strip(), new.server_url.strip().rstrip("/")
    with ctx.db.transaction() as s:
        old = _read(s)
        changed: dict[str, str] = {}
        if prefix != old.unit_prefix:
            notice_repo.set_setting(s, "prefix", prefix)
            changed["prefix"] = prefix
        if server != old.server_url:
            account = sync_repo.account(s)
            if account is not None:
                raise DomainError(
                    f"this device syncs with {account.server_url}; to change the server, "
                    "log in to the new one with its credential file"
                )
            device_repo.put(s, SERVER_KEY, server)
            changed["server_url"] = server
        if changed:
            audit.append(
                s,
                actor_id=actor_id,
                action="device.settings",
                entity="meta",
                entity_id="device",
                payload=changed,
            )
        return _read(s)


def adopt(ctx: AppContext, found: DeviceSettings, *, actor_id: str) -> None:
    """Take values an older version kept in settings.json, where the database has none."""
    current = load(ctx)
    merged = DeviceSettings(
        unit_prefix=current.unit_prefix or found.unit_prefix,
        server_url=current.server_url or found.server_url,
    )
    if merged != current:
        save(ctx, merged, actor_id=actor_id)


def time_zone(ctx: AppContext) -> str:
    """The device's zone for every time shown (Asia/Shanghai unless changed in 设置)."""
    with ctx.db.read() as s:
        return device_repo.get(s, ZONE_KEY) or timefmt.DEFAULT_ZONE


def set_time_zone(ctx: AppContext, name: str, *, actor_id: str) -> str:
    """Change the device's zone (audited) and use it from now on."""
    try:
        timefmt.lookup(name)
    except ValueError as exc:
        raise InvalidValueError("time_zone", name, str(exc)) from None
    with ctx.db.transaction() as s:
        if (device_repo.get(s, ZONE_KEY) or timefmt.DEFAULT_ZONE) != name:
            device_repo.put(s, ZONE_KEY, name)
            audit.append(
                s,
                actor_id=actor_id,
                action="device.settings",
                entity="meta",
                entity_id="device",
                payload={ZONE_KEY: name},
            )
    timefmt.set_zone(name)
    return name
