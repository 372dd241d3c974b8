# SPDX-License-Identifier: Apache-2.0
"""Bad files are refused by name and reason, and leave nothing behind."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from photo_samples import (
    jpeg_claiming,
    png_bomb,
    png_header_only,
    save,
    stored_files,
    textured,
    truncated,
)
from PIL import Image

from fieldcheck.core.errors import DomainError, FrozenError, InvalidValueError, NotFoundError
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence import photos
from fieldcheck.services.findings import changes
from fieldcheck.services.findings.findings import freeze_in
from fieldcheck.storage import photo_repo


def _empty(tmp: Path) -> Path:
    (tmp / "empty.jpg").write_bytes(b"")
    return tmp / "empty.jpg"


def _text_named_jpg(tmp: Path) -> Path:
    (tmp / "notes.jpg").write_text("现场记录：疏散通道堆放杂物\n", encoding="utf-8")
    return tmp / "notes.jpg"


def _truncated_jpeg(tmp: Path) -> Path:
    source = save(textured((640, 480)), tmp / "whole.jpg", "JPEG", quality=90)
    return truncated(tmp / "cut.jpg", source)


def _truncated_progressive(tmp: Path) -> Path:
    source = save(textured((640, 480)), tmp / "whole.jpg", "JPEG", progressive=True)
    return truncated(tmp / "cutp.jpg", source, keep=0.4)


def _truncated_png(tmp: Path) -> Path:
    source = save(textured((320, 240)), tmp / "whole.png", "PNG")
    return truncated(tmp / "cut.png", source)


def _gif(tmp: Path) -> Path:
    return save(textured((64, 48)).convert("P"), tmp / "anim.gif", "GIF")


def _tiff_named_jpg(tmp: Path) -> Path:
    return save(textured((64, 48)), tmp / "scan.jpg", "TIFF")


def _bomb_png(tmp: Path) -> Path:
    return png_bomb(tmp / "bomb.png", 11_500)  # 132 MP of zeros in ~130 KB


def _header_lies_png(tmp: Path) -> Path:
    return png_header_only(tmp / "liar.png", 100_000, 100_000)


def _absurd_jpeg(tmp: Path) -> Path:
    return jpeg_claiming(tmp / "absurd.jpg", 65_000, 65_000)


def _over_limit_jpeg(tmp: Path) -> Path:
    return jpeg_claiming(tmp / "huge.jpg", 20_000, 15_000)  # 300 MP


def _header_only_jpeg(tmp: Path) -> Path:
    return jpeg_claiming(tmp / "ghost.jpg", 12_000, 9_000)  # 108 MP claimed, no data


CASES: list[tuple[Callable[[Path], Path], str]] = [
    (_empty, "empty"),
    (_text_named_jpg, "text file"),
    (_truncated_jpeg, "damaged or incomplete"),
    (_truncated_progressive, "damaged or incomplete"),
    (_truncated_png, "damaged or incomplete"),
    (_gif, "GIF"),
    (_tiff_named_jpg, "TIFF"),
    (_bomb_png, "MP"),
    (_header_lies_png, "decompression bomb"),
    (_absurd_jpeg, "decompression bomb"),
    (_over_limit_jpeg, "decompression bomb"),
    (_header_only_jpeg, "damaged or incomplete"),
]


@pytest.mark.parametrize(("maker", "words"), CASES, ids=[c[0].__name__.strip("_") for c in CASES])
def test_bad_file_refused_with_reason_and_nothing_left(
    ctx: AppContext, finding_id: str, tmp_path: Path, maker: Callable[[Path], Path], words: str
) -> None:
    path = maker(tmp_path)
    [result] = photos.attach_photos(ctx, finding_id, [path], actor_id="tester")
    assert not result.ok
    assert result.file == str(path)
    assert words in result.error
    assert "accepted" in result.error or words != "text file"
    assert stored_files(ctx.home.root) == []
    with ctx.db.read() as s:
        assert photo_repo.all_hashes(s) == []
        assert list(photo_repo.photos_of_finding(s, finding_id)) == []


def test_one_bad_file_does_not_stop_the_good_ones(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    good = save(textured((320, 240)), tmp_path / "good.jpg", "JPEG")
    results = photos.attach_photos(
        ctx, finding_id, [_empty(tmp_path), good, tmp_path / "missing.jpg"], actor_id="t"
    )
    assert [r.ok for r in results] == [False, True, False]
    assert results[2].error == "no such file"
    assert len(photos.list_photos(ctx, finding_id)) == 1


def test_unknown_finding_is_refused_before_any_file_is_read(
    ctx: AppContext, tmp_path: Path
) -> None:
    good = save(textured((64, 48)), tmp_path / "good.jpg", "JPEG")
    with pytest.raises(NotFoundError, match="no finding with id nope"):
        photos.attach_photos(ctx, "nope", [good], actor_id="t")
    assert stored_files(ctx.home.root) == []


def test_unknown_kind_is_refused(ctx: AppContext, finding_id: str, tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError, match="evidence, rectification or revisit"):
        photos.attach_photos(ctx, finding_id, [], kind="selfie", actor_id="t")


def test_frozen_finding_takes_rectification_photos_but_no_new_evidence(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    with ctx.db.transaction() as s:
        freeze_in(s, finding_id)
    good = save(textured((64, 48)), tmp_path / "after.jpg", "JPEG")
    with pytest.raises(FrozenError, match="covered by a notice"):
        photos.attach_photos(ctx, finding_id, [good], actor_id="t")
    [result] = photos.attach_photos(ctx, finding_id, [good], kind="rectification", actor_id="t")
    assert result.ok


def test_superseded_finding_points_to_its_correction(
    ctx: AppContext, finding_id: str, inspector: str, tmp_path: Path
) -> None:
    new = changes.correct_finding(
        ctx, finding_id, {"place": "二楼"}, actor_id=inspector, reason="位置记错"
    )
    good = save(textured((64, 48)), tmp_path / "x.jpg", "JPEG")
    with pytest.raises(DomainError, match=new.id):
        photos.attach_photos(ctx, finding_id, [good], actor_id="t")


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
def test_damaged_exif_does_not_cost_the_photo(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    out = io.BytesIO()
    textured((64, 48)).save(out, "JPEG", exif=b"Exif\x00\x00II*\x00\xff\xff\xff\x7f garbage")
    path = tmp_path / "badexif.jpg"
    path.write_bytes(out.getvalue())
    [result] = photos.attach_photos(ctx, finding_id, [path], actor_id="t")
    assert result.ok, result.error
    assert result.taken_at is None and result.gps is None
    assert Image.open(result.display_path).size == (64, 48)
