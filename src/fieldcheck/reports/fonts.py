# SPDX-License-Identifier: Apache-2.0
"""The CJK fonts documents are set in, and the fallback for characters a font lacks.

Body text is Noto Serif SC (宋体-style); headings use WenQuanYi Micro Hei (黑体-style),
which is also the fallback for any character the serif lacks. Uyghur (Arabic script),
Tibetan and traditional Mongolian come from their own Noto fonts and are shaped
(``shaping``). A character no font has is printed as a visible code (e.g. 〔U+2A6D6〕)
and reported, never as a silent empty box.
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
from fieldcheck.reports import shaping, tounicode
from fieldcheck.reports.shaping import NEUTRAL, SCRIPT_FILES

SERIF = "FCSerif"
SANS = "FCSans"
FILES = {
    SERIF: ("NotoSerifSC-Regular.ttf", 0),
    SANS: ("wqy-microhei.ttc", 0),
    **{name: (filename, 0) for name, filename in SCRIPT_FILES.items()},
}
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
    """Register the fonts with ReportLab once per process (they stay loaded: warm renders)."""
    if len(_loaded) == len(FILES):
        return
    tounicode.install()  # the text layer must say 𠮷 where the page shows 𠮷
    shaping.install()  # and a shaped name what was typed
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


def _font_of(ch: str, font: str, other: str, report: GlyphReport) -> str | None:
    """The font that draws ch: the run's own, the other CJK face, else a script font."""
    cp = ord(ch)
    if cp in _loaded[font] or ch in _CONTROL:
        return font
    if cp in _loaded[other]:
        report.fallback.add(ch)
        return other
    for name in SCRIPT_FILES:
        if cp in _loaded[name]:
            return name
    return None


def _join_neutrals(chars: list[tuple[str, str | None]]) -> None:
    """A space or joiner between two characters of one script font goes with them."""
    for i, (ch, _use) in enumerate(chars):
        if ch not in NEUTRAL:
            continue
        before = next((u for c, u in reversed(chars[:i]) if c not in NEUTRAL), None)
        after = next((u for c, u in chars[i + 1 :] if c not in NEUTRAL), None)
        if before in SCRIPT_FILES and before == after and ord(ch) in _loaded[before]:
            chars[i] = (ch, before)


def runs(text: str, font: str, report: GlyphReport) -> list[tuple[str, str]]:
    """Split text into (font, text) runs, switching to the other font where needed."""
    register()
    other = SANS if font == SERIF else SERIF
    chars = [(ch, _font_of(ch, font, other, report)) for ch in text]
    _join_neutrals(chars)
    out: list[tuple[str, str]] = []
    for ch, found in chars:
        if found is None:
            use, piece = font, f"〔U+{ord(ch):04X}〕"
            report.missing.add(ch)
        else:
            use, piece = found, ch
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
