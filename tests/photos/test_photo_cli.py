# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck photo add` prints one JSON object per file and exits 0 only if all were stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from photo_samples import heic, make_exif, save, textured

from fieldcheck.cli import main
from fieldcheck.services.context import AppContext

KEYS = [
    "file",
    "ok",
    "sha256",
    "bytes",
    "width",
    "height",
    "taken_at",
    "gps",
    "display_path",
    "thumb_path",
]


def _lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_add_json_reports_every_file_and_fails_when_one_is_refused(
    ctx: AppContext, finding_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jpg = save(textured((400, 300)), tmp_path / "a.jpg", "JPEG", exif=make_exif(orientation=6))
    phone = heic(tmp_path / "b.heic", textured((300, 200)))
    bad = tmp_path / "c.jpg"
    bad.write_text("not a photo")
    home = str(ctx.home.root)
    code = main(
        ["--home", home, "photo", "add", finding_id, str(jpg), str(phone), str(bad), "--json"]
    )
    first, second, third = _lines(capsys.readouterr().out)
    assert code == 1
    assert list(first) == KEYS and first["ok"] is True
    assert (first["width"], first["height"]) == (300, 400)
    assert Path(str(first["display_path"])).is_absolute()
    assert Path(str(first["thumb_path"])).is_file()
    assert second["ok"] is True and second["taken_at"] is None and second["gps"] is None
    assert third == {
        "file": str(bad),
        "ok": False,
        "error": "it is a text file, not an image; accepted: JPEG, PNG, HEIC/HEIF or WebP",
    }
    code = main(
        ["--home", home, "photo", "add", finding_id, str(jpg), "--kind", "rectification", "--json"]
    )
    assert code == 0 and _lines(capsys.readouterr().out)[0]["ok"] is True


def test_add_a_folder_and_list(
    ctx: AppContext, finding_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "DCIM"
    folder.mkdir()
    for i in range(3):
        save(textured((64, 48), i), folder / f"IMG_{i}.jpg", "JPEG")
    home = str(ctx.home.root)
    assert main(["--home", home, "photo", "add", finding_id, str(folder)]) == 0
    assert "3 of 3 file(s) stored" in capsys.readouterr().err
    assert main(["--home", home, "photo", "list", finding_id]) == 0
    assert capsys.readouterr().out.count("evidence") == 3
    assert main(["--home", home, "photo", "verify"]) == 0
    assert "3 of 3 original(s) intact" in capsys.readouterr().out


def test_add_to_a_missing_finding_is_one_clear_error(
    ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jpg = save(textured((64, 48)), tmp_path / "a.jpg", "JPEG")
    code = main(["--home", str(ctx.home.root), "photo", "add", "no-such-id", str(jpg)])
    assert code == 1
    assert capsys.readouterr().err.strip() == "fieldcheck: error: no finding with id no-such-id"


def test_a_folder_never_leads_out_through_a_link(
    ctx: AppContext, finding_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `.jpg` link to a folder once imported a whole tree (988 unrelated images)."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for i in range(3):
        save(textured((200, 150), seed=i), elsewhere / f"private{i}.jpg", "JPEG")
    secret = save(textured((200, 150), seed=9), tmp_path / "secret.jpg", "JPEG")
    chosen = tmp_path / "chosen"
    (chosen / "day1").mkdir(parents=True)
    save(textured((400, 300), seed=5), chosen / "day1" / "good.jpg", "JPEG")
    (chosen / "day1" / "tree.jpg").symlink_to(elsewhere, target_is_directory=True)
    (chosen / "linked-folder").symlink_to(elsewhere, target_is_directory=True)
    (chosen / "out.jpg").symlink_to(secret)
    home = str(ctx.home.root)
    code = main(["--home", home, "photo", "add", finding_id, str(chosen), "--json", "--by", "t"])
    rows = _lines(capsys.readouterr().out)
    assert code == 1
    stored = [r["file"] for r in rows if r["ok"]]
    assert stored == [str(chosen / "day1" / "good.jpg")]
    refused = {Path(str(r["file"])).name: str(r["error"]) for r in rows if not r["ok"]}
    assert set(refused) == {"tree.jpg", "linked-folder", "out.jpg"}
    assert "outside the chosen folder" in refused["out.jpg"]
    assert "link to a folder" in refused["tree.jpg"]
    # A link named by itself that leads to a folder is not walked either.
    code = main(["--home", home, "photo", "add", finding_id, str(chosen / "day1" / "tree.jpg")])
    assert code == 1 and "link to a folder" in capsys.readouterr().err
    from fieldcheck.services.evidence import photos as photo_service

    assert len(photo_service.list_photos(ctx, finding_id)) == 1
