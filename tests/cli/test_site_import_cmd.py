# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck site import FILE`: a dry run previews, a clean file imports, a bad one nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldcheck.cli import main
from fieldcheck.core.uscc import make_uscc
from fieldcheck.services.context import open_context
from fieldcheck.services.sites import sites

A = make_uscc("91410105MA44XKQ0T")


def _csv(path: Path, *rows: str) -> Path:
    path.write_text("\n".join(["单位名称,统一社会信用代码,地址,所属网格", *rows]), encoding="gbk")
    return path


def _names(home: Path) -> list[str]:
    with open_context(home) as ctx:
        return [s.name for s in sites.search_sites(ctx, "")]


def test_dry_run_then_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    path = _csv(
        tmp_path / "r.csv", f"老王烩面馆,{A},丰产路12号,410105001", "顺发五金店,,丰产路18号,"
    )
    argv = ["--home", str(home), "site", "import", str(path), "--jurisdiction", "410105002"]
    assert main([*argv, "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["dry_run"], out["imported"], out["problems"]) == (True, 0, [])
    assert [(s["row"], s["name"], s["jurisdiction"]) for s in out["sites"]] == [
        (2, "老王烩面馆", "410105001"),
        (3, "顺发五金店", "410105002"),
    ]
    assert _names(home) == []
    assert main(argv) == 0
    assert "imported 2 site(s)" in capsys.readouterr().out
    assert _names(home) == ["老王烩面馆", "顺发五金店"]
    # the same file again: 老王烩面馆's code is registered now (顺发 has none to compare)
    assert main([*argv, "--json"]) == 1
    again = json.loads(capsys.readouterr().out)
    assert [(p["cell"], p["code"], p["other"]) for p in again["problems"]] == [
        ("B2", "duplicate_register", "老王烩面馆")
    ]
    assert again["imported"] == 0 and _names(home) == ["老王烩面馆", "顺发五金店"]


def test_a_bad_file_prints_each_problem_and_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    path = _csv(
        tmp_path / "bad.csv", "甲,123,一号,410105001", "乙,,,410105001", "丙,,三号,410105001"
    )
    assert main(["--home", str(home), "site", "import", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "bad.csv B2 (统一社会信用代码): must be 18 characters, has 3 (got '123')",
        "bad.csv C3 (地址): 地址 is empty; every site needs it",
        "nothing was imported: 2 problem(s) in bad.csv",
    ]
    assert _names(home) == []
