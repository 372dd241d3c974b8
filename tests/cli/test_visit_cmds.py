# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck inspection ...` and `fieldcheck finding ...`: a visit and its hazards, headless."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest

from fieldcheck.cli import main
from fieldcheck.core import timefmt
from fieldcheck.core.terms import Role
from fieldcheck.services.context import open_context
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites


def _json(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> Any:
    assert main(["--home", str(home), *argv]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def _open_visit(
    capsys: pytest.CaptureFixture[str], home: Path, person: str, site_name: str, address: str
) -> tuple[str, Any, Any]:
    """A grid worker, a site and an open inspection of it, made from the command line."""
    with open_context(home) as ctx:
        me = sites.add_person(ctx, {"name": person, "role": Role.GRID}, actor_id="t").id
    site = _json(
        capsys, home, "site", "add", "--name", site_name, "--address", address,
        "--jurisdiction", "410105001", "--json",
    )  # fmt: skip
    insp = _json(
        capsys, home, "inspection", "open", "--site", site["id"], "--inspector", me, "--json"
    )
    return me, site, insp


def test_a_visit_from_the_command_line_is_what_the_services_hold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    me, site, insp = _open_visit(capsys, home, "李建国", "东风五金厂", "东风路1号")
    hazard = _json(
        capsys, home, "finding", "add", "--inspection", insp["id"],
        "--description", "灭火器压力不足", "--place", "仓库", "--by", me, "--json",
    )  # fmt: skip
    shown = _json(capsys, home, "finding", "show", hazard["id"], "--json")
    assert shown["finding"] == hazard and "fix_on_spot" in shown["allowed_actions"]
    fixed = _json(capsys, home, "finding", "act", hazard["id"], "fix_on_spot", "--by", me, "--json")
    answered = _json(
        capsys, home, "inspection", "answer", insp["id"], "cl-1", "item-1", "fail", "--by", me,
        "--json",
    )  # fmt: skip
    done = _json(capsys, home, "inspection", "finish", insp["id"], "--by", me, "--json")
    with open_context(home) as ctx:
        assert findings.get_finding(ctx, hazard["id"]).model_dump(mode="json") == fixed
        assert [e.action for e in findings.history(ctx, hazard["id"])][-1] == "fix_on_spot"
        assert inspections.get_inspection(ctx, insp["id"]).model_dump(mode="json") == done
        [result] = inspections.item_results(ctx, insp["id"])
        assert result.model_dump(mode="json") == answered
    listed = _json(capsys, home, "inspection", "list", "--site", site["id"], "--json")
    assert [i["id"] for i in listed] == [insp["id"]]
    # A step the loop does not allow is refused in one line, and nothing changes.
    assert main(["--home", str(home), "finding", "act", hazard["id"], "assign", "--by", me]) == 1
    assert "cannot assign" in capsys.readouterr().err


def test_a_hazard_recorded_twice_is_withdrawn_from_the_command_line_with_its_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    me, _site, insp = _open_visit(capsys, home, "王秀兰", "红星超市", "红星路8号")
    twice = _json(
        capsys, home, "finding", "add", "--inspection", insp["id"],
        "--description", "安全出口上锁", "--by", me, "--json",
    )  # fmt: skip
    argv = ["--home", str(home), "finding", "withdraw", twice["id"], "--by", me]
    # A withdrawal without a reason is refused by the service, naming what is missing.
    assert main([*argv, "--reason", " "]) == 1
    assert "作废 needs a reason" in capsys.readouterr().err
    void = _json(capsys, home, *argv[2:], "--reason", "重复记录", "--json")
    assert void["status"] == "withdrawn"
    with open_context(home) as ctx:
        assert findings.get_finding(ctx, twice["id"]).model_dump(mode="json") == void
        last = findings.history(ctx, twice["id"])[-1]
        assert (last.action, last.note, last.actor_id) == ("withdraw", "重复记录", me)
    # Once void it stays void; the plain output names the record and its state.
    assert main([*argv, "--reason", "再作废"]) == 1
    assert "cannot withdraw" in capsys.readouterr().err
    assert main(["--home", str(home), "finding", "show", twice["id"]]) == 0
    assert capsys.readouterr().out.startswith(f"{twice['id']}  withdrawn  安全出口上锁\n")


def test_times_printed_are_on_the_devices_clock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`finding show`, `inspection list` print Asia/Shanghai times (the device's zone), not UTC.

    A grid worker in Zhengzhou read 10:34 for a hazard recorded at 18:34.
    """
    home = tmp_path / "home"
    me, _site, insp = _open_visit(capsys, home, "李建国", "东风五金厂", "东风路1号")
    hazard = _json(
        capsys, home, "finding", "add", "--inspection", insp["id"],
        "--description", "灭火器压力不足", "--by", me, "--json",
    )  # fmt: skip
    with open_context(home) as ctx:
        recorded = findings.history(ctx, hazard["id"])[0].at
        started = inspections.get_inspection(ctx, insp["id"]).started_at
    zone = timefmt.lookup("Asia/Shanghai")
    recorded, started = (t if t.tzinfo else t.replace(tzinfo=UTC) for t in (recorded, started))
    assert main(["--home", str(home), "finding", "show", hazard["id"]]) == 0
    shown = capsys.readouterr().out
    assert f"  {recorded.astimezone(zone):%Y-%m-%d %H:%M}  record" in shown, shown
    assert main(["--home", str(home), "inspection", "list", "--site", _site["id"]]) == 0
    listed = capsys.readouterr().out
    assert f"{insp['id']}  {started.astimezone(zone):%Y-%m-%d %H:%M}-open" in listed, listed


def test_ledger_calls_a_hazard_major_only_once_an_expert_confirmed_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`fieldcheck ledger` printed 重大隐患 for a hazard the inspector only suspected."""
    home = tmp_path / "home"
    me, _site, insp = _open_visit(capsys, home, "李建国", "东风五金厂", "东风路1号")
    with open_context(home) as ctx:
        hazard = findings.record_finding(
            ctx,
            inspection_id=insp["id"],
            description="电焊作业人员未持证上岗",
            suspected_major=True,
            actor_id=me,
        )
    assert main(["--home", str(home), "ledger"]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if hazard.id in ln)
    assert "疑似重大隐患" in line and " 重大隐患" not in line, line


def test_status_counts_a_suspected_major_hazard_apart_from_the_confirmed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`fieldcheck status` counted a hazard the inspector only suspects as 重大隐患."""
    home = tmp_path / "home"
    me, _site, insp = _open_visit(capsys, home, "李建国", "东风五金厂", "东风路1号")
    with open_context(home) as ctx:
        findings.record_finding(
            ctx,
            inspection_id=insp["id"],
            description="电焊作业人员未持证上岗",
            suspected_major=True,
            actor_id=me,
        )
    assert main(["--home", str(home), "status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    counts = {ln.split()[0]: int(ln.split()[-1]) for ln in lines if ln.startswith("  ")}
    assert counts["疑似重大隐患"] == 1 and counts["重大隐患"] == 0, lines
    assert _json(capsys, home, "status", "--json")["suspected_major"] == 1
