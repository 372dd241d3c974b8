# SPDX-License-Identifier: Apache-2.0
"""Page pictures for the preview and the printer: sizes, ink where it was drawn, bad files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from report_samples import document
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from fieldcheck.core.terms import NoticeKind
from fieldcheck.reports.raster import RasterError, page_sizes, png_pages, rasterise
from fieldcheck.reports.render import render_pdf


def _two_pages() -> bytes:
    """A4 with a black square 1 inch from the top left, then an empty landscape page."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.rect(72, A4[1] - 144, 72, 72, stroke=0, fill=1)
    c.showPage()
    c.setPageSize((A4[1], A4[0]))
    c.showPage()
    c.save()
    return buf.getvalue()


def test_pages_come_out_at_the_asked_resolution_with_ink_where_drawn() -> None:
    pdf = _two_pages()
    assert page_sizes(pdf) == [pytest.approx(A4, abs=0.5), pytest.approx(A4[::-1], abs=0.5)]
    first, second = rasterise(pdf, dpi=144)
    assert first.size == (round(A4[0] * 2), round(A4[1] * 2))
    assert second.size == (round(A4[1] * 2), round(A4[0] * 2))  # landscape stays landscape
    assert first.mode == "RGB"
    assert first.getpixel((216, 216)) == (0, 0, 0)  # inside the square (1.5 in, 1.5 in)
    assert first.getpixel((400, 400)) == (255, 255, 255)
    assert second.getextrema() == ((255, 255),) * 3  # nothing drawn, nothing invented


def test_png_pages_from_a_file_carry_their_resolution(tmp_path: Path) -> None:
    path = tmp_path / "two.pdf"
    path.write_bytes(_two_pages())
    pngs = png_pages(path, dpi=50)
    assert len(pngs) == 2
    image = Image.open(io.BytesIO(pngs[0]))
    assert image.format == "PNG"
    width, height = image.size
    assert abs(width - A4[0] * 50 / 72) <= 1 and abs(height - A4[1] * 50 / 72) <= 1
    assert round(image.info["dpi"][0]) == 50


def test_a_rendered_notice_shows_its_chinese_text_as_ink() -> None:
    data, images = document(NoticeKind.RECTIFICATION, enforcement=False)
    rendered = render_pdf(data, images, seal=None)
    pages = rasterise(rendered.pdf, dpi=60)
    assert len(pages) == rendered.pages
    gray = pages[0].convert("L")
    dark = gray.histogram()[:128]
    assert sum(dark) > 2000  # title, table and text drawn, not a blank page


def test_bad_input_is_refused_with_what_and_where(tmp_path: Path) -> None:
    with pytest.raises(RasterError, match="not a readable PDF"):
        rasterise(b"%PDF-1.7 this is not really a PDF")
    with pytest.raises(RasterError, match="no such PDF"):
        rasterise(tmp_path / "missing.pdf")
    with pytest.raises(RasterError, match="out of range"):
        rasterise(_two_pages(), dpi=5000)
