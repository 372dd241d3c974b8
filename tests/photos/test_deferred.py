# SPDX-License-Identifier: Apache-2.0
"""JPEGs are checked without decoding, and their derivatives follow the safe original."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from photo_samples import make_exif, textured
from PIL import Image

from fieldcheck.photos.formats import PhotoRejectedError, check_jpeg_complete
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence import photos, viewing


def jpeg(size: tuple[int, int] = (800, 600), **options: object) -> bytes:
    out = io.BytesIO()
    textured(size).save(out, "JPEG", quality=90, exif=make_exif(orientation=6), **options)
    return out.getvalue()


def with_comment(data: bytes, comment: bytes) -> bytes:
    return data[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + data[2:]


@pytest.mark.parametrize(
    "data",
    [
        jpeg(),
        jpeg(progressive=True),
        jpeg() + b"\x00trailer written by some phones after the picture",
        with_comment(jpeg(), b"an embedded \xff\xd9 end marker inside a segment"),
    ],
    ids=["baseline", "progressive", "trailer", "marker-in-segment"],
)
def test_complete_jpegs_pass(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "p.jpg"
    path.write_bytes(data)
    check_jpeg_complete(path, "p.jpg")


@pytest.mark.parametrize(
    "data",
    [
        jpeg()[:-2],  # only the end marker missing
        jpeg()[: len(jpeg()) // 2],
        jpeg(progressive=True)[:-200],
        with_comment(jpeg(), b"\xff\xd9" * 10)[:30],  # cut inside the segment
        jpeg()[:300],  # cut in the headers
    ],
    ids=["no-eoi", "half", "progressive-cut", "in-segment", "in-headers"],
)
def test_cut_jpegs_are_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "p.jpg"
    path.write_bytes(data)
    with pytest.raises(PhotoRejectedError, match="damaged or incomplete"):
        check_jpeg_complete(path, "p.jpg")


def test_with_a_queue_the_photo_is_acknowledged_before_its_derivatives(
    ctx: AppContext, inspector: str, finding_id: str, tmp_path: Path
) -> None:
    path = tmp_path / "big.jpg"
    path.write_bytes(jpeg((1600, 1200)))
    queue = photos.DerivativeQueue()
    try:
        [result] = photos.attach_photos(ctx, finding_id, [path], actor_id=inspector, queue=queue)
        assert result.ok
        assert photos.photo_store(ctx).original(result.sha256).read_bytes() == path.read_bytes()
        queue.wait()
        with Image.open(result.thumb_path) as thumb, Image.open(result.display_path) as display:
            assert thumb.size == (240, 320) and display.size == (1200, 1600)  # turned upright
    finally:
        queue.close()


def test_derivatives_a_crash_lost_are_made_on_first_view(
    ctx: AppContext, inspector: str, finding_id: str, tmp_path: Path
) -> None:
    path = tmp_path / "lost.jpg"
    path.write_bytes(jpeg((1600, 1200)))
    [result] = photos.attach_photos(ctx, finding_id, [path], actor_id=inspector)
    # What a crash after the acknowledgement and before the derivatives leaves behind.
    Path(result.thumb_path).unlink()
    Path(result.display_path).unlink()
    [row] = photos.list_photos(ctx, finding_id)
    thumb = photos.thumbnail_of(ctx, row)  # the finding dialog's list
    with Image.open(thumb) as image:
        assert image.size == (240, 320)
    facts = viewing.stored_facts(ctx, row.id)  # the full-size viewer
    with Image.open(facts.path) as image:
        assert image.size == (1200, 1600)
    assert photos.photo_store(ctx).original(row.sha256).read_bytes() == path.read_bytes()


def test_a_photo_whose_pixels_cannot_be_decoded_keeps_its_original_and_no_thumbnail(
    ctx: AppContext, inspector: str, finding_id: str, tmp_path: Path
) -> None:
    path = tmp_path / "ok.jpg"
    path.write_bytes(jpeg())
    [result] = photos.attach_photos(ctx, finding_id, [path], actor_id=inspector)
    [row] = photos.list_photos(ctx, finding_id)
    Path(result.thumb_path).unlink()
    original = photos.photo_store(ctx).original(row.sha256)
    original.chmod(0o600)
    original.write_bytes(b"\xff\xd8\xff\xe0 not a picture any more")
    assert not photos.thumbnail_of(ctx, row).exists()  # logged, nothing raised
    assert photos.verify_photos(ctx)[1]  # and verify names the damage
