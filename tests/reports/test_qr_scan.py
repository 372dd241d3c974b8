# SPDX-License-Identifier: Apache-2.0
"""A printed page's QR code, a check-page URL with the seal, reads back from a 150 dpi scan."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest
from report_samples import PASS, Visit, document, enroll, soon

from fieldcheck.core import clock
from fieldcheck.core.sync_account import SyncAccount
from fieldcheck.core.terms import NoticeKind
from fieldcheck.reports.qr import parse_qr_text
from fieldcheck.reports.render import render_pdf
from fieldcheck.services.documents import documents, notices, pdf_verdict
from fieldcheck.storage import sync_repo

SERVER = "https://aj.zhengzhou.example.gov.cn:8443"


@pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
    reason="needs poppler's pdftoppm and zbar's zbarimg",
)
def test_the_qr_code_reads_back_from_a_150_dpi_scan(tmp_path: Path) -> None:
    data, images = document(NoticeKind.RECTIFICATION, enforcement=False)
    seal = base64.urlsafe_b64encode(bytes(range(64))).rstrip(b"=").decode()  # a seal's length
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(render_pdf(data, images, seal=seal, server=SERVER).pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", "-f", "1", "-l", "1", "-png", pdf, tmp_path / "scan"],
        check=True,
    )
    (page,) = tmp_path.glob("scan*.png")
    out = subprocess.run(["zbarimg", "-q", "--raw", page], capture_output=True, text=True)
    assert out.returncode == 0, "no QR code read from the 150 dpi page"
    text = out.stdout.strip()
    assert text.startswith(f"{SERVER}/v/FC1;")
    qr = parse_qr_text(text)
    assert (qr.number, qr.issuer, qr.page, qr.total) == (data.number, data.issuer_name, 1, 1)
    assert qr.digest_prefix == data.digest()[:32] and qr.seal == bytes(range(64))


def _read_qr(pdf: Path, tmp_path: Path) -> str:
    subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", "-f", "1", "-l", "1", "-png", pdf, tmp_path / "p"],
        check=True,
    )
    (page,) = tmp_path.glob("p*.png")
    out = subprocess.run(["zbarimg", "-q", "--raw", page], capture_output=True, text=True)
    page.unlink()
    assert out.returncode == 0, f"no QR code read from {pdf.name}"
    return out.stdout.strip()


@pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
    reason="needs poppler's pdftoppm and zbar's zbarimg",
)
def test_once_logged_in_the_notice_qr_opens_the_servers_check_page(
    visit: Visit, tmp_path: Path
) -> None:
    ctx = visit.ctx
    enroll(ctx, visit.grid)
    n = notices.issue_notice(
        ctx, visit.inspection_id, NoticeKind.RECTIFICATION, visit.grid, deadline=soon()
    )
    before = documents.render_notice(ctx, n.id, tmp_path / "a.pdf", passphrase=PASS)
    assert _read_qr(before.path, tmp_path).startswith("FC1;")  # not logged in: bare fields
    with ctx.db.transaction() as s:
        sync_repo.save_account(
            s,
            SyncAccount(
                server_url=SERVER + "/",
                token="t",
                device_id="d",
                name="网格员",
                role="grid",
                jurisdiction="410105",
                logged_in_at=clock.now(),
            ),
        )
    # The first notice's issued PDF is frozen: printing it again gives the same bytes, so
    # its QR code stays what was issued. A notice issued once logged in carries the URL.
    again = documents.render_notice(ctx, n.id, tmp_path / "a2.pdf", passphrase=PASS)
    assert again.path.read_bytes() == before.path.read_bytes()
    m = notices.issue_notice(
        ctx, visit.inspection_id, NoticeKind.RECTIFICATION, visit.grid, deadline=soon()
    )
    after = documents.render_notice(ctx, m.id, tmp_path / "b.pdf", passphrase=PASS)
    text = _read_qr(after.path, tmp_path)
    assert text.startswith(f"{SERVER}/v/FC1;n=")
    qr = parse_qr_text(text)
    assert qr.number == m.number and qr.seal is not None  # the offline check still works
    assert pdf_verdict.verify_pdf(ctx, after.path).status == "genuine"
