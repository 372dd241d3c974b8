# SPDX-License-Identifier: Apache-2.0
"""Half-done inspections and withdrawn findings, below the window."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import select

from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError, InvalidValueError, TransitionError
from fieldcheck.core.loop import Action, Status
from fieldcheck.core.terms import ItemOutcome, NoticeKind, Role
from fieldcheck.services.context import AppContext
from fieldcheck.services.documents import notices
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import drafts, inspections
from fieldcheck.services.sites import sites
from fieldcheck.storage.tables import OutboxRow
from fieldcheck.sync.protocol import Entity
from fieldcheck.sync.wire import from_wire


@pytest.fixture
def inspection_id(ctx: AppContext, inspector: str) -> str:
    site = sites.register_site(
        ctx,
        {
            "name": "金水五金机械加工厂",
            "address": "金水路1号",
            "legal_rep": "王强",
            "jurisdiction": "410105001",
        },
        actor_id=inspector,
    )
    return inspections.start_inspection(
        ctx, site_id=site.id, inspector_ids=[inspector], actor_id=inspector
    ).id


def test_an_open_inspection_is_listed_until_it_ends(
    ctx: AppContext, inspector: str, inspection_id: str
) -> None:
    site_id = inspections.get_inspection(ctx, inspection_id).site_id
    findings.record_finding(
        ctx, inspection_id=inspection_id, description="灭火器过期", actor_id=inspector
    )
    [listed] = drafts.open_inspections(ctx)
    assert (listed.inspection.id, listed.findings, listed.site_name) == (
        inspection_id,
        1,
        "金水五金机械加工厂",
    )
    assert drafts.open_inspections(ctx, jurisdiction="410105002") == []
    assert drafts.open_at_site(ctx, site_id).id == inspection_id  # type: ignore[union-attr]
    draft = drafts.load_draft(ctx, inspection_id)
    assert draft.first_unanswered() == 0 and [f.description for f in draft.findings] == [
        "灭火器过期"
    ]
    with pytest.raises(InvalidValueError):
        drafts.end_incomplete(ctx, inspection_id, actor_id=inspector, reason="  ")
    ended = drafts.end_incomplete(ctx, inspection_id, actor_id=inspector, reason="停电")
    assert drafts.is_incomplete(ended) and drafts.incomplete_reason(ended) == "停电"
    assert (ended.unfinished_reason, ended.summary) == ("停电", "")  # its own field now
    again = inspections.get_inspection(ctx, inspection_id)
    assert again.unfinished_reason == "停电"  # stored, not only returned
    # It travels with the inspection (an empty reason is left out, as protocol 1 spelled it).
    content = again.model_dump(mode="json")
    assert content["unfinished_reason"] == "停电"
    assert from_wire(Entity.INSPECTION, content).unfinished_reason == "停电"  # type: ignore[attr-defined]
    assert (
        "unfinished_reason" not in again.model_copy(update={"unfinished_reason": ""}).model_dump()
    )
    # One ended before the field existed still reads as 未完成, with its reason.
    legacy = again.model_copy(update={"unfinished_reason": "", "summary": "未完成：下雨"})
    assert drafts.incomplete_reason(legacy) == "下雨"
    assert drafts.open_inspections(ctx) == [] and drafts.open_at_site(ctx, site_id) is None
    with pytest.raises(DomainError):
        drafts.load_draft(ctx, inspection_id)
    with pytest.raises(DomainError):
        drafts.end_incomplete(ctx, inspection_id, actor_id=inspector, reason="again")
    with pytest.raises(DomainError):  # answers of an ended inspection are fixed
        inspections.record_item_result(
            ctx,
            inspection_id=inspection_id,
            checklist_id="c",
            item_id="i",
            outcome=ItemOutcome.PASS,
            actor_id=inspector,
        )


def test_a_finding_recorded_twice_is_withdrawn_not_deleted(
    ctx: AppContext, inspector: str, inspection_id: str
) -> None:
    deadline = clock.today() + timedelta(days=7)
    kept, twice = (
        findings.record_finding(
            ctx,
            inspection_id=inspection_id,
            description="疏散通道堆放杂物",
            deadline=deadline,
            actor_id=inspector,
        )
        for _ in range(2)
    )
    with pytest.raises(InvalidValueError):
        findings.withdraw_finding(ctx, twice.id, actor_id=inspector, reason="")
    void = findings.withdraw_finding(ctx, twice.id, actor_id=inspector, reason="重复记录")
    assert void.status is Status.WITHDRAWN
    last = findings.history(ctx, twice.id)[-1]
    assert (last.action, last.note, last.to_status) == (Action.WITHDRAW, "重复记录", "withdrawn")
    with pytest.raises(TransitionError):  # a void record stays void
        findings.transition(ctx, twice.id, Action.ASSIGN, actor_id=inspector, deadline=deadline)
    # Queued for the server like every other step.
    with ctx.db.read() as s:
        queued = [
            json.loads(r.payload_json)
            for r in s.exec(select(OutboxRow).where(OutboxRow.entity == "finding_event"))
        ]
    assert any(p["finding_id"] == twice.id and p["action"] == "withdraw" for p in queued)
    assert [f.id for f in drafts.current_findings(ctx, inspection_id)] == [kept.id]
    inspections.finish_inspection(ctx, inspection_id, actor_id=inspector)
    issuer = sites.add_person(
        ctx,
        {"name": "张伟", "role": Role.GRID, "unit": "金水区文化路街道办事处"},
        actor_id=inspector,
    )
    notice = notices.issue_notice(ctx, inspection_id, NoticeKind.RECORD, issuer.id)
    assert notice.finding_ids == [kept.id]  # the void record is not on paper
