# SPDX-License-Identifier: Apache-2.0
"""Shaped runs for scripts whose letters change form: Uyghur (Arabic), Tibetan, Mongolian.

A Uyghur name drawn letter by letter comes out isolated and left to right, a Tibetan
stack comes apart, a Mongolian word loses its joins. HarfBuzz (through ReportLab's
``shapeStr``) turns such a run into the glyphs the font means, in visual order, with
their offsets; the CJK line breaker keeps the run as one unbreakable piece.

Shaped glyphs are written with the codes ReportLab gives them: a joining form's
presentation-form character, or a private-use code for a glyph no character maps to
(a Tibetan stack, a Mongolian medial form). ``text_for`` remembers, per font, the
characters each such code stands for, so the PDF's ToUnicode map gives back the text
as typed (logical order, no presentation forms) and copying or searching a name works.
A left-to-right run is also marked with its ActualText (``install``), which readers
that honour it (Acrobat, poppler) take over the glyphs: a Tibetan vowel drawn before its
consonant then still reads in typed order. A right-to-left run is not: readers reorder
right-to-left text themselves (poppler reverses an ActualText too), and its glyphs,
each mapped to its characters, already read back in typed order.
"""

from __future__ import annotations

import threading
import unicodedata
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.pdfgen import textobject

# ReportLab font name -> bundled file. Tried in this order for a character the CJK
# fonts lack.
SCRIPT_FILES = {
    "FCArabic": "NotoNaskhArabic-Regular.ttf",
    "FCTibetan": "NotoSerifTibetan-Regular.ttf",
    "FCMongolian": "NotoSansMongolian-Regular.ttf",
}
# Characters that belong to whichever script surrounds them: a space inside a Uyghur
# name stays in the (right-to-left) run, joiners and the Mongolian spaces too.
NEUTRAL = frozenset(" \u00a0\u200c\u200d\u202f\u180e\u0640")

_lock = threading.Lock()
_installed: list[Any] = []
# PostScript face name -> {code written in the PDF: the characters it stands for}
_text: dict[str, dict[int, str]] = {}


def is_shaped(font_name: str) -> bool:
    """Whether runs in this font are shaped (the script fonts)."""
    return font_name in SCRIPT_FILES


def _right_to_left(text: str) -> bool:
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _face_name(font_name: str) -> str:
    face = pdfmetrics.getFont(font_name).face
    name = face.name
    return name.decode("latin-1") if isinstance(name, bytes) else str(name)


def shape(text: str, font_name: str, size: float) -> tuple[str, float]:
    """The run's glyphs in visual order (a ShapedStr when shaping changed them) and width."""
    shaped: Any = shapeStr(text, font_name, size, force=True)
    data = getattr(shaped, "__shapeData__", None)
    if not isinstance(shaped, ShapedStr) or not data:
        return text, pdfmetrics.stringWidth(text, font_name, size)
    if not _right_to_left(text):
        shaped.actual_text = text
    clusters = sorted({d.cluster for d in data})
    ends = dict(zip(clusters, [*clusters[1:], len(text)], strict=True))
    seen: set[int] = set()
    mapping: dict[int, str] = {}
    for char, d in zip(str(shaped), data, strict=True):
        if d.cluster in seen:
            continue  # a second glyph of one character: the first one carries the text
        seen.add(d.cluster)
        original = text[d.cluster : ends[d.cluster]]
        if original != char:
            mapping[ord(char)] = original
    with _lock:
        known = _text.setdefault(_face_name(font_name), {})
        for code, original in mapping.items():
            known.setdefault(code, original)
    width = sum(d.x_advance for d in data) * size / 1000
    return shaped, width


def text_for(face_name: str, code: int) -> str | None:
    """The characters a shaped glyph's code stands for, None for a plain character."""
    with _lock:
        return _text.get(face_name, {}).get(code)


def _format_text(self: Any, text: Any) -> Any:
    out = _installed[0](self, text)
    actual = getattr(text, "actual_text", None)
    if not actual:
        return out
    utf16 = ("\ufeff" + actual).encode("utf-16-be", "surrogatepass").hex().upper()
    return f"/Span <</ActualText <{utf16}>>> BDC {out} EMC"


def install() -> None:
    """Mark every shaped run drawn by ReportLab with the text it was shaped from."""
    with _lock:
        if not _installed:
            _installed.append(textobject.PDFTextObject._formatText)
            textobject.PDFTextObject._formatText = _format_text
