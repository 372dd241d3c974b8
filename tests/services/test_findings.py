# SPDX-License-Identifier: Apache-2.0
from __future__ import annotations

from datetime import date, timedelta

import pytest

from fieldcheck.core import clock
from fieldcheck.core.errors import (
    DomainError,
    FrozenError,
    InvalidValueError,
    NotFoundError,
    SupersededError,
    TransitionError,
)
from fieldcheck.core.loop import Action, Status, allowed_actions
from fieldcheck.core.models import Basis
from fieldcheck.core.terms import ItemOutcome, Level, MajorStatus
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import changes, findings, ledger
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites


@pytest.fixture
def inspection_id(ctx: AppContext, inspector: str) -> str:
    site = sites.register_site(
        ctx,
        {
            "name": "金水五金机械加工厂",
            "uscc": "91350100M000100Y43",
            "address": "金水路1号",
            "industry": "机械加工",
            "jurisdiction": "410105001",
        },
        actor_id=inspector,
    )
    return inspections.start_inspection(
        ctx, site_id=site.id, inspector_ids=[inspector], actor_id=inspector
    ).id


def test_record_then_whole_loop_keeps_every_event(
    ctx: AppContext, inspector: str, inspection_id: str
) -> None:
    f = findings.record_finding(
        ctx,
        inspection_id=inspection_id,
        description="疏散通道堆放杂物",
        place="一楼",
        basis=Basis(legal_basis="《中华人民共和国消防法》第二十八条"),
        actor_id=inspector,
    )
    deadline = clock.today() + timedelta(days=7)
    steps = [
        Action.ASSIGN,
        Action.REPORT_RECTIFICATION,
        Action.VERIFY_PASS,
        Action.CLOSE,
        Action.REVISIT,
        Action.REVISIT_CONFIRM,
    ]
    for a in steps:
        findings.transition(
            ctx, f.id, a, actor_id=inspector, deadline=deadline if a is Action.ASSIGN else None
        )
    final = findings.get_finding(ctx, f.id)
    assert final.status is Status.CLOSED and final.deadline == deadline
    events = findings.history(ctx, f.id)
    assert [e.action for e in events] == ["record", *steps]
    assert all(e.actor_id == inspector and e.at.tzinfo for e in events)
    assert events[1].from_status is Status.FOUND and events[1].to_status is Status.ASSIGNED


def test_close_before_verification_is_refused_and_nothing_changes(
    ctx: AppContext, inspector: str, inspection_id: str
) -> None:
    f = findings.record_finding(
        ctx, inspection_id=inspection_id, description="灭火器失效", actor_id=inspector
    )
    before = ledger.counts(ctx)
    with pytest.raises(TransitionError, match=f.id):
        findings.transition(ctx, f.id, Action.CLOSE, actor_id=inspector)
    assert findings.get_finding(ctx, f.id).status is Status.FOUND
    assert ledger.counts(ctx) == before
    assert len(findings.history(ctx, f.id)) == 1


def test_assign_needs_a_deadline_not_in_the_past(
    ctx: AppContext, inspector: str, inspection_id: str
) -> None:
    f = findings.record_finding(
        ctx, inspection_id=inspection_id, description="线路老化", actor_id=inspector
    )
    with pytest.raises(InvalidValueError, match="deadline"):
        findings.transition(ctx, f.id, Action.ASSIGN, actor_id=inspector)
    with pytest.raises(InvalidValueError, match="past"):
        findings.transition(
            ctx, f.id, Action.ASSIGN, actor_id=inspector, deadline=clock.today() - timedelta(days=1)
        )


def test_overdue_is_derived_from_the_deadline(
    ctx: AppContext, inspector: str, inspection_id: str
) -> None:
    f = findings.record_finding(
        ctx, inspection_id=inspection_id, description="气瓶未固定", actor_id=inspector
    )
    findings.transition(
        ctx, f.id, Action.ASSIGN, actor_id=inspector, deadline=clock.today() + timedelta(days=2)
    )
    assert ledger.counts(ctx)["overdue"] == 0
    later = clock.now() + timedelta(days=5)
    clock.set_clock(lambda: later)
    assert ledger.counts(ctx)["overdue"] == 1
    assert [e.id for e in ledger.ledger(ctx, ledger.ledger_filter(overdue=True))] == [f.id]


