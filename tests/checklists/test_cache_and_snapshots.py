# SPDX-License-Identifier: Apache-2.0
"""The start-up cache follows file changes; snapshots keep what an inspection used."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from checklist_samples import CHECKLIST, CRITERIA, write

from fieldcheck import paths
from fieldcheck.checklists import cache
from fieldcheck.core.errors import CorruptDatabaseError, NotFoundError
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.inspections import checklists as service


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = open_context(tmp_path / "home")
    yield context
    context.close()


@pytest.fixture(autouse=True)
def _fresh_memory() -> None:
    cache.forget()


def test_cache_file_is_written_and_reused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write(data, "c.yaml", CRITERIA)
    write(data, "l.yaml", CHECKLIST)
    first = cache.load([data], tmp_path / "cache")
    files = list((tmp_path / "cache").glob("checklists-*.pickle"))
    assert len(files) == 1
    cache.forget()
    second = cache.load([data], tmp_path / "cache")
    assert second is not first  # came from the pickle, not from memory
    assert second.checklist("test-list") == first.checklist("test-list")
    assert second.checklist("test-list").items[0].legal_basis == ""


def test_editing_a_file_invalidates_the_cache(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write(data, "c.yaml", CRITERIA)
    write(data, "l.yaml", CHECKLIST)
    cache.load([data], tmp_path / "cache")
    write(data, "l.yaml", CHECKLIST.replace("测试检查表", "改过的检查表"))
    assert cache.load([data], tmp_path / "cache").checklist("test-list").title == "改过的检查表"
    assert len(list((tmp_path / "cache").glob("checklists-*.pickle"))) == 1


def test_a_damaged_cache_file_is_ignored(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write(data, "c.yaml", CRITERIA)
    cache.load([data], tmp_path / "cache")
    [pickled] = (tmp_path / "cache").glob("checklists-*.pickle")
    pickled.write_bytes(b"\x80\x05garbage")
    cache.forget()
    assert cache.load([data], tmp_path / "cache").criteria("test-criteria").title == "测试判定标准"


def test_county_directory_is_loaded_with_the_bundled_sets(tmp_path: Path) -> None:
    home = paths.home(tmp_path / "home")
    write(
        service.county_dir(home),
        "l.yaml",
        CHECKLIST.replace("test-criteria", "gongmao-2023").replace(
            "第一条第（一）项", "第十二条第（一）项"
        ),
    )
    lib = service.load_library(home)
    assert lib.checklist("test-list").items[0].criteria[0].criteria_id == "gongmao-2023"
    assert lib.criteria("gongmao-2023").status == "in_force"
    assert list(home.cache.glob("checklists-*.pickle"))


def test_one_bad_county_file_is_skipped_by_name_and_the_rest_loads(tmp_path: Path) -> None:
    home = paths.home(tmp_path / "home")
    county = service.county_dir(home)
    write(
        county,
        "good.yaml",
        CHECKLIST.replace("test-criteria", "gongmao-2023").replace(
            "第一条第（一）项", "第十二条第（一）项"
        ),
    )
    write(county, "c.yaml", CRITERIA.replace("id: test-criteria", "id: [broken"))
    # A checklist citing the broken set cannot load either: it is left out in turn.
    write(county, "cites.yaml", CHECKLIST.replace("id: test-list", "id: test-list-2"))
    lib = service.load_library(home)
    assert lib.checklist("test-list").title  # the good county file
    assert lib.criteria("gongmao-2023").status == "in_force"  # the bundled library
    skipped = {Path(p.where).name for p in lib.skipped}
    assert skipped == {"c.yaml", "cites.yaml"}, lib.skipped
    assert all(p.message for p in lib.skipped)
    with pytest.raises(NotFoundError):
        lib.checklist("test-list-2")
    lib = service.load_library(home, use_cache=False)
    assert {Path(p.where).name for p in lib.skipped} == {"c.yaml", "cites.yaml"}


def test_snapshot_survives_a_newer_checklist_version(ctx: AppContext, tmp_path: Path) -> None:
    data = tmp_path / "data"
    write(data, "c.yaml", CRITERIA)
    write(data, "l-1.yaml", CHECKLIST)
    old = cache.load([data], None).checklist("test-list")
    sha = service.record_snapshot(ctx, old)
    write(
        data,
        "l-2.yaml",
        CHECKLIST.replace('"1.0"', '"1.1"').replace("是否设置", "是否设置并定期检测"),
    )
    lib = cache.load([data], None)
    assert lib.checklist("test-list").version == "1.1"
    assert lib.checklist("test-list", "1.0") == old
    assert service.record_snapshot(ctx, lib.checklist("test-list")) != sha
    kept = service.load_snapshot(ctx, sha)
    assert kept == old
    assert kept.items[0].prompt == "是否设置液氨泄漏报警装置"
    assert service.snapshot(kept) == service.snapshot(old)


def test_recording_the_same_snapshot_twice_stores_it_once(ctx: AppContext) -> None:
    checklist = service.load_library().checklist("dianqihan-donghuo")
    first = service.record_snapshot(ctx, checklist)
    assert service.record_snapshot(ctx, checklist) == first
    kept = service.load_snapshot(ctx, first)
    assert kept.items[0].legal_basis == checklist.items[0].legal_basis != ""


def test_unknown_and_altered_snapshots_are_refused(ctx: AppContext) -> None:
    with pytest.raises(NotFoundError):
        service.load_snapshot(ctx, "0" * 64)
    checklist = service.load_library().checklist("youxian-kongjian")
    sha = service.record_snapshot(ctx, checklist)
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE checklist_snapshot SET content_json = replace(content_json, '监护', '看护')"
        )
    with pytest.raises(CorruptDatabaseError, match="does not match its hash"):
        service.load_snapshot(ctx, sha)


def test_superseded_criteria_stay_viewable_for_old_findings() -> None:
    lib = service.load_library()
    old = lib.criteria("gongmao-2017")
    assert old.status == "superseded" and old.superseded_by == "gongmao-2023"
    clause = lib.clause("gongmao-2017", "一（三）第1项")
    assert clause.text.startswith("未对有限空间作业场所进行辨识")
    assert any(h.set_id == "gongmao-2017" for h in lib.search("有限空间作业场所"))
    with pytest.raises(NotFoundError):
        lib.clause("gongmao-2017", "第九十九条")
