# SPDX-License-Identifier: Apache-2.0
"""The headless commands of issue 2: --version, demo, status, ledger, audit verify."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldcheck import __version__
from fieldcheck.app import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_from_the_installed_script() -> None:
    exe = Path(sys.executable).parent / "fieldcheck"
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"fieldcheck {__version__}"


def test_demo_then_status_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = str(tmp_path / "h")
    code, out, _ = run(capsys, "--home", home, "demo", "--jurisdiction", "410105002")
    assert code == 0 and "32 sites" in out
    code, out, _ = run(capsys, "--home", home, "status", "--json")
    status = json.loads(out)
    assert code == 0
    assert {
        "sites",
        "inspections",
        "findings",
        "photos",
        "by_status",
        "by_level",
        "overdue",
        "unsynced",
    } <= set(status)
    assert status["sites"] >= 30 and status["inspections"] >= 60 and status["findings"] >= 200
    assert sum(status["by_status"].values()) == status["findings"]
    assert sum(status["by_level"].values()) == status["findings"]
    con = sqlite3.connect(Path(home) / "fieldcheck.db")
    assert {r[0] for r in con.execute("SELECT jurisdiction FROM site")} == {"410105002"}


def test_ledger_json_filters(demo_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--home",
        str(demo_home),
        "ledger",
        "--status",
        "assigned",
        "--level",
        "major",
        "--json",
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows
    for r in rows:
        assert {"id", "site", "status", "level", "deadline"} <= set(r)
        assert r["status"] == "assigned" and r["level"] == "major"
    code, out, _ = run(capsys, "--home", str(demo_home), "ledger", "--overdue", "--json")
    overdue = [json.loads(line) for line in out.splitlines()]
    assert overdue and all(r["overdue"] for r in overdue)


def test_bad_status_value_is_refused(demo_home: Path) -> None:
    with pytest.raises(SystemExit) as err:
        main(["--home", str(demo_home), "ledger", "--status", "finished"])
    assert err.value.code == 2


def _tamper(home: Path, sql: str) -> None:
    con = sqlite3.connect(home / "fieldcheck.db")
    con.execute(sql)
    con.commit()
    con.close()


@pytest.mark.parametrize(
    ("sql", "words"),
    [
        (
            "UPDATE audit_event SET payload_json='{}' WHERE seq=10",
            "entry 10: its content was changed",
        ),
        ("DELETE FROM audit_event WHERE seq=20", "entry 21: entry 20 is missing"),
        (
            "INSERT INTO audit_event SELECT seq+100000, at, actor_id, action, entity, entity_id,"
            " payload_json, prev_hash, hash||'x' FROM audit_event WHERE seq=5",
            "is missing",
        ),
        (
            "DELETE FROM audit_event WHERE seq=(SELECT max(seq) FROM audit_event)",
            "outside fieldcheck",
        ),
    ],
    ids=["edited", "deleted", "inserted", "tail-deleted"],
)
def test_audit_verify_names_the_first_bad_entry(
    demo_home: Path, capsys: pytest.CaptureFixture[str], sql: str, words: str
) -> None:
    code, out, _ = run(capsys, "--home", str(demo_home), "audit", "verify")
    assert code == 0 and "intact" in out
    _tamper(demo_home, sql)
    code, out, _ = run(capsys, "--home", str(demo_home), "audit", "verify")
    assert code == 1 and "BROKEN" in out and words in out


def test_corrupt_database_gives_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "h"
    home.mkdir()
    (home / "fieldcheck.db").write_bytes(b"\x00garbage" * 100)
    code, _, err = run(capsys, "--home", str(home), "status")
    assert code == 1 and err.startswith("fieldcheck: error:") and "fieldcheck.db" in err


def test_forged_append_with_valid_hash_is_caught_by_the_head(
    demo_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import UTC, datetime

    from fieldcheck.storage.audit import entry_hash

    con = sqlite3.connect(demo_home / "fieldcheck.db")
    seq, last = con.execute(
        "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    at = datetime(2026, 11, 1, tzinfo=UTC)
    h = entry_hash(
        seq=seq + 1,
        at=at,
        actor_id="x",
        action="finding.close",
        entity="finding",
        entity_id="f",
        payload_json="{}",
        prev_hash=last,
    )
    con.execute(
        "INSERT INTO audit_event VALUES (?,?,?,?,?,?,?,?,?)",
        (
            seq + 1,
            at.replace(tzinfo=None).isoformat(" "),
            "x",
            "finding.close",
            "finding",
            "f",
            "{}",
            last,
            h,
        ),
    )
    con.commit()
    con.close()
    code, out, _ = run(capsys, "--home", str(demo_home), "audit", "verify")
    assert code == 1 and "BROKEN" in out and "outside fieldcheck" in out


def test_command_map_names_the_module_that_registers_each_command() -> None:
    import argparse
    import importlib

    from fieldcheck.cli import COMMAND_MODULES, COMMANDS

    registered: dict[str, str] = {}
    for name in COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        importlib.import_module(name).register(sub)
        registered.update(dict.fromkeys(sub.choices, name))
    assert registered == COMMANDS


def test_a_command_imports_only_its_own_module() -> None:
    code = (
        "import sys; from fieldcheck.cli import main; "
        "main(['--home', sys.argv[1], 'status', '--json']); "
        "print(sorted(m for m in sys.modules if m.startswith('fieldcheck.cli.')))"
    )
    import tempfile

    with tempfile.TemporaryDirectory() as home:
        out = subprocess.run(
            [sys.executable, "-c", code, home], capture_output=True, text=True, check=True
        ).stdout
    assert out.strip().splitlines()[-1] == "['fieldcheck.cli.data_cmds']"