def test_suspected_major_is_recorded_as_major_pending_expert(
    ctx: AppContext, inspector: str, inspection_id: str
) -> None:
    f = findings.record_finding(
        ctx,
        inspection_id=inspection_id,
        description="积尘严重",
        basis=Basis(criteria_id="gongmao-2023", clause_ref="第十一条第（十）项"),
        suspected_major=True,
        actor_id=inspector,
    )
    assert f.level is Level.MAJOR and f.major_status is MajorStatus.SUSPECTED
    with pytest.raises(DomainError, match="expert must confirm or downgrade"):
        findings.transition(ctx, f.id, Action.FIX_ON_SPOT, actor_id=inspector)
    findings.transition(
        ctx, f.id, Action.ASSIGN, actor_id=inspector, deadline=clock.today() + timedelta(days=30)
    )
    with pytest.raises(DomainError, match="expert must confirm or downgrade"):
        findings.transition(ctx, f.id, Action.VERIFY_PASS, actor_id=inspector)
    assert findings.get_finding(ctx, f.id).status is Status.ASSIGNED


def test_frozen_finding_is_corrected_by_a_new_version(
    ctx: AppContext, inspector: str, inspection_id: str
) -> None:
    f = findings.record_finding(
        ctx, inspection_id=inspection_id, description="原描述", actor_id=inspector
    )
    changes.edit_finding(ctx, f.id, {"description": "改过的描述"}, actor_id=inspector)
    with ctx.db.transaction() as s:
        findings.freeze_in(s, f.id)
    with pytest.raises(FrozenError, match="correction"):
        changes.edit_finding(ctx, f.id, {"description": "再改"}, actor_id=inspector)
    new = changes.correct_finding(
        ctx, f.id, {"description": "更正后的描述"}, actor_id=inspector, reason="笔误"
    )
    assert new.supersedes == f.id and new.version == 2
    assert findings.get_finding(ctx, f.id).description == "改过的描述"
    ids = [e.id for e in ledger.ledger(ctx)]
    assert new.id in ids and f.id not in ids
    with pytest.raises(DomainError, match="corrected"):
        findings.transition(
            ctx, f.id, Action.ASSIGN, actor_id=inspector, deadline=date.today() + timedelta(days=3)
        )


def test_a_finding_carries_its_evidence_state_but_never_on_the_wire(
    ctx: AppContext, inspector: str, inspection_id: str
) -> None:
    f = findings.record_finding(
        ctx, inspection_id=inspection_id, description="灭火器过期", actor_id=inspector
    )
    assert (f.frozen, f.superseded_by) == (False, None)
    with ctx.db.transaction() as s:
        findings.freeze_in(s, f.id)
    frozen = findings.get_finding(ctx, f.id)
    assert frozen.frozen and findings.is_frozen(ctx, f.id)
    # The plan stays editable on a frozen finding, and the result still says frozen.
    edited = changes.edit_finding(ctx, f.id, {"measures": "更换灭火器"}, actor_id=inspector)
    assert edited.frozen and edited == findings.get_finding(ctx, f.id)
    new = changes.correct_finding(
        ctx, f.id, {"description": "灭火器压力不足"}, actor_id=inspector, reason="看错"
    )
    old = findings.get_finding(ctx, f.id)
    assert old.superseded_by == new.id and not new.frozen
    assert "frozen" not in old.model_dump(mode="json")
    assert "superseded_by" not in old.model_dump(mode="json")
    with pytest.raises(SupersededError, match=f"corrected by {new.id}; act on that"):
        old.require_current()
    with pytest.raises(SupersededError, match="correct that version instead"):
        changes.correct_finding(ctx, f.id, {"place": "二楼"}, actor_id=inspector, reason="再改")


