# SPDX-License-Identifier: Apache-2.0
"""The photo record that travels (outbox and audit payload) stays byte for byte as protocol 1.

Devices in the field speak protocol 1 for months, and the audit chain hashes the same
payload: however the photo is modelled inside, what it is written as must not change.
Pinned two ways: the photos of the recorded protocol-1 traffic (tests/data/wire_v1) are
built again from their facts and come out as the same text with the same hash; and a
photo attached today is queued and audited as the photo row's dump plus its original's
size and type and the camera's own clock, as protocol 1 defined it.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from photo_samples import make_exif, save, textured
from sqlmodel import select

from fieldcheck.core.canonical import canonical_json
from fieldcheck.core.models import Photo
from fieldcheck.core.terms import PhotoKind
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence import photos, recording
from fieldcheck.storage.tables import BlobRow, PhotoRow
from fieldcheck.sync.protocol import content_sha256

DATA = Path(__file__).resolve().parents[1] / "data" / "wire_v1"


def _recorded_photos() -> list[dict[str, Any]]:
    pushes = json.loads(gzip.decompress((DATA / "push.json.gz").read_bytes()))
    pulls = json.loads(gzip.decompress((DATA / "pull.json.gz").read_bytes()))
    changes = [c for b in pushes for c in b["request"]["changes"]]
    records = [r for page in pulls for r in page["response"]["records"]]
    return [c for c in changes + records if c["entity"] == "photo"]


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _stored_from(content: dict[str, Any]) -> Photo:
    """The stored photo a recorded payload was made from (times in UTC, as kept)."""
    fields = dict(content)
    if fields["taken_at"] is not None:
        fields["taken_at"] = datetime.fromisoformat(fields["taken_at"]).astimezone(UTC)
    fields["imported_at"] = _utc(fields["imported_at"])
    fields["device_clock"] = _utc(fields["device_clock"])
    return Photo(**fields)


def test_the_recorded_protocol_1_photos_are_written_again_byte_for_byte() -> None:
    recorded = _recorded_photos()
    assert len(recorded) == 80  # 40 pushed by the demo's device, the same 40 pulled by another
    for change in recorded:
        content = change["content"]
        photo = _stored_from(content)
        payload = recording.payload(photo)
        assert canonical_json(payload, default=str) == canonical_json(content)
        assert content_sha256(payload) == change["sha256"]


def _expected(row: PhotoRow, blob: BlobRow) -> str:
    """Protocol 1's photo: the row's dump, the original's size and type, the camera's clock."""
    data = row.model_dump(mode="json")
    taken = None
    if row.taken_at is not None:
        offset = row.taken_offset or "+08:00"  # none recorded: China time was assumed
        hours, minutes = offset[1:].split(":")
        delta = timedelta(hours=int(hours), minutes=int(minutes))
        zone = timezone(delta if offset[0] == "+" else -delta)
        taken = row.taken_at.astimezone(zone).replace(tzinfo=None).isoformat()
        taken += row.taken_offset or ""
    data.update(bytes=blob.bytes, mime=blob.mime, taken_at=taken)
    return canonical_json(data, default=str)


def test_a_photo_attached_today_travels_and_is_audited_as_protocol_1_wrote_it(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    taken = datetime(2025, 3, 14, 9, 26, 53)
    files = [
        save(
            textured((640, 480), 1),
            tmp_path / "phone.jpg",
            "JPEG",
            exif=make_exif(
                taken=taken, offset="+05:30", gps=(34.7, -113.6), make="Xiaomi", model="23127"
            ),
        ),
        save(
            textured((400, 300), 2), tmp_path / "no-offset.jpg", "JPEG", exif=make_exif(taken=taken)
        ),
        save(textured((320, 200), 3), tmp_path / "bare.png", "PNG"),
    ]
    results = photos.attach_photos(ctx, finding_id, files, actor_id="p1")
    results += photos.attach_photos(
        ctx, finding_id, [files[0]], kind=PhotoKind.RECTIFICATION, actor_id="p2"
    )
    assert all(r.ok for r in results), results
    with ctx.db.read() as s:
        expected = {
            row.id: _expected(row, s.get(BlobRow, row.sha256))
            for row in s.exec(select(PhotoRow)).all()
        }
    assert len(expected) == 4
    con = sqlite3.connect(ctx.home.database)
    queued = dict(con.execute("select entity_id, payload_json from outbox where entity='photo'"))
    audited = dict(
        con.execute("select entity_id, payload_json from audit_event where action='photo.attach'")
    )
    assert queued == expected
    assert audited == expected
    kept = {r.photo_id: json.loads(expected[r.photo_id]) for r in results}
    assert [k["taken_at"] for k in kept.values()] == [
        "2025-03-14T09:26:53+05:30",
        "2025-03-14T09:26:53",
        None,
        "2025-03-14T09:26:53+05:30",
    ]
    assert [k["kind"] for k in kept.values()][-1] == "rectification"
