# SPDX-License-Identifier: Apache-2.0
"""五落实 of a major hazard: recorded on the finding, kept on edit, printed, exported."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from report_samples import PASS, Visit, enroll, pdftotext, person, soon

from fieldcheck.core.terms import NoticeKind, Role
from fieldcheck.services.documents import documents, notices
from fieldcheck.services.findings import changes, export, findings
from fieldcheck.services.major import major
from fieldcheck.storage import notice_repo

PLAN = {"responsible": "赵强（厂长）", "funds": "2万元", "safety_plan": "停止砂光作业，设警戒区"}


def test_the_plan_is_recorded_and_completed_after_a_notice(visit: Visit) -> None:
    ctx = visit.ctx
    major = visit.finding_ids[1]
    notices.issue_notice(
        ctx, visit.inspection_id, NoticeKind.RECTIFICATION, visit.grid, deadline=soon()
    )
    assert findings.is_frozen(ctx, major)
    # The plan is not an observed fact: it is completed in place, no correction needed.
    f = changes.edit_finding(ctx, major, PLAN, actor_id=visit.grid)
    again = findings.get_finding(ctx, major)
    assert (again.responsible, again.funds, again.safety_plan) == tuple(PLAN.values())
    assert again.plan_missing() == []
    assert f.version == again.version  # edited, not a new version


def test_an_empty_plan_leaves_the_record_content_as_before(visit: Visit) -> None:
    """Findings recorded before the plan existed keep the same JSON (and sync hash)."""
    f = findings.get_finding(visit.ctx, visit.finding_ids[0])
    dumped = f.model_dump(mode="json")
    assert not {"responsible", "funds", "safety_plan"} & set(dumped)
    filled = f.model_copy(update={"funds": "5000元"}).model_dump(mode="json")
    assert filled["funds"] == "5000元"


def test_the_ledger_workbook_carries_measures_and_the_plan(visit: Visit, tmp_path: Path) -> None:
    ctx = visit.ctx
    changes.edit_finding(ctx, visit.finding_ids[1], PLAN, actor_id=visit.grid)
    out = tmp_path / "台账.xlsx"
    export.export_ledger(ctx, out)
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    headers = [c.value for c in ws[2]]
    for name in ("整改措施", "责任人", "整改资金", "安全措施和应急预案"):
        assert name in headers
    col = {h: i for i, h in enumerate(headers)}
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    major = next(r for r in rows if r[col["责任人"]])
    assert major[col["整改资金"]] == "2万元" and major[col["整改措施"]] == "立即清理。"
    # Still awaiting the expert: the ledger does not call it major, and cites the clause fully.
    assert major[col["隐患等级"]] == "疑似重大，待专家判定"
    assert "《工贸企业重大事故隐患判定标准》第十一条第（十）项" in major[col["依据/条款"]]
    with ctx.db.read() as s:
        assert notice_repo.list_notices(s) == []


def test_a_confirmed_major_hazard_prints_its_plan_and_the_major_sentence(
    visit: Visit, tmp_path: Path
) -> None:
    ctx = visit.ctx
    expert = person(ctx, "陈志强", Role.EXPERT, "郑州市安全生产专家库", "专家2026-031")
    enroll(ctx, expert)
    fid = visit.finding_ids[1]
    changes.edit_finding(ctx, fid, PLAN, actor_id=visit.grid)
    shown = major.review(ctx, fid)
    major.confirm(
        ctx,
        fid,
        expert_id=expert,
        passphrase=PASS,
        reviewed_sha256=shown.content_sha256,
        comment="符合第十一条第（十）项",
    )
    n = notices.issue_notice(
        ctx, visit.inspection_id, NoticeKind.RECTIFICATION, visit.grid, deadline=soon()
    )
    out = documents.render_notice(ctx, n.id, tmp_path / "n.pdf", unsigned=True)
    text = "".join(pdftotext(out.path).split())
    assert "其中第2项为重大事故隐患。" in text and "【重大】" in text
    assert "判定依据：《工贸企业重大事故隐患判定标准》第十一条第（十）项" in text
    for label, value in (("责任人", "赵强（厂长）"), ("整改资金", "2万元")):
        assert f"{label}：{value}" in text
    assert "安全措施和应急预案：停止砂光作业，设警戒区" in text
    assert "疑似" not in text
