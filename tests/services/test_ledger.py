# SPDX-License-Identifier: Apache-2.0
from __future__ import annotations

import pytest

from fieldcheck.core.loop import Status
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import ledger
from fieldcheck.services.sites import sites


def test_demo_spreads_findings_over_every_status(demo_ctx: AppContext) -> None:
    c = ledger.counts(demo_ctx)
    assert c["sites"] >= 30 and c["inspections"] >= 60 and c["findings"] >= 200
    assert all(c["by_status"][s.value] > 0 for s in Status), c["by_status"]
    assert c["by_level"]["major"] > 0 and c["overdue"] > 0
    assert c["photos"] >= 20  # made-up evidence photos, marked 演示照片 on their face


def test_filters_combine(demo_ctx: AppContext) -> None:
    everything = ledger.ledger(demo_ctx)
    site_id = everything[0].site_id
    f = ledger.ledger_filter(status="assigned", site_id=site_id)
    got = ledger.ledger(demo_ctx, f)
    assert got == [e for e in everything if e.status == "assigned" and e.site_id == site_id]
    assert ledger.ledger_size(demo_ctx, f) == len(got)
    overdue = ledger.ledger(demo_ctx, ledger.ledger_filter(overdue=True))
    assert overdue and all(e.overdue for e in overdue)
    assert len(overdue) == ledger.counts(demo_ctx)["overdue"]
    major = ledger.ledger(demo_ctx, ledger.ledger_filter(level="major"))
    assert major and all(e.level == "major" for e in major)


def test_major_hazards_awaiting_the_expert_filter_apart(demo_ctx: AppContext) -> None:
    everything = ledger.ledger(demo_ctx)
    suspected = ledger.ledger(demo_ctx, ledger.ledger_filter(suspected_major=True))
    assert suspected == [
        e for e in everything if e.level == "major" and e.major_status == "suspected"
    ]
    assert suspected and len(suspected) == ledger.counts(demo_ctx)["suspected_major"]
    f = ledger.ledger_filter(level="major", suspected_major=False)
    confirmed = ledger.ledger(demo_ctx, f)
    assert confirmed == [
        e for e in everything if e.level == "major" and e.major_status != "suspected"
    ]
    assert confirmed and {e.major_status for e in confirmed} == {"confirmed"}
    assert ledger.ledger_size(demo_ctx, f) == len(confirmed)
    others = ledger.ledger(demo_ctx, ledger.ledger_filter(suspected_major=False))
    assert len(others) + len(suspected) == len(everything)  # a hazard not yet ruled on: NULL


def test_due_within_days_lists_open_hazards_not_yet_overdue(demo_ctx: AppContext) -> None:
    due = ledger.ledger(demo_ctx, ledger.ledger_filter(due_within_days=7))
    assert all(not e.overdue and e.deadline is not None for e in due)


def test_free_text_search_is_literal(demo_ctx: AppContext) -> None:
    hits = ledger.ledger(demo_ctx, ledger.ledger_filter(text="灭火器"))
    assert hits and all("灭火器" in e.description for e in hits)
    assert ledger.ledger(demo_ctx, ledger.ledger_filter(text="%")) == []


def test_unknown_status_is_refused() -> None:
    with pytest.raises(ValueError):
        ledger.ledger_filter(status="done")


def test_site_search(demo_ctx: AppContext) -> None:
    found = sites.search_sites(demo_ctx, "宾馆")
    assert found and all("宾馆" in s.name for s in found)


def test_demo_cites_only_clauses_that_exist(demo_ctx: AppContext) -> None:
    from fieldcheck.services.inspections.checklists import load_library

    lib = load_library(demo_ctx.home)
    cited = {(e.clause_ref) for e in ledger.ledger(demo_ctx) if e.clause_ref}
    assert cited
    for ref in cited:
        assert lib.clause("gongmao-2023", ref).text
