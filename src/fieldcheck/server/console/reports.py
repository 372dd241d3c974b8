# SPDX-License-Identifier: Apache-2.0
"""随手拍: a citizen's report, from the public page into the office's inbox and back.

A report belongs to the township the citizen chose from the code table; the township
and every level above it see it in the console, a sibling never does. The office
rejects it (with a reason), merges it into a hazard it already holds, or 转办 it to a
grid as a task (``tasks.assign_task``, ``source="report"``); once the grid's inspection
does that task, the report is 已办结 and its outcome is what the inspection found.

The citizen sees only the status and outcome by receipt code: never an inspector's
name, a phone number, a position or a photo. What the office does with a report is in
``report_office``; what the citizen reads back by receipt is ``report_status``.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.ids import new_id
from fieldcheck.photos.formats import (
    ACCEPTED,
    JPEG,
    PhotoRejectedError,
    check_data_size,
    check_jpeg_complete,
    describe_unknown,
    open_image,
    sniff,
)
from fieldcheck.photos.metadata import read_meta
from fieldcheck.server.console import tasks
from fieldcheck.server.console.queries import inside
from fieldcheck.server.console.report_tables import ReportRow
from fieldcheck.server.console.tables import JurisdictionRow
from fieldcheck.server.tables import table_of

R = table_of(ReportRow)
J = table_of(JurisdictionRow)

MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_DESCRIPTION = 1000
MAX_ADDRESS = 200
PER_CLIENT_HOUR = 5  # reports one address may send within an hour
PER_PHONE_DAY = 3  # reports under one phone number within a day
# No 0/O, 1/I/L: a receipt read out over the phone or typed on a small keyboard.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LEN = 10  # 31**10 ≈ 8e14: unguessable at any rate the limits allow


class ReportError(FieldcheckError):
    """A report that cannot be taken or handled; the message says what and where."""


class RateLimited(ReportError):
    """Too many reports from one address or phone number."""


@dataclass(frozen=True)
class Photo:
    sha256: str
    mime: str
    size: int
    gps: dict[str, float] | None
    data: bytes
    taken: str | None = None  # EXIF time taken, ISO 8601; with its offset when recorded


def new_receipt() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LEN))


def normal_receipt(text: str) -> str:
    """What a citizen typed, as stored: upper case, without spaces or dashes."""
    return "".join(c for c in text.upper() if c.isalnum())[:RECEIPT_LEN]


def check_photo(data: bytes, name: str) -> Photo:
    """The same refusals as an evidence photo (fieldcheck.photos), plus the size limit."""
    if not data:
        raise PhotoRejectedError(name, "the file is empty (0 bytes)")
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoRejectedError(name, f"larger than {MAX_PHOTO_BYTES // (1024 * 1024)} MB")
    kind = sniff(data[:64])
    if kind is None:
        raise PhotoRejectedError(name, f"{describe_unknown(data[:64])}; accepted: {ACCEPTED}")
    with tempfile.TemporaryDirectory(prefix="fc-report-") as tmp:
        path = Path(tmp) / "photo"
        path.write_bytes(data)
        with path.open("rb") as fh:
            image = open_image(fh, kind, name)
            check_data_size(image, kind, len(data), name)
            meta = read_meta(image)
            if kind is JPEG:
                check_jpeg_complete(path, name)
            else:
                try:
                    image.load()  # PNG/WebP/HEIF: intact only if they decode whole
                except Exception as exc:
                    raise PhotoRejectedError(name, f"the image data is damaged ({exc})") from exc
    gps = meta.gps.as_json() if meta.gps else None
    sha = hashlib.sha256(data).hexdigest()
    return Photo(sha, kind.mime, len(data), gps, data, meta.taken_at_text())


def townships(conn: Connection) -> list[tuple[str, str]]:
    """The townships a citizen may choose, (code, name with its county), by code."""
    rows = list(conn.execute(select(J.c.code, J.c.name, J.c.parent).where(J.c.level == "township")))
    parents = {r.code: r.name for r in conn.execute(select(J.c.code, J.c.name))}
    return sorted((r.code, f"{parents.get(r.parent, '')} {r.name}".strip()) for r in rows)


def _phone(text: str) -> str:
    digits = "".join(c for c in text if c.isdigit())
    if text.strip() and not 7 <= len(digits) <= 15:
        raise ReportError("电话号码须为 7 到 15 位数字（phone: 7 to 15 digits）")
    return digits


def _coord(text: str, low: float, high: float) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return round(value, 6) if low <= value <= high else None


def create(
    conn: Connection,
    *,
    jurisdiction: str,
    address: str,
    description: str,
    phone: str,
    client: str,
    photos: list[Photo],
    lat: str = "",
    lon: str = "",
) -> tuple[str, str]:
    """Check and store one report; (id, receipt). Its photos go to the store after this, in
    the same transaction, so a refused report leaves none behind."""
    known = conn.execute(
        select(J.c.code).where(J.c.code == jurisdiction, J.c.level == "township")
    ).first()
    if known is None:
        raise ReportError("请选择所在乡镇（街道）（township: choose one from the list）")
    address, description = address.strip(), description.strip()
    if not address:
        raise ReportError("请填写隐患所在地址（address: required）")
    if len(address) > MAX_ADDRESS:
        raise ReportError(f"地址不超过 {MAX_ADDRESS} 字（address: at most {MAX_ADDRESS})")
    if not description:
        raise ReportError("请描述隐患情况（description: required）")
    if len(description) > MAX_DESCRIPTION:
        raise ReportError(
            f"描述不超过 {MAX_DESCRIPTION} 字（description: at most {MAX_DESCRIPTION}）"
        )
    if len(photos) > MAX_PHOTOS:
        raise ReportError(f"照片最多 {MAX_PHOTOS} 张（photos: at most {MAX_PHOTOS}）")
    digits = _phone(phone)
    hold_rate(conn, client, digits)
    check_rate(conn, client, digits)
    rid, receipt = new_id(), new_receipt()
    conn.execute(
        R.insert().values(
            id=rid,
            receipt=receipt,
            jurisdiction=jurisdiction,
            address=address,
            lat=_coord(lat, -90, 90),
            lon=_coord(lon, -180, 180),
            description=description,
            phone=digits,
            client=client[:64],
            photos_json=json.dumps(
                [
                    {"sha256": p.sha256, "mime": p.mime, "size": p.size, "gps": p.gps}
                    | ({"taken": p.taken} if p.taken else {})
                    for p in photos
                ]
            ),
            status="new",
            created_at=clock.now(),
        )
    )
    return rid, receipt


def _lock_key(kind: str, value: str) -> int:
    return int.from_bytes(
        hashlib.sha256(f"{kind}:{value}".encode()).digest()[:8], "big", signed=True
    )


def hold_rate(conn: Connection, client: str, phone: str) -> None:
    """Hold the address's (and phone's) rate limit until this transaction ends, so a burst
    of simultaneous reports is counted one after another, in every server process.

    PostgreSQL: transaction-level advisory locks keyed by the address and the phone,
    always taken in that order (no deadlock). SQLite: the server's BEGIN IMMEDIATE
    already holds the database's one write lock for the whole transaction.
    """
    if conn.dialect.name != "postgresql":
        return
    keys = [_lock_key("report-client", client[:64])] + (
        [_lock_key("report-phone", phone)] if phone else []
    )
    for key in keys:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def check_rate(conn: Connection, client: str, phone: str) -> None:
    """RateLimited when the address or the phone number has sent too many reports lately."""
    now = clock.now()
    n = conn.execute(
        select(func.count()).where(
            R.c.client == client[:64], R.c.created_at >= now - timedelta(hours=1)
        )
    ).scalar_one()
    if n >= PER_CLIENT_HOUR:
        raise RateLimited(
            "提交过于频繁，请一小时后再试"
            f"（at most {PER_CLIENT_HOUR} reports an hour from one address）"
        )
    if phone:
        n = conn.execute(
            select(func.count()).where(
                R.c.phone == phone, R.c.created_at >= now - timedelta(days=1)
            )
        ).scalar_one()
        if n >= PER_PHONE_DAY:
            raise RateLimited(
                f"该号码今日提交已达 {PER_PHONE_DAY} 次"
                f"（at most {PER_PHONE_DAY} reports a day per phone）"
            )


def photos(report: Any) -> list[dict[str, Any]]:
    return list(json.loads(report.photos_json or "[]"))


def device_may_read(conn: Connection, device_id: str, jurisdiction: str, sha: str) -> bool:
    """A device may fetch a report's photo original when a report task it gets names it."""
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        return False
    row = conn.execute(
        select(tasks.T.c.id)
        .where(
            inside(tasks.T.c.grid, jurisdiction),
            (tasks.T.c.assignee_device == "") | (tasks.T.c.assignee_device == device_id),
            tasks.T.c.source == "report",
            tasks.T.c.photos_json.contains(f'"{sha}"'),
        )
        .limit(1)
    ).first()
    return row is not None
