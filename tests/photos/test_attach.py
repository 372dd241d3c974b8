# SPDX-License-Identifier: Apache-2.0
"""Attaching photos: metadata, dedup by hash, audit and outbox, regenerate, verify, watermark."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from photo_samples import make_exif, save, stored_files, textured
from PIL import Image

from fieldcheck.core import clock
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence import camera, photos, viewing
from fieldcheck.services.findings import findings, ledger
from fieldcheck.storage import photo_repo

TAKEN = datetime(2025, 3, 14, 9, 26, 53)


def _phone_jpeg(path: Path, *, seed: int = 0, offset: str | None = "+08:00") -> Path:
    exif = make_exif(
        taken=TAKEN, offset=offset, gps=(34.747112, -113.625301), make="Xiaomi", model="23127PN0CC"
    )
    return save(textured((640, 480), seed), path, "JPEG", quality=90, exif=exif)


def test_phone_jpeg_metadata_is_recorded_with_both_clocks(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    fixed = datetime(2026, 5, 2, 1, 0, tzinfo=UTC)
    clock.set_clock(lambda: fixed)  # a device clock set wrong must not hide the real one
    [r] = photos.attach_photos(ctx, finding_id, [_phone_jpeg(tmp_path / "a.jpg")], actor_id="p1")
    assert r.ok and r.taken_at == "2025-03-14T09:26:53+08:00"
    assert r.gps == {
        "lat": pytest.approx(34.747112, abs=1e-6),
        "lon": pytest.approx(-113.625301, abs=1e-6),
    }
    [row] = photos.list_photos(ctx, finding_id)
    assert (row.make, row.model, row.imported_by, row.original_name) == (
        "Xiaomi",
        "23127PN0CC",
        "p1",
        "a.jpg",
    )
    assert row.taken_at == datetime(2025, 3, 14, 1, 26, 53, tzinfo=UTC)
    assert row.imported_at == fixed
    assert abs((row.device_clock - datetime.now(UTC)).total_seconds()) < 60


def test_camera_time_without_offset_is_kept_as_its_wall_clock(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    path = _phone_jpeg(tmp_path / "b.jpg", offset=None)
    [r] = photos.attach_photos(ctx, finding_id, [path], actor_id="p1")
    assert r.taken_at == "2025-03-14T09:26:53"
    [row] = photos.list_photos(ctx, finding_id)
    assert row.taken_offset is None and camera.taken_text_of(row) == "2025-03-14T09:26:53"


def test_same_bytes_twice_are_stored_once_and_linked_once_per_finding(
    ctx: AppContext,
    finding_id: str,
    inspector: str,
    site_and_inspection: tuple[str, str],
    tmp_path: Path,
) -> None:
    path = _phone_jpeg(tmp_path / "a.jpg")
    copy = tmp_path / "copy-with-another-name.jpg"
    copy.write_bytes(path.read_bytes())
    other = findings.record_finding(
        ctx, inspection_id=site_and_inspection[1], description="灭火器过期", actor_id=inspector
    ).id
    first = photos.attach_photos(ctx, finding_id, [path, copy], actor_id="p1")
    second = photos.attach_photos(ctx, other, [copy], actor_id="p1")
    assert len({r.sha256 for r in first + second}) == 1
    assert len(photos.list_photos(ctx, finding_id)) == 1  # a retried batch adds nothing
    assert len(photos.list_photos(ctx, other)) == 1
    originals = [p for p in stored_files(ctx.home.root) if "originals" in p.parts]
    assert len(originals) == 1
    with ctx.db.read() as s:
        assert len(photo_repo.all_hashes(s)) == 1


def test_each_new_photo_is_audited_and_queued_for_sync(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    db = ctx.home.database
    before = sqlite3.connect(db).execute("select count(*) from outbox").fetchone()[0]
    paths = [_phone_jpeg(tmp_path / f"{i}.jpg", seed=i) for i in range(3)]
    results = photos.attach_photos(ctx, finding_id, [*paths, paths[0]], actor_id="p1")
    assert all(r.ok for r in results)
    con = sqlite3.connect(db)
    rows = con.execute(
        "select entity_id, payload_json from outbox where entity='photo' order by seq"
    ).fetchall()
    assert con.execute("select count(*) from outbox").fetchone()[0] == before + 3
    audited = con.execute(
        "select entity_id from audit_event where action='photo.attach' order by seq"
    ).fetchall()
    assert [r[0] for r in audited] == [r[0] for r in rows]
    payload = json.loads(rows[0][1])
    assert payload["sha256"] == results[0].sha256 and payload["mime"] == "image/jpeg"
    assert payload["taken_at"] == "2025-03-14T09:26:53+08:00" and payload["bytes"] > 0
    count, problem = ledger.audit_verify(ctx)
    assert problem is None and count > 3


def test_deleted_derivatives_are_made_again_from_the_original(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    [r] = photos.attach_photos(ctx, finding_id, [_phone_jpeg(tmp_path / "a.jpg")], actor_id="p")
    before = Path(r.display_path).read_bytes()
    Path(r.display_path).unlink()
    Path(r.thumb_path).write_bytes(b"")
    assert photos.regenerate_derivatives(ctx) == 1
    assert Path(r.display_path).read_bytes() == before
    assert Image.open(r.thumb_path).size == (320, 240)


def test_verify_names_a_changed_or_missing_original(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    paths = [_phone_jpeg(tmp_path / f"{i}.jpg", seed=i) for i in range(2)]
    results = photos.attach_photos(ctx, finding_id, paths, actor_id="p")
    assert photos.verify_photos(ctx) == (2, [])
    originals = ctx.home.photos / "originals"
    changed = originals / results[0].sha256[:2] / results[0].sha256
    changed.write_bytes(changed.read_bytes()[:-1] + b"\x00")
    (originals / results[1].sha256[:2] / results[1].sha256).unlink()
    count, problems = photos.verify_photos(ctx)
    assert count == 2 and len(problems) == 2
    assert any("bytes changed" in p for p in problems) and any("missing" in p for p in problems)


def test_watermarked_display_adds_a_band_and_leaves_the_original(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    path = _phone_jpeg(tmp_path / "a.jpg")
    [r] = photos.attach_photos(ctx, finding_id, [path], actor_id="p")
    [row] = photos.list_photos(ctx, finding_id)
    marked = viewing.watermarked_display(ctx, row.id)
    with Image.open(marked) as image, Image.open(r.display_path) as display:
        assert image.width == display.width and image.height > display.height + 60
        assert image.crop((0, 0, *display.size)).getpixel((5, 5)) is not None
        band = image.crop((0, display.height, image.width, image.height)).convert("L")
        lo, hi = band.getextrema()  # type: ignore[misc]
        assert lo < 80 and hi > 200  # dark band with light text on it
    assert viewing.watermarked_display(ctx, row.id) == marked  # cached
    other = viewing.watermarked_display(ctx, row.id, inspectors=["王秀兰"])
    assert other != marked and other.is_file()
    original = ctx.home.photos / "originals" / r.sha256[:2] / r.sha256
    assert original.read_bytes() == path.read_bytes()


def test_orphan_temp_files_of_dead_imports_are_removed_at_next_start(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    originals = ctx.home.photos / "originals"
    originals.mkdir(parents=True)
    dead = originals / ".tmp-999999999-abc"  # no such process
    dead.write_bytes(b"half a photo")
    old = originals / f".tmp-{os.getppid()}-old"  # a live process, but untouched for hours
    old.write_bytes(b"half a photo")
    os.utime(old, (0, 0))
    live = originals / f".tmp-{os.getppid()}-live"
    live.write_bytes(b"being written")
    photos.attach_photos(ctx, finding_id, [_phone_jpeg(tmp_path / "a.jpg")], actor_id="p")
    assert not dead.exists() and not old.exists() and live.exists()
