# SPDX-License-Identifier: Apache-2.0
"""The bundled criteria sets hold the reference texts word for word; checklists link to them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fieldcheck import paths
from fieldcheck.checklists.library import Library
from fieldcheck.checklists.loader import find_files, read_files
from fieldcheck.checklists.models import CriteriaSet
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
    "meikuang-2026": "meikuang-2026.txt",
    "jiuxiao-changsuo-zhengzhou": "jiuxiao-changsuo-zhengzhou-partial.txt",
    "yinhuan-paicha-16hao": "yinhuan-paicha-16hao.txt",
    "feijinshu-kuangshan-2022": "feijinshu-kuangshan-2022.txt",
    "feijinshu-kuangshan-2024-buchong": "feijinshu-kuangshan-2024-buchong.txt",
    "minbao-2024": "minbao-2024.txt",
    "dianli-2026": "dianli-2026.txt",
    "anquan-shengchan-fa-2021": "anquan-shengchan-fa-2021-excerpt.txt",
    "xiaofang-fa-2021": "xiaofang-fa-2021-excerpt.txt",
}
# partial copies later replaced by fuller ones: every line of theirs is in the fuller text
REPLACED = {
    "meikuang-2026-partial.txt": "meikuang-2026",
    "yinhuan-paicha-16hao-partial.txt": "yinhuan-paicha-16hao",
}
# metadata-only records, bundled as referenced sets without text
REFERENCED = {"huagong-weihuapin-aq3067-2026-metadata.txt": "aq-3067-2026"}
# the 文书 formats are wording for documents (reports/wording.py), not criteria sets
NOT_SETS = re.compile(r"^wenshu-.*-format\.txt$")
TRUNCATION_MARK = "[... source excerpt ends here ...]"
MARK = re.compile(r"\[\.\.\. source (?:excerpt|quotation) ends here[^\]]*\]")
NOT_FOUND = re.compile(r"^第[一二三四五六七八九十百零]+条　\[NOT FOUND\]")
SEPARATOR = "=" * 60 + "\n"


def reference_lines(name: str) -> list[str]:
    """The non-blank text lines of a reference file, without markers of what is missing."""
    body = (REFERENCE / name).read_text(encoding="utf-8").split(SEPARATOR, 1)[1]
    body = body.split("\n" + SEPARATOR, 1)[0]  # unnumbered fragments after a second rule
    lines = (MARK.sub("", line) for line in body.split("\n"))
    return [line for line in lines if line.strip() and not NOT_FOUND.match(line)]


def rebuilt_lines(s: CriteriaSet) -> list[str]:
    rebuilt = s.preamble.split("\n") if s.preamble else []
    for clause in s.clauses:
        rebuilt.extend((clause.label + clause.text).split("\n"))
    return [line for line in rebuilt if line.strip()]


def test_every_bundled_file_is_valid() -> None:
    loaded = read_files(find_files([paths.checklists_dir()]))
    assert [str(p) for p in loaded.problems] == []
    assert len(loaded.docs) >= 16


def test_every_reference_text_is_bundled(bundled: Library) -> None:
    ids = {s.id for s in bundled.criteria_sets()}
    assert set(SOURCES) <= ids


@pytest.mark.parametrize("set_id", sorted(SOURCES))
def test_bundled_text_reproduces_the_reference_word_for_word(bundled: Library, set_id: str) -> None:
    if not (REFERENCE / SOURCES[set_id]).exists():
        pytest.skip("reference texts are not on this machine")
    # the compiler numbered the 2017 化工/烟花 lists; our labels carry that numbering
    assert rebuilt_lines(bundled.criteria(set_id)) == reference_lines(SOURCES[set_id])


def test_every_file_in_the_reference_folder_is_reflected(bundled: Library) -> None:
    if not REFERENCE.is_dir():
        pytest.skip("reference texts are not on this machine")
    reflected = set(SOURCES.values()) | set(REPLACED) | set(REFERENCED)
    names = {p.name for p in REFERENCE.glob("*.txt") if not NOT_SETS.match(p.name)}
    assert sorted(names - reflected) == []
    for set_id in REFERENCED.values():
        assert not bundled.criteria(set_id).bundled


@pytest.mark.parametrize("name", sorted(REPLACED))
def test_a_partial_copy_is_contained_in_its_fuller_replacement(bundled: Library, name: str) -> None:
    if not (REFERENCE / name).exists():
        pytest.skip("reference texts are not on this machine")
    fuller = "\n".join(rebuilt_lines(bundled.criteria(REPLACED[name])))
    squeeze = re.compile(r"[\s　]+")
    for line in reference_lines(name):
        # the fuller copies set a full-width space after 第X条 where the partial ones had none
        assert squeeze.sub("", line) in squeeze.sub("", fuller), line


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
    # 2026 煤矿: 123 items of 第四条-第二十条, 14 of them split into 63 numbered situations
    assert majors("meikuang-2026") == 123 - 14 + 63
    # 非煤矿山 2022: 64 items, 24 split into 79 sub-items; 一（二十） states one itself too
    assert majors("feijinshu-kuangshan-2022") == 64 - 24 + 79 + 1
    assert majors("feijinshu-kuangshan-2024-buchong") == 8
    assert majors("minbao-2024") == 17
    assert majors("dianli-2026") == 48 + 1  # “10大类49项”: 第五条-第十三条 plus 第十四条


def test_partial_and_superseded_sets_say_so(bundled: Library) -> None:
    for set_id in ("jiuxiao-changsuo-zhengzhou", "yinhuan-paicha-16hao", "dianli-2026"):
        assert bundled.criteria(set_id).completeness == "partial"
    assert bundled.criteria("meikuang-2026").completeness == "complete"
    assert bundled.criteria("gongmao-2017").superseded_by == "gongmao-2023"
    assert "gongmao-2017" in bundled.criteria("gongmao-2023").supersedes
    assert bundled.criteria("meikuang-2015").status == "superseded"
    assert "meikuang-2015" in bundled.criteria("meikuang-2026").supersedes
    buchong = bundled.criteria("feijinshu-kuangshan-2024-buchong")
    assert buchong.supplements == ("feijinshu-kuangshan-2022",)
    assert bundled.criteria("feijinshu-kuangshan-2022").supplemented_by == (buchong.id,)
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
    wanted |= {"chuzufang-qunzufang", "canyin-ranqi", "jianzhu-shigong", "fenchen-shebao"}
    wanted |= {"shean-zhileng", "weihuapin-jingying", "yanhua-lingshou", "feimei-kuangshan"}
    assert wanted <= ids
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


def test_single_source_clauses_are_marked(bundled: Library) -> None:
    def single(set_id: str) -> set[str]:
        return {c.ref for c in bundled.criteria(set_id).clauses if c.single_source}

    every = {c.ref for c in bundled.criteria("dianli-2026").clauses}
    assert single("dianli-2026") == every
    minbao = single("minbao-2024")
    assert "六" in minbao and "十七" in minbao and "五" not in minbao
    mines = single("feijinshu-kuangshan-2022")
    assert "一（六）" in mines and "一（一）" not in mines
    # partly cross-checked: 一（七）3. and 4. were seen elsewhere, 1. and 2. were not
    assert {"一（七）第1项", "一（七）第2项"} <= mines
    assert not {"一（七）", "一（七）第3项"} & mines
    assert single("yinhuan-paicha-16hao") >= {"第五条", "第二十七条"}
    # the headers list 25 single-source items of 工贸 2023 and 化工 2017 十六-二十
    assert len(single("gongmao-2023")) == 25 and "第十二条第（一）项" in single("gongmao-2023")
    assert single("huagong-weihuapin-2017") == {"十六", "十七", "十八", "十九", "二十"}
    # sets taken from one source only, with nothing to compare against
    for set_id in ("chengzhen-ranqi-2023", "fangwu-shizheng-2024", "meikuang-2015"):
        assert single(set_id) == {c.ref for c in bundled.criteria(set_id).clauses}


def test_referenced_standards_hold_numbers_but_no_text(bundled: Library) -> None:
    fire = bundled.criteria("gb-35181-2025")
    assert fire.completeness == "referenced" and not fire.bundled
    assert fire.effective is not None and fire.effective.isoformat() == "2025-11-01"
    assert fire.decided_by == "消防救援机构"
    assert all(not c.text for c in fire.clauses)
    assert "特种设备安全监管部门" in bundled.criteria("gb-45067-2024").decided_by
    aq = bundled.criteria("aq-3067-2026")
    assert len(aq.clauses) == 53 and aq.clauses[-1].ref == "5.7.7"


def test_the_2017_chemical_criteria_warn_about_aq_3067(bundled: Library) -> None:
    caution = bundled.criteria("huagong-weihuapin-2017").caution
    assert "AQ 3067-2026" in caution and "2026年9月30日" in caution


def test_every_checklist_item_words_its_finding(bundled: Library) -> None:
    for checklist in bundled.checklists():
        for item in checklist.items:
            assert item.finding.strip(), f"{checklist.id} {item.id}"
            assert not item.finding.startswith("是否"), item.id  # a finding, not a question


def test_a_single_criteria_link_lends_the_finding_its_words(bundled: Library) -> None:
    """Where one clause backs a major item, the finding keeps to that clause's wording."""
    checked = 0
    for checklist in bundled.checklists():
        for item in checklist.items:
            if item.default_level != "major" or len(item.criteria) != 1:
                continue
            if str(item.criteria[0]) == "gongmao-2023 第十四条":
                continue  # a rule about devices in every listed situation, not a situation
            clause = bundled.clause(item.criteria[0].criteria_id, item.criteria[0].ref)
            words = clause.text.split("\n")[0].rstrip("：；;。").removesuffix("的")
            assert item.finding in words or words in item.finding, f"{checklist.id} {item.id}"
            checked += 1
    assert checked >= 30


def test_fire_and_special_equipment_items_name_the_missing_criteria(bundled: Library) -> None:
    fire = bundled.checklist("jiuxiao-xiaowei-xiaofang")
    assert fire.missing_criteria == ("gb-35181-2025",)
    notices = bundled.notices(checklist_id=fire.id, item_id="jx-12")
    assert len(notices) == 1 and "消防救援机构" in notices[0] and "未收录" in notices[0]
    lift = bundled.notices(checklist_id="chuzufang-qunzufang", item_id="cz-12")
    assert any("特种设备安全监管部门" in n for n in lift)
    assert bundled.notices(checklist_id="youxian-kongjian", item_id="yk-01") == []
    assert any("AQ 3067-2026" in n for n in bundled.notices(criteria_id="huagong-weihuapin-2017"))
