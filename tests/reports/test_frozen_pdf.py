# SPDX-License-Identifier: Apache-2.0
"""An issued PDF is frozen: its SHA-256 is recorded at issue, later prints are those bytes.

A re-rendering with changed content never verifies as the issued document, and
`verify --all` names an altered or missing PDF and a notice edited after issue.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from report_samples import PASS, Visit, enroll, soon

from fieldcheck.core.terms import NoticeKind
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.documents import document_files, documents, notices, pdf_verdict
from fieldcheck.services.trust.verify import verify_all
from fieldcheck.storage import issued_pdfs
from fieldcheck.storage.tables import IssuedPdfRow, NoticeRow


def _issued(visit: Visit) -> tuple[AppContext, str, Path]:
    ctx = visit.ctx
    enroll(ctx, visit.grid)
    notice, done = document_files.issue_signed(
        ctx,
        visit.inspection_id,
        NoticeKind.RECTIFICATION,
        visit.grid,
        passphrase=PASS,
        deadline=soon(),
    )
    return ctx, notice.id, done.path


def test_the_issued_pdf_is_frozen_and_every_later_print_is_the_same_bytes(
    visit: Visit, tmp_path: Path
) -> None:
    ctx, notice_id, kept = _issued(visit)
    with ctx.db.read() as s:
        frozen = issued_pdfs.frozen(s, notice_id, "issued")
    assert frozen is not None and kept == ctx.home.documents / frozen.file_name
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == frozen.sha256
    # Printed again (no key needed): the very bytes issued, not a new rendering.
    again = documents.render_notice(ctx, notice_id, tmp_path / "again.pdf")
    assert again.signed and again.path.read_bytes() == kept.read_bytes()
    again = documents.render_notice(ctx, notice_id, tmp_path / "again2.pdf", passphrase=PASS)
    assert again.path.read_bytes() == kept.read_bytes()
    assert pdf_verdict.verify_pdf(ctx, again.path).status == "genuine"
    report = verify_all(ctx)
    assert report.ok and report.documents == 1, report.failures


def test_a_signed_re_rendering_with_a_changed_deadline_is_not_the_issued_document(
    visit: Visit, tmp_path: Path
) -> None:
    """The attack of issue 16: edit the deadline, render and sign again with the issuer's
    key. The signature is sound, but it is not the PDF that was issued."""
    ctx, notice_id, _kept = _issued(visit)
    ctx.close()
    shutil.copytree(ctx.home.root, tmp_path / "forger")
    with open_context(tmp_path / "forger") as forger:
        with forger.db.transaction() as s:
            row = s.get(NoticeRow, notice_id)
            assert row is not None
            payload = json.loads(row.payload_json)
            payload["hazards"][0]["deadline"] = "2099-12-31"
            row.payload_json = json.dumps(payload, ensure_ascii=False)
            s.delete(s.get(IssuedPdfRow, (notice_id, "issued")))
        forged = documents.render_notice(forger, notice_id, tmp_path / "f.pdf", passphrase=PASS)
    with open_context(visit.ctx.home.root) as ctx:
        verdict = pdf_verdict.verify_pdf(ctx, forged.path)
        assert verdict.status == "altered" and "not the PDF issued" in verdict.detail


def test_verify_all_names_an_altered_or_missing_pdf_and_content_edited_after_issue(
    visit: Visit, tmp_path: Path
) -> None:
    ctx, notice_id, kept = _issued(visit)
    good = kept.read_bytes()
    number = notices.document_data(ctx, notice_id)[0].number
    kept.write_bytes(good[:-10] + b"%%EOF\n\n\n\n")
    [failure] = verify_all(ctx).failures
    assert number in failure.reason and "was altered after issue" in failure.reason
    with pytest.raises(documents.IssuedPdfAltered, match="not rendered again"):
        documents.render_notice(ctx, notice_id, tmp_path / "x.pdf")
    kept.unlink()
    [failure] = verify_all(ctx).failures
    assert "cannot be read" in failure.reason
    kept.write_bytes(good)
    assert verify_all(ctx).ok
    with ctx.db.transaction() as s:
        row = s.get(NoticeRow, notice_id)
        assert row is not None
        row.payload_json = row.payload_json.replace(str(soon()), "2099-12-31")
        s.add(row)
    [failure] = verify_all(ctx).failures
    assert "stored content changed after its PDF was issued" in failure.reason


def test_voiding_freezes_a_second_pdf_and_keeps_the_first(visit: Visit, tmp_path: Path) -> None:
    ctx, notice_id, kept = _issued(visit)
    first = kept.read_bytes()
    notices.void_notice(ctx, notice_id, reason="填错单位", actor_id=visit.grid)
    void = document_files.sign_kept(ctx, notice_id, passphrase=PASS)
    assert void.path.name.endswith(".void.pdf") and kept.read_bytes() == first
    with ctx.db.read() as s:
        assert issued_pdfs.shas_of(s, [notice_id]) == {
            hashlib.sha256(first).hexdigest(),
            hashlib.sha256(void.path.read_bytes()).hexdigest(),
        }
    assert verify_all(ctx).documents == 2
