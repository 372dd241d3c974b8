# SPDX-License-Identifier: Apache-2.0
"""The device's bad-input paths end in a message, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from fieldcheck.core import clock
from fieldcheck.core.terms import Role
from fieldcheck.services.context import open_context
from fieldcheck.services.major import keys
from fieldcheck.services.sites import sites
from fieldcheck.signing.errors import KeyStateError

PASS = "bad-input passphrase 2026"


CLI = [sys.executable, "-c", "import sys; from fieldcheck.app import main; sys.exit(main())"]
# Every command that asks for a passphrase (each one calls cli/passphrase.read).
NEEDS_PASSPHRASE = [
    ["person", "add", "--name", "新人", "--role", "grid", "--enroll-key"],
    ["person", "key", "enroll", "{person}"],
    ["person", "key", "passwd", "{person}"],
    ["notice", "render", "{notice}", "{out}"],
    ["major", "confirm", "{finding}", "--expert", "{person}", "--comment", "c", "--reviewed", "0"],
    [
        "major",
        "downgrade",
        "{finding}",
        "--expert",
        "{person}",
        "--comment",
        "c",
        "--reviewed",
        "0",
    ],
    [
        "major",
        "send-back",
        "{finding}",
        "--expert",
        "{person}",
        "--comment",
        "c",
        "--reviewed",
        "0",
    ],
    ["major", "accept", "{finding}", "--expert", "{person}", "--reviewed", "0"],
    [
        "major",
        "site-sign",
        "{finding}",
        "--inspector",
        "{person}",
        "--name",
        "n",
        "--image",
        "{png}",
    ],
    [
        "major",
        "site-refuse",
        "{finding}",
        "--inspector",
        "{person}",
        "--name",
        "n",
        "--witness",
        "w",
    ],
]


@pytest.mark.parametrize("words", NEEDS_PASSPHRASE, ids=lambda w: " ".join(w[:2]))
def test_a_passphrase_command_without_a_terminal_says_how_to_give_one(
    tmp_path: Path, words: list[str]
) -> None:
    """No terminal (a scheduled job, a pipe): `notice render` once ended in EOFError."""
    home = tmp_path / "h"
    with open_context(home) as ctx:
        person = sites.add_person(ctx, {"name": "王网格", "role": Role.GRID}, actor_id="t")
    png = tmp_path / "sig.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n")
    fill = {"person": person.id, "notice": "n1", "finding": "f1", "out": str(tmp_path / "o.pdf")}
    args = [w.format(**fill, png=png) for w in words]
    done = subprocess.run(
        [*CLI, "--home", str(home), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,  # no controlling terminal, as under cron or a service
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "EOFError" not in done.stderr, done.stderr
    assert "--passphrase-fd" in done.stderr + done.stdout, done.stderr


def test_an_unexpected_error_is_one_line_and_a_report_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No traceback reaches a user: a fault shows one line naming the file with details."""
    from fieldcheck.cli import main
    from fieldcheck.services.findings import ledger

    def broken(_ctx: object) -> dict[str, object]:
        raise KeyError("a fault in the code")

    monkeypatch.setattr(ledger, "counts", broken)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    assert main(["--home", str(tmp_path / "h"), "status"]) == 70
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "unexpected error (KeyError" in err
    report = Path(err.split("the details are in ")[1].split(",")[0])
    assert report.parent == tmp_path and "Traceback" in report.read_text(encoding="utf-8")


def test_a_key_is_never_used_before_its_validity(tmp_path: Path) -> None:
    with open_context(tmp_path / "h") as ctx:
        person = sites.add_person(ctx, {"name": "王网格", "role": Role.GRID}, actor_id="t")
        keys.enroll_key(ctx, person.id, PASS)
        real = clock.now()
        clock.set_clock(lambda: real - timedelta(days=365))  # the clock fell a year behind
        try:
            with pytest.raises(KeyStateError, match="set the clock right"):
                keys.unlock(ctx, person.id, PASS)
        finally:
            clock.set_clock(None)
