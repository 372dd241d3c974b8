# SPDX-License-Identifier: Apache-2.0
"""Supplementary-plane names survive into the PDF's text layer (copy and search work)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from fieldcheck.reports import fonts
from fieldcheck.reports.tounicode import to_unicode_cmap, utf16_hex


def test_supplementary_characters_are_written_as_surrogate_pairs() -> None:
    assert utf16_hex(0x20BB7) == "D842DFB7"
    assert utf16_hex(ord("吉")) == "5409"
    cmap = to_unicode_cmap("F", [0x20, 0x20BB7])
    assert "<01> <D842DFB7>" in cmap and "<00> <0020>" in cmap


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_a_name_with_supplementary_characters_round_trips(tmp_path: Path) -> None:
    fonts.register()
    name = "𠮷野家 𩸽定食 吉田"
    assert all(
        fonts.has_glyph(fonts.SERIF, c) or fonts.has_glyph(fonts.SANS, c) for c in name if c != " "
    )
    font = (
        fonts.SERIF
        if all(fonts.has_glyph(fonts.SERIF, c) for c in name if c != " ")
        else fonts.SANS
    )
    pdf = tmp_path / "n.pdf"
    c = canvas.Canvas(str(pdf))
    c.setFont(font, 14)
    c.drawString(72, 720, name)
    c.save()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    assert name in text.stdout, text.stdout
