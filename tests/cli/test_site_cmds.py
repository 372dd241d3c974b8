# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck site add|list|show`: the register the window's 单位 screen shows, headless."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldcheck.cli import main
from fieldcheck.services.context import open_context
from fieldcheck.services.sites import sites


def _run(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> object:
    assert main(["--home", str(home), *argv]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_site_add_list_show_are_the_services_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    added = _run(
        capsys,
        home,
        "site",
        "add",
        "--name",
        "东风五金厂",
        "--address",
        "东风路1号",
        "--jurisdiction",
        "410105001",
        "--kind-of-place",
        "九小场所",
        "--risk-level",
        "medium",
        "--json",
    )
    assert isinstance(added, dict)
    with open_context(home) as ctx:
        stored = sites.get_site(ctx, added["id"])
    assert stored.model_dump(mode="json") == added
    assert (stored.kind_of_place, stored.risk_level) == ("九小场所", "medium")
    listed = _run(capsys, home, "site", "list", "--search", "五金", "--json")
    assert listed == [added]
    assert _run(capsys, home, "site", "list", "--jurisdiction", "410106", "--json") == []
    assert _run(capsys, home, "site", "show", added["id"], "--json") == added


def test_site_add_refuses_a_bad_credit_code_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = ["--name", "甲", "--address", "乙", "--jurisdiction", "410105001", "--uscc", "123"]
    code = main(["--home", str(tmp_path), "site", "add", *bad])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("fieldcheck: error: ") and "uscc" in err
    assert main(["--home", str(tmp_path), "site", "show", "nope"]) == 1