def test_save_changes_decides_edit_or_correction(
    ctx: AppContext, inspector: str, inspection_id: str
) -> None:
    """The editor's one call: nothing changed, an edit, or (a frozen fact) a correction."""
    f = findings.record_finding(
        ctx, inspection_id=inspection_id, description="消防通道堵塞", actor_id=inspector
    )
    shown = {"description": f.description, "place": f.place, "measures": f.measures}
    assert changes.save_changes(ctx, f.id, shown, actor_id=inspector) == f
    assert len(findings.history(ctx, f.id)) == 1
    edited = changes.save_changes(ctx, f.id, {**shown, "place": "一楼"}, actor_id=inspector)
    assert edited.id == f.id and edited.place == "一楼"
    with ctx.db.transaction() as s:
        findings.freeze_in(s, f.id)
    plan = {**shown, "place": "一楼", "measures": "清理通道"}
    kept = changes.save_changes(ctx, f.id, plan, actor_id=inspector)
    assert kept.id == f.id and kept.measures == "清理通道"
    with pytest.raises(InvalidValueError, match="reason"):
        changes.save_changes(ctx, f.id, {**plan, "place": "二楼"}, actor_id=inspector)
    new = changes.save_changes(
        ctx, f.id, {**plan, "place": "二楼"}, actor_id=inspector, reason="部位写错"
    )
    assert new.supersedes == f.id and new.place == "二楼" and new.measures == "清理通道"
    with pytest.raises(InvalidValueError, match="status"):
        changes.save_changes(ctx, new.id, {"status": "closed"}, actor_id=inspector)


def test_unknown_inspection_is_not_found(ctx: AppContext, inspector: str) -> None:
    with pytest.raises(NotFoundError, match="inspection"):
        findings.record_finding(ctx, inspection_id="nope", description="x", actor_id=inspector)


def test_item_results_are_recorded_once_per_item(
    ctx: AppContext, inspector: str, inspection_id: str
) -> None:
    kw = {"inspection_id": inspection_id, "checklist_id": "jiuxiao-fire", "item_id": "1.1"}
    inspections.record_item_result(ctx, **kw, outcome=ItemOutcome.PASS, actor_id=inspector)
    inspections.record_item_result(
        ctx, **kw, outcome=ItemOutcome.FAIL, note="未配置", actor_id=inspector
    )
    results = inspections.item_results(ctx, inspection_id)
    assert len(results) == 1 and results[0].outcome is ItemOutcome.FAIL
    inspections.finish_inspection(ctx, inspection_id, actor_id=inspector)
    with pytest.raises(DomainError, match="finished"):
        inspections.record_item_result(ctx, **kw, outcome=ItemOutcome.PASS, actor_id=inspector)


def test_every_change_is_audited_and_queued_for_sync(
    ctx: AppContext, inspector: str, inspection_id: str
) -> None:
    before = ledger.counts(ctx)["unsynced"]["changes"]
    f = findings.record_finding(
        ctx, inspection_id=inspection_id, description="x", actor_id=inspector
    )
    findings.transition(ctx, f.id, Action.FIX_ON_SPOT, actor_id=inspector, note="当场整改")
    assert ledger.counts(ctx)["unsynced"]["changes"] == before + 4  # 2 records + 2 events
    count, problem = ledger.audit_verify(ctx)
    assert problem is None and count == before + 4


