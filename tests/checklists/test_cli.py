# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck checklists ...` end to end through the real argument parser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from checklist_samples import CHECKLIST, CRITERIA, write

from fieldcheck import paths
from fieldcheck.checklists.loader import find_files
from fieldcheck.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_bundled_data_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "checklists", "validate", str(paths.checklists_dir()))
    assert (code, out) == (0, "")
    count = len(find_files([paths.checklists_dir()]))
    assert count >= 23
    assert f"ok: all valid ({count} documents checked)" in err


def test_validate_prints_every_problem_and_exits_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path, "c.yaml", CRITERIA.replace("issued: 2023-04-14", "issued: 2023-13-01"))
    write(tmp_path, "l.yaml", CHECKLIST.replace("deadline_days: 7", "deadline_days: 七天"))
    code, out, _ = run(capsys, "checklists", "validate", str(tmp_path), "--alone")
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2
    assert lines[0].startswith(f"{tmp_path / 'c.yaml'}:7:9: cannot read value '2023-13-01'")
    assert lines[1].startswith(f"{tmp_path / 'l.yaml'}:11:20: items[0].deadline_days:")
    write(tmp_path, "c.yaml", CRITERIA)
    write(tmp_path, "l.yaml", CHECKLIST.replace("第一条第（一）项", "第三条"))
    code, out, _ = run(capsys, "checklists", "validate", str(tmp_path), "--alone")
    assert code == 1
    assert out.startswith(
        f"{tmp_path / 'l.yaml'}:10:9: criteria: test-criteria has no clause '第三条'"
    )


def test_validate_county_file_against_bundled_sets(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    county = CHECKLIST.replace("test-criteria", "gongmao-2023").replace(
        "第一条第（一）项", "第十二条第（一）项"
    )
    path = write(tmp_path, "county.yaml", county)
    assert run(capsys, "checklists", "validate", str(path))[0] == 0
    write(
        tmp_path,
        "county.yaml",
        county.replace("test-list", "youxian-kongjian").replace('"1.0"', '"2026.2"'),
    )
    code, out, _ = run(capsys, "checklists", "validate", str(path))
    assert code == 1 and "id youxian-kongjian version 2026.2 is already defined in" in out


def test_validate_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "checklists", "validate", str(tmp_path / "nope.yaml"))
    assert code == 1 and "nope.yaml: no such file or directory" in out


def test_list_json_has_kind_status_and_counts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "--home", str(tmp_path), "checklists", "list", "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert code == 0
    assert (
        rows["gongmao-2023"]["kind"] == "criteria" and rows["gongmao-2023"]["major_hazards"] == 65
    )
    assert rows["gongmao-2017"]["status"] == "superseded"
    assert rows["meikuang-2026"]["completeness"] == "complete"
    assert rows["dianli-2026"]["completeness"] == "partial"
    assert rows["gb-35181-2025"]["completeness"] == "referenced"
    assert rows["dianli-2026"]["single_source"] == rows["dianli-2026"]["count"]
    assert (
        rows["youxian-kongjian"]["kind"] == "checklist" and rows["youxian-kongjian"]["count"] == 9
    )
    code, out, _ = run(capsys, "--home", str(tmp_path), "checklists", "list")
    assert "gongmao-2017" in out and "已废止" in out
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert "现行·全文" in lines["minbao-2024"]
    assert "现行·部分" in lines["yinhuan-paicha-16hao"]
    assert "仅编号·正文未收录" in lines["gb-35181-2025"]
    sets = [r for r in rows.values() if r["kind"] != "checklist"]
    assert all(r["id"] in lines and r["status"] and r["completeness"] for r in sets)


def test_search_prints_set_and_clause_ref(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "--home", str(tmp_path), "checklists", "search", "氨", "--json")
    hits = json.loads(out)
    assert code == 0 and hits
    assert {"set_id": "gongmao-2023", "ref": "第十二条第（一）项"}.items() <= next(
        h for h in hits if h["ref"] == "第十二条第（一）项"
    ).items()
    code, out, _ = run(capsys, "--home", str(tmp_path), "checklists", "search", "粉尘")
    assert out.splitlines()[0].startswith("gongmao-2023 第十一条")


def test_show_unknown_id_is_one_line_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "--home", str(tmp_path), "checklists", "show", "no-such")
    assert code == 1 and err.strip() == "fieldcheck: error: no checklist with id no-such"
    code, out, _ = run(capsys, "--home", str(tmp_path), "checklists", "show", "dianqihan-donghuo")
    assert (
        "法律依据: 《中华人民共和国消防法》第二十一条；《中华人民共和国安全生产法》第九十七条"
        in out
    )


def test_a_broken_county_file_is_skipped_with_its_place_and_the_rest_lists(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "checklists", "bad.yaml", "kind: checklist\nid: [\n")
    code, out, err = run(capsys, "--home", str(tmp_path), "checklists", "list")
    assert code == 0 and "skipped" in err and "bad.yaml:3:1: YAML syntax" in err
    assert "gongmao-2023" in out  # the bundled library is all there


def test_show_says_what_is_missing_and_what_is_single_source(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "--home", str(tmp_path), "checklists", "show", "gb-35181-2025")
    assert code == 0 and "正文未收录；判定由消防救援机构作出" in out
    assert "第5章: （正文未收录）" in out
    code, out, _ = run(capsys, "--home", str(tmp_path), "checklists", "show", "dianli-2026")
    assert "现行·部分" in out and "第五条第（一）项（单一来源）" in out
    code, out, _ = run(
        capsys, "--home", str(tmp_path), "checklists", "show", "jiuxiao-xiaowei-xiaofang"
    )
    assert "隐患表述: 疏散通道、安全出口被占用、堵塞或封闭" in out
