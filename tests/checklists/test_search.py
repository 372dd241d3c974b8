# SPDX-License-Identifier: Apache-2.0
"""Search: 1–2 character Chinese queries, ranking, and agreement with a plain scan."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldcheck.checklists.library import Library
from fieldcheck.checklists.search import Entry, SearchIndex, normalize

ENTRIES = [
    Entry("a", "A", "criteria", "第一条", "液氨制冷车间", status="in_force", major_hazard=True),
    Entry("b", "B", "criteria", "一", "使用液氨制冷的行业", status="superseded", major_hazard=True),
    Entry("c", "C", "checklist", "c-1", "粉尘清理是否及时", detail="查看积尘"),
    Entry("d", "D", "law", "第二条", "氨气（NH3）泄漏", detail="粉尘"),
]


def test_one_character_query_finds_ammonia(bundled: Library) -> None:
    hits = bundled.search("氨")
    assert hits, "氨 must match the 液氨 clauses"
    assert all("氨" in h.entry.text + h.entry.detail for h in hits)
    assert ("gongmao-2023", "第十二条第（一）项") in [(h.set_id, h.ref) for h in hits]


def test_two_character_query_ranks_current_before_superseded(bundled: Library) -> None:
    hits = bundled.search("粉尘", limit=200)
    statuses = [h.entry.status for h in hits]
    assert statuses.index("superseded") > statuses.index("in_force")
    first_superseded = statuses.index("superseded")
    assert all(s == "superseded" for s in statuses[first_superseded:] if s)
    assert hits[0].set_id == "gongmao-2023"


def test_several_terms_must_all_match(bundled: Library) -> None:
    hits = bundled.search("有限空间 监护")
    assert hits
    for h in hits:
        text = normalize(h.entry.text + "\n" + h.entry.detail)
        assert "有限空间" in text and "监护" in text


def test_width_and_case_are_folded() -> None:
    index = SearchIndex(ENTRIES)
    assert [h.ref for h in index.search("nh3")] == ["第二条"]
    assert [h.ref for h in index.search("(NH3)")] == ["第二条"]


def test_match_in_the_main_text_beats_match_in_the_detail() -> None:
    hits = SearchIndex(ENTRIES).search("粉尘")
    assert [h.set_id for h in hits] == ["c", "d"]


def test_empty_or_unknown_queries_find_nothing(bundled: Library) -> None:
    assert bundled.search("") == []
    assert bundled.search("   ") == []
    assert bundled.search("量子纠缠") == []
    assert bundled.search("氨", limit=0) == []


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_index_agrees_with_a_plain_substring_scan(bundled: Library, data: st.DataObject) -> None:
    entries = bundled._index.entries
    entry = data.draw(st.sampled_from(entries))
    text = normalize(entry.text)
    start = data.draw(st.integers(0, max(len(text) - 1, 0)))
    length = data.draw(st.integers(1, 6))
    query = text[start : start + length].strip()
    if not query or " " in query:
        return
    expected = {
        (e.set_id, e.ref)
        for e in entries
        if query in normalize(e.text) + "\n" + normalize(e.detail)
    }
    got = {(h.set_id, h.ref) for h in bundled.search(query, limit=10_000)}
    assert got == expected


def test_suggest_matches_place_before_industry(bundled: Library) -> None:
    eating = [c.id for c in bundled.suggest("餐饮", "小餐馆")]
    assert sorted(eating) == ["canyin-ranqi", "jiuxiao-xiaowei-xiaofang"]
    rented = [c.id for c in bundled.suggest("", "群租房")]
    assert rented == ["chuzufang-qunzufang"]
    building = [c.id for c in bundled.suggest("建筑施工", "施工现场")]
    assert set(building) == {"jianzhu-shigong", "dianqihan-donghuo", "youxian-kongjian"}
    # a place that fits outranks an industry that fits
    assert bundled.suggest("餐饮", "冷库")[0].id == "shean-zhileng"
    assert bundled.suggest("", "") == []