def test_inspection_keeps_a_snapshot_of_the_checklist_it_walked(
    ctx: AppContext, inspector: str, inspection_id: str
) -> None:
    from fieldcheck.core.models import ChecklistRef
    from fieldcheck.services.inspections.checklists import load_library, load_snapshot

    cl = load_library(ctx.home).checklist("youxian-kongjian")
    site_id = inspections.get_inspection(ctx, inspection_id).site_id
    insp = inspections.start_inspection(
        ctx,
        site_id=site_id,
        inspector_ids=[inspector],
        actor_id=inspector,
        checklists=[ChecklistRef(checklist_id=cl.id, version=cl.version)],
    )
    ref = inspections.get_inspection(ctx, insp.id).checklists[0]
    assert ref.sha256 and ref.version == cl.version
    assert load_snapshot(ctx, ref.sha256) == cl
    with pytest.raises(NotFoundError, match=r"version 0\.0"):
        inspections.start_inspection(
            ctx,
            site_id=site_id,
            inspector_ids=[inspector],
            actor_id=inspector,
            checklists=[ChecklistRef(checklist_id=cl.id, version="0.0")],
        )


def _struck_off(ctx: AppContext, inspector: str, inspection_id: str) -> str:
    f = findings.record_finding(
        ctx, inspection_id=inspection_id, description="疏散通道堆放杂物", actor_id=inspector
    )
    due = clock.today() + timedelta(days=7)
    findings.transition(ctx, f.id, Action.ASSIGN, actor_id=inspector, deadline=due)
    findings.transition(ctx, f.id, Action.VERIFY_PASS, actor_id=inspector)
    findings.transition(ctx, f.id, Action.CLOSE, actor_id=inspector)
    return f.id


def test_a_revisit_records_its_outcome_held_or_rebound(
    ctx: AppContext, inspector: str, inspection_id: str
) -> None:
    from fieldcheck.core.loop import RevisitOutcome
    from fieldcheck.services.findings import export

    held = _struck_off(ctx, inspector, inspection_id)
    back = _struck_off(ctx, inspector, inspection_id)
    done = findings.record_revisit(ctx, held, RevisitOutcome.HELD, actor_id=inspector, note="良好")
    assert done.status is Status.CLOSED
    steps = [(e.action, e.to_status, e.note) for e in findings.history(ctx, held)[-2:]]
    assert steps == [("revisit", "revisit", ""), ("revisit_confirm", "closed", "良好")]
    # 反弹 needs a new deadline; refused, nothing of the 回头看 is kept half-done.
    with pytest.raises(InvalidValueError, match="deadline"):
        findings.record_revisit(ctx, back, RevisitOutcome.REBOUND, actor_id=inspector)
    assert findings.get_finding(ctx, back).status is Status.CLOSED
    assert findings.history(ctx, back)[-1].action == "close"
    due = clock.today() + timedelta(days=3)
    again = findings.record_revisit(
        ctx, back, RevisitOutcome.REBOUND, actor_id=inspector, note="又堆放", deadline=due
    )
    assert (again.status, again.deadline) == (Status.ASSIGNED, due)  # the loop starts again
    assert [e.action for e in findings.history(ctx, back)[-2:]] == ["revisit", "reopen"]
    assert Action.VERIFY_PASS in allowed_actions(again.status)
    outcomes = sorted(r.revisit_outcome for r in export.ledger_rows(ctx) if r.revisited)
    assert outcomes == ["反弹", "未反弹"]  # the ledger workbook's 回头看结果


def test_a_revisit_recorded_without_outcome_gets_one_later(
    ctx: AppContext, inspector: str, inspection_id: str
) -> None:
    from fieldcheck.core.loop import RevisitOutcome

    fid = _struck_off(ctx, inspector, inspection_id)
    findings.transition(ctx, fid, Action.REVISIT, actor_id=inspector)  # before outcomes existed
    done = findings.record_revisit(ctx, fid, RevisitOutcome.HELD, actor_id=inspector)
    assert done.status is Status.CLOSED
    assert [e.action for e in findings.history(ctx, fid)[-2:]] == ["revisit", "revisit_confirm"]
    with pytest.raises(TransitionError):  # only a struck-off hazard is revisited
        open_one = findings.record_finding(
            ctx, inspection_id=inspection_id, description="灭火器过期", actor_id=inspector
        )
        findings.record_revisit(ctx, open_one.id, RevisitOutcome.HELD, actor_id=inspector)
