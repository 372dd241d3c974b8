# SPDX-License-Identifier: Apache-2.0
"""The CJK fonts documents are set in, and the fallback for characters a font lacks.

Body text is Noto Serif SC (宋体-style); headings use WenQuanYi Micro Hei (黑体-style),
which is also the fallback for any character the serif lacks. A character neither
font has is printed as a visible code (e.g. 〔U+2A6D6〕) and reported, never as a
silent empty box.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.paths import resources_dir
from fieldcheck.reports import tounicode

SERIF = "FCSerif"
SANS = "FCSans"
FILES = {SERIF: ("NotoSerifSC-Regular.ttf", 0), SANS: ("wqy-microhei.ttc", 0)}
# Characters layout needs but no font must carry: line breaks, tabs.
_CONTROL = frozenset("\n\r\t")

_lock = threading.Lock()
_loaded: dict[str, frozenset[int]] = {}


class FontMissingError(FieldcheckError):
    """A bundled font file is missing or unreadable."""


def fonts_dir() -> Path:
    """Where the bundled fonts live."""
    return resources_dir() / "fonts"


def register() -> None:
    """Register both fonts with ReportLab once per process (they stay loaded: warm renders)."""
    if len(_loaded) == len(FILES):
        return
    tounicode.install()  # the text layer must say 𠮷 where the page shows 𠮷
    with _lock:
        for name, (filename, index) in FILES.items():
            if name in _loaded:
                continue
            path = fonts_dir() / filename
            try:
                font = TTFont(name, str(path), subfontIndex=index)
            except (OSError, Exception) as exc:  # ReportLab raises TTFError, a bare Exception
                raise FontMissingError(
                    f"{path}: cannot load the document font ({exc}); reinstall fieldcheck"
                ) from exc
            pdfmetrics.registerFont(font)
            _loaded[name] = frozenset(font.face.charToGlyph)


def has_glyph(font: str, char: str) -> bool:
    """True when font draws char."""
    register()
    return ord(char) in _loaded[font]


@dataclass
class GlyphReport:
    """Characters that needed the fallback font, and those no font has."""

    fallback: set[str] = field(default_factory=set)
    missing: set[str] = field(default_factory=set)

    def merge(self, other: GlyphReport) -> None:
        self.fallback |= other.fallback
        self.missing |= other.missing


def runs(text: str, font: str, report: GlyphReport) -> list[tuple[str, str]]:
    """Split text into (font, text) runs, switching to the other font where needed."""
    register()
    primary = _loaded[font]
    other = SANS if font == SERIF else SERIF
    secondary = _loaded[other]
    out: list[tuple[str, str]] = []
    for ch in text:
        cp = ord(ch)
        if cp in primary or ch in _CONTROL:
            use, piece = font, ch
        elif cp in secondary:
            use, piece = other, ch
            report.fallback.add(ch)
        else:
            use, piece = font, f"〔U+{cp:04X}〕"
            report.missing.add(ch)
        if out and out[-1][0] == use:
            out[-1] = (use, out[-1][1] + piece)
        else:
            out.append((use, piece))
    return out


def markup(text: str, font: str, report: GlyphReport) -> str:
    """Paragraph markup for plain text: escaped, with font switches for fallback runs."""
    parts = []
    for use, piece in runs(text, font, report):
        body = escape(piece).replace("\n", "<br/>")
        parts.append(body if use == font else f'<font name="{use}">{body}</font>')
    return "".join(parts)
