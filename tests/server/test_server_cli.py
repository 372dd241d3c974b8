# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck-server` enroll / devices / revoke / status, and `fieldcheck login` + `sync`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from fieldcheck.cli import main as fieldcheck
from fieldcheck.server.cli import main as server_cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from syncfix import live_server, make_field_data

from fieldcheck.services.context import open_context


def test_enroll_prints_the_token_once_and_stores_only_its_hash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "srv"
    assert (
        server_cli(
            [
                "--data",
                str(data),
                "enroll",
                "--name",
                "王网格",
                "--role",
                "grid",
                "--jurisdiction",
                "330106001",
                "--json",
            ]
        )
        == 0
    )
    token = json.loads(capsys.readouterr().out)["token"]
    assert (
        server_cli(
            [
                "--data",
                str(data),
                "enroll",
                "--name",
                "李专家",
                "--role",
                "expert",
                "--jurisdiction",
                "330106",
            ]
        )
        == 0
    )
    shown = capsys.readouterr().out
    assert "fct1_" in shown and "█" in shown  # the token and its QR code
    assert server_cli(["--data", str(data), "devices", "--json"]) == 0
    devices = json.loads(capsys.readouterr().out)
    assert token not in json.dumps(devices) and len(devices) == 2
    assert server_cli(["--data", str(data), "revoke", devices[0]["device_id"]]) == 0
    capsys.readouterr()
    assert server_cli(["status", "--data", str(data), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["devices"] == 2 and status["findings"] == 0


def test_bad_enroll_input_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = server_cli(
        [
            "--data",
            str(tmp_path),
            "enroll",
            "--name",
            "x",
            "--role",
            "grid",
            "--jurisdiction",
            "../etc",
        ]
    )
    assert code == 1 and "--jurisdiction" in capsys.readouterr().err
    assert server_cli(["--data", str(tmp_path), "revoke", "nope"]) == 1


def test_login_from_token_file_then_sync_json_matches_server_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with live_server(tmp_path / "srv") as server:
        home = tmp_path / "dev"
        ctx = open_context(home)
        make_field_data(ctx, "330106001", findings_n=2, photos_per_finding=1)
        ctx.close()
        token_file = tmp_path / "token"
        token_file.write_text(server.enroll("grid", "330106001") + "\n")
        assert (
            fieldcheck(
                [
                    "--home",
                    str(home),
                    "login",
                    "--server",
                    server.url,
                    "--token-file",
                    str(token_file),
                ]
            )
            == 0
        )
        assert fieldcheck(["--home", str(home), "sync", "--server", server.url, "--json"]) == 0
        report = json.loads(capsys.readouterr().out.splitlines()[-1])
        assert report["ok"] and report["photos_sent"] == 2 and report["pending_after"] == 0
        assert fieldcheck(["--home", str(home), "status", "--json"]) == 0
        device = json.loads(capsys.readouterr().out)
        assert server_cli(["--data", str(server.data), "status", "--json"]) == 0
        held = json.loads(capsys.readouterr().out)
        for key in ("sites", "inspections", "findings", "photos"):
            assert held[key] == device[key], key
        assert fieldcheck(["--home", str(home), "sync-status", "--json"]) == 0
        view = json.loads(capsys.readouterr().out)
        assert set(view["records_by_state"]) == {"on server"}
        assert (
            fieldcheck(
                [
                    "--home",
                    str(home),
                    "login",
                    "--server",
                    server.url,
                    "--token-file",
                    str(tmp_path / "missing"),
                ]
            )
            == 1
        )
        assert "--token-file" in capsys.readouterr().err
