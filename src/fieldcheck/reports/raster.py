# SPDX-License-Identifier: Apache-2.0
"""Pictures of a PDF's pages (PDFium), for the window's preview and for printing.

    pages = rasterise(pdf_bytes, dpi=110)          # [PIL.Image, ...] one per page
    pngs = png_pages(Path("notice.pdf"), dpi=72)   # [b"\\x89PNG...", ...]

No Qt here: the window turns the images into pixmaps itself.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from fieldcheck.core.errors import FieldcheckError

MIN_DPI, MAX_DPI = 10.0, 1200.0
POINTS_PER_INCH = 72.0
# PDFium is not thread-safe, not even across documents: one page at a time, process-wide.
_PDFIUM = threading.Lock()


class RasterError(FieldcheckError):
    """A PDF could not be read or drawn; the message names it and says why."""


def _label(pdf: bytes | Path) -> str:
    return str(pdf) if isinstance(pdf, Path) else f"PDF of {len(pdf)} bytes"


def _open(pdf: bytes | Path) -> pdfium.PdfDocument:
    source: bytes | str
    if isinstance(pdf, Path):
        if not pdf.is_file():
            raise RasterError(f"{pdf}: no such PDF")
        source = str(pdf)
    else:
        source = pdf
    try:
        return pdfium.PdfDocument(source)
    except pdfium.PdfiumError as exc:
        raise RasterError(f"{_label(pdf)}: not a readable PDF ({exc})") from exc


def _check_dpi(dpi: float) -> None:
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise RasterError(f"dpi {dpi} is out of range ({MIN_DPI:g}–{MAX_DPI:g})")


def page_sizes(pdf: bytes | Path) -> list[tuple[float, float]]:
    """(width, height) of each page in points (1/72 inch)."""
    with _PDFIUM:
        doc = _open(pdf)
        try:
            return [tuple(doc[i].get_size()) for i in range(len(doc))]
        finally:
            doc.close()


def iter_pages(pdf: bytes | Path, dpi: float = 96.0) -> Iterator[Image.Image]:
    """Each page as an RGB image at dpi, one at a time (a 300 dpi A4 page is 26 MB)."""
    _check_dpi(dpi)
    with _PDFIUM:
        doc = _open(pdf)
        count = len(doc)
    try:
        for i in range(count):
            with _PDFIUM:
                page = doc[i]
                try:
                    bitmap = page.render(scale=dpi / POINTS_PER_INCH, may_draw_forms=True)
                    image = bitmap.to_pil().convert("RGB")
                except pdfium.PdfiumError as exc:
                    raise RasterError(
                        f"{_label(pdf)}: page {i + 1} cannot be drawn ({exc})"
                    ) from exc
                finally:
                    page.close()
            yield image
    finally:
        with _PDFIUM:
            doc.close()


def rasterise(pdf: bytes | Path, dpi: float = 96.0) -> list[Image.Image]:
    """Every page as an RGB image at dpi."""
    return list(iter_pages(pdf, dpi))


def png_pages(pdf: bytes | Path, dpi: float = 96.0) -> list[bytes]:
    """Every page as PNG bytes at dpi (the resolution is written into each PNG)."""
    out = []
    for image in iter_pages(pdf, dpi):
        buf = io.BytesIO()
        image.save(buf, "PNG", dpi=(dpi, dpi))
        out.append(buf.getvalue())
    return out
