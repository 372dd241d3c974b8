# SPDX-License-Identifier: Apache-2.0
"""The bundled criteria sets hold the reference texts word for word; checklists link to them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fieldcheck import paths
from fieldcheck.checklists.library import Library
from fieldcheck.checklists.loader import find_files, read_files
from fieldcheck.checklists.schema import schema_texts

REFERENCE = Path("/work/shared/reference/criteria")
SOURCES = {
    "gongmao-2023": "gongmao-2023.txt",
    "gongmao-2017": "gongmao-2017-superseded.txt",
    "huagong-weihuapin-2017": "huagong-weihuapin-2017.txt",
    "yanhua-baozhu-2017": "yanhua-baozhu-2017.txt",
    "chengzhen-ranqi-2023": "chengzhen-ranqi-2023.txt",
    "fangwu-shizheng-2024": "fangwu-shizheng-2024.txt",
    "meikuang-2015": "meikuang-2015-superseded.txt",
    "meikuang-2026": "meikuang-2026-partial.txt",
    "jiuxiao-changsuo-zhengzhou": "jiuxiao-changsuo-zhengzhou-partial.txt",
    "yinhuan-paicha-16hao": "yinhuan-paicha-16hao-partial.txt",
    "anquan-shengchan-fa-2021": "anquan-shengchan-fa-2021-excerpt.txt",
    "xiaofang-fa-2021": "xiaofang-fa-2021-excerpt.txt",
}
TRUNCATION_MARK = "[... source excerpt ends here ...]"


def test_every_bundled_file_is_valid() -> None:
    loaded = read_files(find_files([paths.checklists_dir()]))
    assert [str(p) for p in loaded.problems] == []
    assert len(loaded.docs) >= 16


def test_every_reference_text_is_bundled(bundled: Library) -> None:
    ids = {s.id for s in bundled.criteria_sets()}
    assert set(SOURCES) <= ids


@pytest.mark.parametrize("set_id", sorted(SOURCES))
def test_bundled_text_reproduces_the_reference_word_for_word(bundled: Library, set_id: str) -> None:
    source = REFERENCE / SOURCES[set_id]
    if not source.exists():
        pytest.skip("reference texts are not on this machine")
    body = source.read_text(encoding="utf-8").split("=" * 60 + "\n", 1)[1]
    expected = [line for line in body.replace(TRUNCATION_MARK, "").split("\n") if line.strip()]
    s = bundled.criteria(set_id)
    rebuilt = s.preamble.split("\n") if s.preamble else []
    for clause in s.clauses:
        rebuilt.extend((clause.label + clause.text).split("\n"))
    # the compiler numbered the 2017 化工/烟花 lists; our labels carry that numbering
    assert [line for line in rebuilt if line.strip()] == expected


def test_the_source_header_is_carried_into_the_metadata(bundled: Library) -> None:
    for set_id, name in SOURCES.items():
        s = bundled.criteria(set_id)
        assert name in s.source
        assert "Taken from" in s.source


def test_major_hazard_counts_match_the_standards(bundled: Library) -> None:
    def majors(set_id: str) -> int:
        return sum(c.major_hazard for c in bundled.criteria(set_id).clauses)

    assert majors("gongmao-2023") == 64 + 1  # 64 items plus 第十四条
    assert majors("gongmao-2017") == 59
    assert majors("huagong-weihuapin-2017") == 20
    assert majors("yanhua-baozhu-2017") == 20
    assert majors("chengzhen-ranqi-2023") == 22
    assert majors("fangwu-shizheng-2024") == 53
    assert majors("meikuang-2015") == 15 + 65
    assert majors("meikuang-2026") == 17


def test_partial_and_superseded_sets_say_so(bundled: Library) -> None:
    for set_id in ("meikuang-2026", "jiuxiao-changsuo-zhengzhou", "yinhuan-paicha-16hao"):
        assert bundled.criteria(set_id).completeness == "partial"
    assert bundled.criteria("gongmao-2017").superseded_by == "gongmao-2023"
    assert bundled.criteria("meikuang-2015").status == "superseded"
    cut = bundled.clause("yinhuan-paicha-16hao", "第五条")
    assert cut.truncated and TRUNCATION_MARK not in cut.text


def test_law_sets_are_cited_by_article(bundled: Library) -> None:
    assert bundled.criteria("anquan-shengchan-fa-2021").kind == "law"
    assert (
        "重大事故隐患排查治理情况" in bundled.clause("anquan-shengchan-fa-2021", "第四十一条").text
    )
    assert bundled.clause("xiaofang-fa-2021", "第二十八条").text.startswith("任何单位、个人")


def test_four_grid_worker_checklists_link_only_to_real_clauses(bundled: Library) -> None:
    ids = {c.id for c in bundled.checklists()}
    wanted = {"jiuxiao-xiaowei-xiaofang", "youxian-kongjian", "dianqihan-donghuo"}
    assert wanted | {"chuzufang-qunzufang"} <= ids
    for checklist in bundled.checklists():
        for item in checklist.items:
            for link in (*item.criteria, *item.law, *item.references):
                bundled.clause(link.criteria_id, link.ref)  # raises if it does not exist
            for link in item.criteria:
                assert bundled.clause(link.criteria_id, link.ref).major_hazard
            if item.law:
                assert item.legal_basis.startswith("《")


def test_confined_space_item_cites_gongmao_article_13(bundled: Library) -> None:
    item = bundled.checklist("youxian-kongjian").item("yk-01")
    assert item is not None and item.default_level == "major"
    assert "gongmao-2023 第十三条第（一）项" in [str(link) for link in item.criteria]


def test_json_schema_files_match_the_models() -> None:
    for name, text in schema_texts().items():
        assert (paths.checklists_dir() / "schema" / name).read_text(encoding="utf-8") == text


def test_yaml_files_point_editors_at_the_schema() -> None:
    for path in find_files([paths.checklists_dir()]):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert re.fullmatch(
            r"# yaml-language-server: \$schema=\.\./schema/[a-z-]+\.schema\.json", first
        )
