# SPDX-License-Identifier: Apache-2.0
"""The workflow from the command line, with passphrases through a file descriptor."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from signing_world import EXPERT_PASS, GRID_PASS, World, png, sql

from fieldcheck.cli import main


def run(home: Path, *argv: str, secrets: list[str] | None = None) -> int:
    """Run one command; secrets go through a pipe named by --passphrase-fd."""
    if secrets is None:
        return main(["--home", str(home), *argv])
    r, w = os.pipe()
    os.write(w, "".join(s + "\n" for s in secrets).encode())
    os.close(w)
    try:
        return main(["--home", str(home), *argv, "--passphrase-fd", str(r)])
    finally:
        os.close(r)


def test_person_add_with_a_key_from_a_file_descriptor(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            home,
            "person",
            "add",
            "--name",
            "王秀兰",
            "--role",
            "grid",
            "--enroll-key",
            "--json",
            secrets=["a long passphrase"],
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["name"] == "王秀兰" and len(out["public_key_b64"]) == 44
    assert (
        run(
            home,
            "person",
            "add",
            "--name",
            "韩东",
            "--role",
            "grid",
            "--enroll-key",
            secrets=["short"],
        )
        == 1
    )
    assert "at least 8" in capsys.readouterr().err
    assert run(home, "person", "list", "--json") == 0
    names = [json.loads(line)["name"] for line in capsys.readouterr().out.splitlines()]
    assert "王秀兰" in names and "韩东" not in names  # the refused add stored nothing


def test_flag_confirm_site_sign_and_verify_from_the_cli(
    home: Path, world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fid = world.finding
    assert (
        run(
            home,
            "major",
            "flag",
            fid,
            "--clause",
            "gongmao-2023:第十一条第（一）项",
            "--by",
            world.grid,
        )
        == 0
    )
    assert "粉尘爆炸危险场所" in capsys.readouterr().out
    assert run(home, "major", "show", fid, "--json") == 0
    reviewed = json.loads(capsys.readouterr().out)["content_sha256"]
    assert (
        run(
            home,
            "major",
            "confirm",
            fid,
            "--expert",
            world.expert,
            "--reviewed",
            reviewed,
            secrets=["not the passphrase"],
        )
        == 1
    )
    assert "wrong passphrase for 陈志强" in capsys.readouterr().err
    assert (
        run(
            home,
            "major",
            "confirm",
            fid,
            "--expert",
            world.expert,
            "--reviewed",
            reviewed,
            "--comment",
            "符合",
            secrets=[EXPERT_PASS],
        )
        == 0
    )
    assert "major/confirmed" in capsys.readouterr().out
    image = tmp_path / "sig.png"
    image.write_bytes(png(3))
    assert (
        run(
            home,
            "major",
            "site-sign",
            fid,
            "--inspector",
            world.grid,
            "--name",
            "赵强",
            "--image",
            str(image),
            secrets=[GRID_PASS],
        )
        == 0
    )
    capsys.readouterr()
    assert run(home, "major", "supervised", "--json") == 0
    [row] = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert (row["id"], row["site_ack"], row["confirmed_by"]) == (fid, "signed", "陈志强")
    assert run(home, "verify", "--all") == 0
    assert "2/2 valid" in capsys.readouterr().out
    sql(home, "UPDATE finding SET description='已整改' WHERE id=?", fid)
    assert run(home, "verify", "--all") == 1
    out = capsys.readouterr().out
    assert f"FAIL finding {fid}" in out and "FAILED" in out


def test_verify_needs_all_or_a_pdf(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "verify") == 1
    assert "verify --all" in capsys.readouterr().err
    code = run(home, "verify", str(home / "missing.pdf"))
    assert code != 0
    assert "missing.pdf" in capsys.readouterr().out
