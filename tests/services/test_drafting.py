# SPDX-License-Identifier: Apache-2.0
"""A failed checklist item drafts its finding: the item's wording, clause, measures, deadline."""

from __future__ import annotations

from datetime import timedelta

from fieldcheck.core import clock
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings.drafting import draft_from_item
from fieldcheck.services.inspections.checklists import load_library


def test_a_failed_item_drafts_its_finding(ctx: AppContext) -> None:
    checklist = load_library(ctx.home).checklist("youxian-kongjian")
    items = {item.id: item for item in checklist.items}
    draft = draft_from_item(checklist.id, items["yk-01"])
    assert (
        draft["description"]
        == "未对有限空间进行辨识、建立安全管理台账，并且未设置明显的安全警示标志"
    )
    assert (draft["criteria_id"], draft["clause_ref"]) == ("gongmao-2023", "第十三条第（一）项")
    assert draft["suspected_major"] is True
    assert draft["deadline"] == clock.today() + timedelta(days=7)
    assert draft["measures"].startswith("全面辨识有限空间")
    assert (draft["checklist_id"], draft["item_id"]) == ("youxian-kongjian", "yk-01")


def test_an_item_fixed_at_once_has_no_deadline_and_a_plain_one_is_general(
    ctx: AppContext,
) -> None:
    checklist = load_library(ctx.home).checklist("youxian-kongjian")
    items = {item.id: item for item in checklist.items}
    assert draft_from_item(checklist.id, items["yk-02"])["deadline"] is None  # 当场整改
    plain = draft_from_item(checklist.id, items["yk-05"])
    assert plain["suspected_major"] is False  # its clause is cited, the level left general
    assert plain["deadline"] == clock.today() + timedelta(days=15)
