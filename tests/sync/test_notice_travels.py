# SPDX-License-Identifier: Apache-2.0
"""A notice travels with its frozen payload and its signed PDF (protocol 1.1).

Device A issues and signs a notice and syncs; device B pulls it, renders it from the
payload that travelled (the same content hash as A's), prints A's very bytes, and its
`verify --all` passes. A payload changed on B after it arrived fails that check.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from report_samples import PASS, configure_all, enroll, make_visit, soon
from sqlmodel import col, select
from syncfix import LiveServer

from fieldcheck.core.terms import NoticeKind
from fieldcheck.services.documents import document_files, documents, notices
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.services.trust.verify import verify_all
from fieldcheck.storage import issued_pdfs, outbox
from fieldcheck.storage.tables import NoticeRow, OutboxRow

TOWN = "410105001"  # make_visit's site is in 金水区丰产路街道


def _issue_on_a(device_factory: Any) -> tuple[Any, str, bytes, str]:
    a = device_factory("a", jurisdiction=TOWN)
    configure_all(a)
    visit = make_visit(a)
    enroll(a, visit.grid)
    notice, done = document_files.issue_signed(
        a,
        visit.inspection_id,
        NoticeKind.RECTIFICATION,
        visit.grid,
        passphrase=PASS,
        deadline=soon(),
    )
    digest = notices.document_data(a, notice.id)[1].digest()
    return a, notice.id, done.path.read_bytes(), digest


def test_a_pulled_notice_renders_from_its_payload_and_verifies(
    server: LiveServer, device_factory: Any, tmp_path: Path
) -> None:
    a, notice_id, pdf, digest = _issue_on_a(device_factory)
    with a.db.read() as s:  # the version that travels last carries the payload and the PDF
        q = select(OutboxRow).where(OutboxRow.entity_id == notice_id)
        last = json.loads(list(s.exec(q.order_by(col(OutboxRow.seq))))[-1].payload_json)
    assert last["payload"] and last["pdf"]["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert last["pdf"]["content_sha256"] == digest
    first = sync_service.sync(a)
    assert first.ok and first.rejected == [], first.rejected
    b = device_factory("b", jurisdiction=TOWN)
    pulled = sync_service.sync(b)
    assert pulled.ok and pulled.quarantined == 0
    # B renders it from what travelled: the same content, hash for hash.
    _, data = notices.document_data(b, notice_id)
    assert data.digest() == digest
    preview = documents.render_notice(b, notice_id, tmp_path / "b-preview.pdf", unsigned=True)
    assert preview.pages >= 1 and not preview.signed
    # And a print on B hands out the PDF A issued, byte for byte, with no key.
    again = documents.render_notice(b, notice_id, tmp_path / "b.pdf")
    assert again.signed and again.path.read_bytes() == pdf
    report = verify_all(b)
    assert report.ok and report.documents == 1, report.failures
    with b.db.read() as s:
        assert issued_pdfs.frozen(s, notice_id, "issued") is not None
        assert outbox.pending_count(s) == 0  # B queued nothing of A's notice
    # A payload changed on B after it arrived no longer matches the PDF issued from it.
    with b.db.transaction() as s:
        row = s.get(NoticeRow, notice_id)
        assert row is not None
        payload = json.loads(row.payload_json)
        payload["hazards"][0]["deadline"] = "2099-12-31"
        row.payload_json = json.dumps(payload, ensure_ascii=False)
        s.add(row)
    bad = verify_all(b)
    assert not bad.ok
    assert any("stored content changed" in f.reason for f in bad.failures), bad.failures


def test_a_voided_notice_keeps_the_pdf_it_was_issued_with(
    server: LiveServer, device_factory: Any, tmp_path: Path
) -> None:
    """Every version of a notice names the same original (the PDF as issued); the copy
    signed again with 作废 stays with the device that voided it."""
    a, notice_id, pdf, _digest = _issue_on_a(device_factory)
    notices.void_notice(a, notice_id, reason="单位名称写错", actor_id="test")
    document_files.sign_kept(a, notice_id, passphrase=PASS)
    assert sync_service.sync(a).ok
    b = device_factory("b", jurisdiction=TOWN)
    assert sync_service.sync(b).ok
    notice, _ = notices.document_data(b, notice_id)
    assert notice.voided and notice.void_reason == "单位名称写错"
    with b.db.read() as s:
        issued = issued_pdfs.frozen(s, notice_id, "issued")
        assert issued is not None and issued.sha256 == hashlib.sha256(pdf).hexdigest()
        assert issued_pdfs.frozen(s, notice_id, "voided") is None
    assert verify_all(b).ok
