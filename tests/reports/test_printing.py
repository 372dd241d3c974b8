# SPDX-License-Identifier: Apache-2.0
"""Printing through CUPS: the cups-pdf queue in CI, clear messages when printing cannot work."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from report_samples import PASS, Visit, enroll, pdftotext, soon

from fieldcheck.cli import main as cli_main
from fieldcheck.core.terms import NoticeKind
from fieldcheck.services.documents import notices, pdf_verdict, printing

CUPS_PDF_DIRS = [Path("/var/spool/cups-pdf/ANONYMOUS"), Path.home() / "PDF"]


def _cups_pdf_queue() -> str | None:
    """The name of a running cups-pdf queue, if this machine has one."""
    if shutil.which("lpstat") is None:
        return None
    done = subprocess.run(["lpstat", "-v"], capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        if "cups-pdf:/" in line:
            return line.split()[2].rstrip(":")
    return None


def _need_queue() -> str:
    queue = _cups_pdf_queue()
    if queue is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must provide a cups-pdf printer (see .ci/run)")
        pytest.skip("no cups-pdf printer here (lpstat -v shows none); CI runs this test")
    return queue


def _printed_since(start: float, stem: str) -> Path | None:
    for folder in CUPS_PDF_DIRS:
        if folder.is_dir():
            for p in folder.glob("*.pdf"):
                if p.stat().st_mtime >= start - 1 and stem in p.name:
                    return p
    return None


def test_notice_prints_to_the_cups_pdf_queue(
    visit: Visit, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    queue = _need_queue()
    ctx = visit.ctx
    enroll(ctx, visit.grid)
    n = notices.issue_notice(
        ctx, visit.inspection_id, NoticeKind.RECTIFICATION, visit.grid, deadline=soon()
    )
    r, w = os.pipe()
    os.write(w, (PASS + "\n").encode())
    os.close(w)
    start = time.time()
    code = cli_main(
        [
            "--home",
            str(ctx.home.root),
            "notice",
            "print",
            n.id,
            "--printer",
            queue,
            "--passphrase-fd",
            str(r),
        ]
    )
    os.close(r)
    assert code == 0, capsys.readouterr().err
    assert f"sent {n.number} to {queue}" in capsys.readouterr().out
    printed = None
    for _ in range(60):  # cups-pdf converts in the background
        printed = _printed_since(start, n.id)
        if printed is not None and printed.stat().st_size > 0:
            break
        time.sleep(0.5)
    assert printed is not None, f"nothing arrived in {CUPS_PDF_DIRS}"
    # cups-pdf re-distils the job through PostScript, which drops ReportLab's ToUnicode maps:
    # the Chinese prints right but no longer extracts as text. So check the ASCII part of the
    # number in its text, and that page 1 looks like the document that was sent.
    serial = n.number.split("〕")[1].rstrip("号")
    assert serial in "".join(pdftotext(printed).split())
    sent = tmp_path / "sent.pdf"
    shutil.copy(ctx.home.documents / f"{n.id}.pdf", sent)
    shutil.copy(printed, tmp_path / "printed.pdf")
    assert _page_difference(sent, tmp_path / "printed.pdf") < 3  # another notice: ~9
    assert pdf_verdict.verify_pdf(ctx, sent).status == "genuine"


def _page_difference(a: Path, b: Path) -> float:
    """Mean grey-level difference (0-255) of page 1 of two PDFs rendered at 40 dpi."""
    from PIL import Image, ImageChops, ImageStat

    images = []
    for pdf in (a, b):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "40",
                "-gray",
                "-f",
                "1",
                "-l",
                "1",
                "-png",
                str(pdf),
                str(pdf.with_suffix("")),
            ],
            check=True,
        )
        images.append(Image.open(next(pdf.parent.glob(pdf.stem + "*.png"))).convert("L"))
    first, second = images
    second = second.resize(first.size)
    return float(ImageStat.Stat(ImageChops.difference(first, second)).mean[0])


def test_printing_to_a_missing_printer_says_so_and_keeps_the_pdf(tmp_path: Path) -> None:
    if shutil.which("lpstat") is None:
        pytest.skip("CUPS client tools are not installed")
    pdf = tmp_path / "n.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(printing.PrintError) as err:
        printing.print_pdf(pdf, "NoSuchPrinter-fieldcheck")
    message = str(err.value)
    assert "no printer named 'NoSuchPrinter-fieldcheck'" in message or "not running" in message
    assert str(pdf) in message and pdf.is_file()


def test_stopped_cups_is_reported_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    lpstat = fake / "lpstat"  # what lpstat says when the scheduler is down
    lpstat.write_text("#!/bin/sh\necho 'scheduler is not running'\nexit 1\n")
    lpstat.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake))
    pdf = tmp_path / "n.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(printing.PrintError, match="CUPS print service is not running"):
        printing.print_pdf(pdf)
    assert pdf.is_file()
