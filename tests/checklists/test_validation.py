# SPDX-License-Identifier: Apache-2.0
"""Bad input: every problem is reported with file:line:column, and nothing is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from checklist_samples import CHECKLIST, CRITERIA, write

from fieldcheck.checklists.loader import find_files, load_dirs, read_files
from fieldcheck.checklists.problems import ChecklistDataError
from fieldcheck.checklists.yamlread import MAX_BYTES


def problems(directory: Path) -> list[str]:
    return [str(p) for p in read_files(find_files([directory])).problems]


def test_valid_pair_loads(tmp_path: Path) -> None:
    write(tmp_path, "c.yaml", CRITERIA)
    write(tmp_path, "l.yaml", CHECKLIST)
    lib = load_dirs([tmp_path])
    assert lib.checklist("test-list").items[0].criteria[0].ref == "第一条第（一）项"


def test_broken_yaml_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "c.yaml", CRITERIA.replace("title: 测试判定标准", "title: [测试"))
    [message] = problems(tmp_path)
    assert message.startswith(f"{path}:4:")
    assert "YAML syntax" in message


def test_unknown_field_suggests_the_right_name(tmp_path: Path) -> None:
    path = write(
        tmp_path, "c.yaml", CRITERIA.replace("    major_hazard: true", "    majr_hazard: true")
    )
    [message] = problems(tmp_path)
    assert message == (
        f"{path}:14:5: clauses[1]: unknown field 'majr_hazard' (did you mean 'major_hazard'?)"
    )


def test_missing_field_and_wrong_type_are_both_reported(tmp_path: Path) -> None:
    text = CHECKLIST.replace("    deadline_days: 7\n", "").replace('version: "1.0"', "version: [1]")
    path = write(tmp_path, "l.yaml", text)
    write(tmp_path, "c.yaml", CRITERIA)
    found = problems(tmp_path)
    assert f"{path}:6:5: items[0]: missing field 'deadline_days'" in found
    assert any(m.startswith(f"{path}:4:10: version:") for m in found)


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", CRITERIA)
    second = write(tmp_path, "b.yaml", CRITERIA)
    [message] = problems(tmp_path)
    assert message.startswith(f"{second}:2:5: id test-criteria is already defined in")


def test_duplicate_item_ids_and_yaml_keys(tmp_path: Path) -> None:
    write(tmp_path, "c.yaml", CRITERIA)
    item = CHECKLIST.split("items:\n", 1)[1]
    path = write(tmp_path, "l.yaml", CHECKLIST + item)
    assert problems(tmp_path) == [f"{path}:12:5: item id 'a-1' is already used at index 0"]
    write(
        tmp_path,
        "l.yaml",
        CHECKLIST.replace("title: 测试检查表", "title: 测试检查表\ntitle: 又一个"),
    )
    assert problems(tmp_path) == [f"{path}:4:1: duplicate key 'title' in the same mapping"]


def test_dangling_links_name_the_missing_clause(tmp_path: Path) -> None:
    write(tmp_path, "c.yaml", CRITERIA)
    path = write(tmp_path, "l.yaml", CHECKLIST.replace("第一条第（一）项", "第一条第（二）项"))
    assert problems(tmp_path) == [
        f"{path}:10:9: criteria: test-criteria has no clause '第一条第（二）项' "
        "(did you mean '第一条第（一）项'?)"
    ]
    write(tmp_path, "l.yaml", CHECKLIST.replace("criteria_id: test-criteria", "criteria_id: nope"))
    assert problems(tmp_path) == [f"{path}:10:9: criteria: no criteria set 'nope'"]


def test_criteria_link_must_state_a_major_hazard(tmp_path: Path) -> None:
    write(tmp_path, "c.yaml", CRITERIA)
    write(tmp_path, "l.yaml", CHECKLIST.replace("第一条第（一）项", "第二条"))
    [message] = problems(tmp_path)
    assert "does not itself state a major hazard" in message


def test_links_to_superseded_sets_are_refused(tmp_path: Path) -> None:
    new = CRITERIA.replace("test-criteria", "new-criteria")
    write(
        tmp_path,
        "new.yaml",
        new.replace("status: in_force", "status: in_force\nsupersedes: [test-criteria]"),
    )
    old = CRITERIA.replace("status: in_force", "status: superseded\nsuperseded_by: new-criteria")
    write(tmp_path, "c.yaml", old)
    write(tmp_path, "l.yaml", CHECKLIST)
    [message] = problems(tmp_path)
    assert "test-criteria is superseded; cite new-criteria" in message


def test_a_successor_must_name_what_it_supersedes(tmp_path: Path) -> None:
    write(tmp_path, "new.yaml", CRITERIA.replace("test-criteria", "new-criteria"))
    old = CRITERIA.replace("status: in_force", "status: superseded\nsuperseded_by: new-criteria")
    write(tmp_path, "c.yaml", old)
    [message] = problems(tmp_path)
    assert "superseded_by: new-criteria does not name test-criteria in its supersedes" in message


def test_a_referenced_set_holds_no_text(tmp_path: Path) -> None:
    ref = CRITERIA.replace("completeness: complete", "completeness: referenced")
    write(tmp_path, "c.yaml", ref)
    [message] = problems(tmp_path)
    assert "a referenced set records clause numbers, no text" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("issued: 2023-04-14", "issued: 2023-02-30"), ":7:9: cannot read value '2023-02-30'"),
        (
            ("effective: 2023-05-15", "effective: 2022-01-01"),
            "effective 2022-01-01 is before issued",
        ),
        (("issued: 2023-04-14", "issued: 1900-01-01"), "not a possible date for a regulation"),
        (("status: in_force", "status: superseded"), "a superseded set needs superseded_by"),
        (("status: in_force", "status: repealed"), "status: Input should be"),
    ],
)
def test_impossible_dates_and_statuses(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    write(tmp_path, "c.yaml", CRITERIA.replace(*change))
    [message] = problems(tmp_path)
    assert expected in message


def test_gbk_file_is_read_as_chinese_not_mojibake(tmp_path: Path) -> None:
    write(tmp_path, "c.yaml", CRITERIA, encoding="gbk")
    loaded = read_files(find_files([tmp_path]))
    assert loaded.problems == []
    assert "GB18030" in loaded.notes[0]
    assert (
        loaded.library().clause("test-criteria", "第一条第（一）项").text
        == "未设置液氨泄漏报警装置的；"
    )


def test_undecodable_bytes_are_refused_with_their_position(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(CRITERIA.encode("utf-8").replace("测试用".encode(), b"caf\xe9 ok"))
    [message] = problems(tmp_path)
    assert message.startswith(f"{path}:6:12: not UTF-8 text (byte 0xE9")
    assert "save the file as UTF-8" in message


def test_binary_empty_huge_and_bomb_files(tmp_path: Path) -> None:
    (tmp_path / "bin.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "empty.yaml").write_text("# only a comment\n")
    (tmp_path / "huge.yaml").write_bytes(b"x: " + b"a" * (MAX_BYTES + 1))
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for n in range(1, 8):
        bomb += f"{chr(97 + n)}: &{chr(97 + n)} [" + ", ".join([f"*{chr(96 + n)}"] * 10) + "]\n"
    (tmp_path / "bomb.yaml").write_text(bomb)
    found = problems(tmp_path)
    assert any("bin.yaml:3:1: binary data (NUL byte)" in m for m in found)
    assert any("empty.yaml:1:1: the file is empty" in m for m in found)
    assert any("huge.yaml:1:1: file is" in m and "the limit is" in m for m in found)
    assert any("bomb.yaml" in m and "alias expansion" in m for m in found)


def test_nothing_is_half_loaded(tmp_path: Path) -> None:
    write(tmp_path, "c.yaml", CRITERIA)
    write(tmp_path, "l.yaml", CHECKLIST)
    write(tmp_path, "bad.yaml", "kind: checklist\nid: x\n")
    with pytest.raises(ChecklistDataError) as caught:
        load_dirs([tmp_path])
    assert all("bad.yaml" in p.where for p in caught.value.problems)
    assert "bad.yaml" in str(caught.value)


def test_top_level_must_be_a_known_kind(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "- just\n- a list\n")
    write(tmp_path, "b.yaml", CRITERIA.replace("kind: criteria", "kind: rules"))
    found = problems(tmp_path)
    assert any(
        m.endswith("a.yaml:1:1: the file must be a mapping with kind, id, title, ...")
        for m in found
    )
    assert any(
        "b.yaml:1:7: kind must be one of criteria, law, standard, checklist" in m for m in found
    )


def test_major_item_needs_a_criteria_link(tmp_path: Path) -> None:
    write(tmp_path, "c.yaml", CRITERIA)
    text = CHECKLIST.replace(
        "    criteria:\n      - {criteria_id: test-criteria, ref: 第一条第（一）项}\n", ""
    )
    path = write(tmp_path, "l.yaml", text)
    assert problems(tmp_path) == [
        f"{path}:6:5: items[0]: a major item needs at least one criteria link saying why"
    ]
