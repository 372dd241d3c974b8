# SPDX-License-Identifier: Apache-2.0
"""Issuing documents: required fields, numbers, roles, the loop, voiding, signed PDFs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from report_samples import PASS, Visit, enroll, make_visit, pdftotext, person, soon

from fieldcheck.core.errors import DomainError
from fieldcheck.core.loop import Action, Status
from fieldcheck.core.terms import NoticeKind, Role
from fieldcheck.services.context import AppContext
from fieldcheck.services.documents import doc_settings, documents, notices, pdf_verdict, receipts
from fieldcheck.services.documents.notice_data import MissingFieldsError
from fieldcheck.services.findings import findings
from fieldcheck.storage import notice_repo


def test_notice_with_missing_fields_is_refused_with_the_whole_list(ctx: AppContext) -> None:
    v = make_visit(ctx)  # no settings: no escalation body; hazards have no deadline
    with pytest.raises(MissingFieldsError) as err:
        notices.issue_notice(ctx, v.inspection_id, NoticeKind.RECTIFICATION, v.grid)
    text = str(err.value)
    assert "逾期上报机关" in text
    assert text.count("整改期限 of 隐患") == 3
    with ctx.db.read() as s:  # nothing was numbered or stored
        assert notice_repo.list_notices(s) == []
    assert findings.get_finding(ctx, v.finding_ids[0]).status is Status.FOUND


def test_inspector_without_certificate_number_blocks_the_record(ctx: AppContext) -> None:
    v = make_visit(ctx)
    nobody = person(ctx, "王五", Role.GRID, "某街道", "")
    from fieldcheck.services.inspections import inspections

    insp = inspections.start_inspection(
        ctx, site_id=v.site_id, inspector_ids=[nobody], actor_id=nobody
    )
    with pytest.raises(MissingFieldsError, match="证件号码 of inspector 王五"):
        notices.issue_notice(ctx, insp.id, NoticeKind.RECORD, nobody)


def test_rectification_assigns_hazards_and_freezes_them(visit: Visit) -> None:
    ctx = visit.ctx
    n = notices.issue_notice(
        ctx, visit.inspection_id, NoticeKind.RECTIFICATION, visit.grid, deadline=soon()
    )
    assert n.finding_ids == visit.finding_ids
    for fid in visit.finding_ids:
        f = findings.get_finding(ctx, fid)
        assert f.status is Status.ASSIGNED and f.deadline == soon()
        assert findings.is_frozen(ctx, fid)
    history = findings.history(ctx, visit.finding_ids[0])
    assert history[-1].note.endswith(n.number)


def test_numbers_carry_device_code_and_year_and_are_never_reused(visit: Visit) -> None:
    ctx = visit.ctx
    a = notices.issue_notice(ctx, visit.inspection_id, NoticeKind.RECORD, visit.grid)
    notices.void_notice(ctx, a.id, reason="重复", actor_id=visit.grid)
    with pytest.raises(MissingFieldsError):  # a refused issue takes no number
        notices.issue_notice(ctx, visit.inspection_id, NoticeKind.RECTIFICATION, visit.grid)
    b = notices.issue_notice(ctx, visit.inspection_id, NoticeKind.RECORD, visit.grid)
    pattern = r"（金水）检记〔\d{4}〕([0-9A-Z]{6})-(\d{4})号"
    ma, mb = re.fullmatch(pattern, a.number), re.fullmatch(pattern, b.number)
    assert ma and mb and ma.group(1) == mb.group(1)
    assert (int(ma.group(2)), int(mb.group(2))) == (1, 2)
    listed = {r.number: r for r in notices.list_notices(ctx)}
    assert listed[a.number].voided and not listed[b.number].voided


def test_two_devices_issuing_offline_never_share_a_number(tmp_path: Path) -> None:
    from fieldcheck.services.context import open_context

    numbers = set()
    for name in ("tablet-a", "tablet-b"):
        ctx = open_context(tmp_path / name)
        doc_settings.configure(ctx, dict(doc_settings.DEMO_SETTINGS), actor_id="t")
        v = make_visit(ctx)
        numbers.add(notices.issue_notice(ctx, v.inspection_id, NoticeKind.RECORD, v.grid).number)
        ctx.close()
    assert len(numbers) == 2


def test_a_crash_mid_issue_leaves_no_notice_and_no_gap_in_state(visit: Visit) -> None:
    ctx = visit.ctx

    class Boom(Exception):
        pass

    original = notices.freeze_in

    def crash(*args: object, **kwargs: object) -> None:
        raise Boom

    notices.freeze_in = crash  # type: ignore[assignment]
    try:
        with pytest.raises(Boom):
            notices.issue_notice(
                ctx, visit.inspection_id, NoticeKind.RECTIFICATION, visit.grid, deadline=soon()
            )
    finally:
        notices.freeze_in = original
    assert notices.list_notices(ctx) == []
    assert findings.get_finding(ctx, visit.finding_ids[0]).status is Status.FOUND
    n = notices.issue_notice(
        ctx, visit.inspection_id, NoticeKind.RECTIFICATION, visit.grid, deadline=soon()
    )
    assert n.number.endswith("-0001号")  # the rolled-back number was never handed out


def test_document_set_follows_the_issuers_role(visit: Visit) -> None:
    with pytest.raises(DomainError, match="--kind rectification"):
        notices.issue_notice(
            visit.ctx, visit.inspection_id, NoticeKind.ORDER, visit.grid, deadline=soon()
        )


def test_review_lists_fixed_and_unfixed_and_sets_the_new_deadline(visit: Visit) -> None:
    ctx = visit.ctx
    first = notices.issue_notice(
        ctx, visit.inspection_id, NoticeKind.RECTIFICATION, visit.grid, deadline=soon(5)
    )
    fixed = visit.finding_ids[0]
    findings.transition(ctx, fixed, Action.VERIFY_PASS, actor_id=visit.grid)
    review = notices.issue_notice(
        ctx, visit.inspection_id, NoticeKind.REVIEW, visit.grid, deadline=soon(20)
    )
    _, data = notices.document_data(ctx, review.id)
    assert data.refers_to_number == first.number
    assert [h.finding_id for h in data.fixed] == [fixed]
    assert [h.finding_id for h in data.hazards] == visit.finding_ids[1:]
    for fid in visit.finding_ids[1:]:
        f = findings.get_finding(ctx, fid)
        assert f.status is Status.FAILED_VERIFICATION and f.deadline == soon(20)


def test_signed_pdf_verifies_and_any_change_is_detected(visit: Visit, tmp_path: Path) -> None:
    ctx = visit.ctx
    enroll(ctx, visit.grid)
    n = notices.issue_notice(
        ctx, visit.inspection_id, NoticeKind.RECTIFICATION, visit.grid, deadline=soon()
    )
    out = documents.render_notice(ctx, n.id, tmp_path / "n.pdf", passphrase=PASS)
    assert out.signed and out.path.is_file()
    verdict = pdf_verdict.verify_pdf(ctx, out.path)
    assert (verdict.status, verdict.exit_code) == ("genuine", 0)
    assert verdict.number == n.number and verdict.issuer.startswith("李建国")
    assert "隐患整改通知书" in pdftotext(out.path)

    data = bytearray(out.path.read_bytes())
    data[len(data) // 3] ^= 0x01  # one bit inside the signed range
    (tmp_path / "bit.pdf").write_bytes(bytes(data))
    assert pdf_verdict.verify_pdf(ctx, tmp_path / "bit.pdf").status == "altered"
    (tmp_path / "tail.pdf").write_bytes(out.path.read_bytes() + b"\n% appended\n")
    assert pdf_verdict.verify_pdf(ctx, tmp_path / "tail.pdf").status == "altered"


def test_pdf_signed_by_a_key_unknown_here_is_not_genuine(visit: Visit, tmp_path: Path) -> None:
    ctx = visit.ctx
    n = notices.issue_notice(ctx, visit.inspection_id, NoticeKind.RECORD, visit.grid)
    out = documents.render_notice(ctx, n.id, tmp_path / "x.pdf", key=Ed25519PrivateKey.generate())
    verdict = pdf_verdict.verify_pdf(ctx, out.path)
    assert verdict.status == "unknown_issuer" and verdict.exit_code != 0


def test_render_without_a_key_is_refused_unless_a_preview_is_asked(
    visit: Visit, tmp_path: Path
) -> None:
    ctx = visit.ctx
    n = notices.issue_notice(ctx, visit.inspection_id, NoticeKind.RECORD, visit.grid)
    with pytest.raises(documents.SigningNeededError):
        documents.render_notice(ctx, n.id, tmp_path / "a.pdf")
    out = documents.render_notice(ctx, n.id, tmp_path / "a.pdf", unsigned=True)
    assert not out.signed
    assert pdf_verdict.verify_pdf(ctx, out.path).status == "unsigned"
    assert "未签名样稿" in pdftotext(out.path)


def test_refusal_needs_a_witness_and_prints_it(visit: Visit, tmp_path: Path) -> None:
    ctx = visit.ctx
    with pytest.raises(Exception, match="witness"):
        receipts.make_receipt(ctx, site_rep_name="赵强", refused=True)
    receipt = receipts.make_receipt(ctx, site_rep_name="赵强", refused=True, witness="钱师傅")
    n = notices.issue_notice(
        ctx, visit.inspection_id, NoticeKind.RECORD, visit.grid, receipt=receipt
    )
    out = documents.render_notice(ctx, n.id, tmp_path / "r.pdf", unsigned=True)
    assert "拒签（见证人：钱师傅）" in "".join(pdftotext(out.path).split())
