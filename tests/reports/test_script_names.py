# SPDX-License-Identifier: Apache-2.0
"""Uyghur, Tibetan, Mongolian and supplementary-plane names on a signed notice.

Each name must be drawn shaped (joined, right to left, stacked) from a bundled font and
read back from the signed PDF's text layer exactly as typed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from report_samples import PASS, Visit, enroll, soon

from fieldcheck.core.terms import NoticeKind
from fieldcheck.reports import fonts, shaping
from fieldcheck.services.documents import documents, notices, pdf_verdict, receipts

UYGHUR = "ئابدۇرېھىم ئەخمەت"
TIBETAN = "བསྟན་འཛིན་རྒྱ་མཚོ"
MONGOLIAN = "ᠪᠠᠲᠤ ᠮᠣᠩᠭᠣᠯ"
SUPPLEMENTARY = "𠮷野家"


def _text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return done.stdout


def test_each_script_has_a_bundled_font_and_is_not_printed_as_a_code() -> None:
    report = fonts.GlyphReport()
    pieces = fonts.runs(f"负责人：{UYGHUR}、{TIBETAN}、{MONGOLIAN}", fonts.SERIF, report)
    assert not report.missing
    by_font = {f: t for f, t in pieces}
    # The space inside the Uyghur and Mongolian names stays in their runs (one run each).
    assert by_font["FCArabic"] == UYGHUR
    assert by_font["FCTibetan"] == TIBETAN
    assert by_font["FCMongolian"] == MONGOLIAN
    for name in shaping.SCRIPT_FILES.values():
        assert (fonts.fonts_dir() / name).is_file()
    assert "Open Font License" in (fonts.fonts_dir() / "Noto-scripts-LICENSE.txt").read_text()


def test_shaping_joins_arabic_letters_and_writes_them_right_to_left() -> None:
    fonts.register()
    shaped, width = shaping.shape("ئابدۇ", "FCArabic", 12)
    assert width > 0
    codes = [ord(c) for c in shaped]
    # Joined forms (presentation forms or font-private glyphs), not the isolated letters.
    assert codes != [ord(c) for c in "ئابدۇ"]
    assert any(0xFB50 <= c <= 0xFEFF or 0xE000 <= c <= 0xF8FF for c in codes)
    # Visual order: the first letter typed (ئ, initial form U+FE8B) is drawn last, at the right.
    assert codes[-1] == 0xFE8B
    assert shaping.text_for("NotoNaskhArabic-Regular", 0xFE8B) == "ئ"


def _signed_notice_text(visit: Visit, tmp_path: Path, receipt: object, kind: NoticeKind) -> str:
    ctx = visit.ctx
    n = notices.issue_notice(
        ctx, visit.inspection_id, kind, visit.grid, deadline=soon(), receipt=receipt
    )
    out = documents.render_notice(ctx, n.id, tmp_path / f"{kind.value}.pdf", passphrase=PASS)
    assert out.signed
    assert pdf_verdict.verify_pdf(ctx, out.path).status == "genuine"
    return _text(out.path)


def test_names_of_every_script_round_trip_through_a_signed_notice(
    visit: Visit, tmp_path: Path
) -> None:
    ctx = visit.ctx
    enroll(ctx, visit.grid)
    signed = receipts.make_receipt(ctx, site_rep_name=f"{SUPPLEMENTARY} {UYGHUR}")
    text = _signed_notice_text(visit, tmp_path, signed, NoticeKind.RECTIFICATION)
    refused = receipts.make_receipt(
        ctx, site_rep_name="赵强", refused=True, witness=f"{TIBETAN} {MONGOLIAN}"
    )
    text += _signed_notice_text(visit, tmp_path, refused, NoticeKind.RECORD)
    for name in (SUPPLEMENTARY, UYGHUR, TIBETAN, MONGOLIAN):
        assert name in text, name
    assert "〔U+" not in text
