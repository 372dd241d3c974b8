# SPDX-License-Identifier: Apache-2.0
"""Chinese line-breaking rules (标点禁则) for ReportLab's CJK word wrap.

ReportLab's list of characters that may not start a line is Japanese-centred: it
lacks the full-width comma, semicolon, colon, question and exclamation marks and the
closing book-title and quotation marks that Chinese text uses all the time, so a
paragraph could start a line with "，". Official documents must not.

Its CJK wrap also never looks at how a line ends, so a line could end with "〔" or
"（" and the number or the bracketed text start the next one; and a paragraph could
close with "前。" alone on its last line. ``cjk_frag_split`` is ReportLab's own
``cjkFragSplit`` with three more rules: an opening mark goes down with what it opens,
a number stays whole and with its unit (no "2026年12" / "月29日前"), and the last line of
a paragraph carries at least ``MIN_LAST_LINE`` characters. A run in a script font
(Uyghur, Tibetan, Mongolian) is shaped and kept whole, as one piece (``shaping``).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import textsplit
from reportlab.platypus import paragraph
from reportlab.rl_config import _FUZZ

from fieldcheck.reports import shaping

# GB/T 15834 punctuation that closes or follows what precedes it.
CHINESE_CANNOT_START = "，。、；：？！）》」』】〕〗〉”’…—％"
# Punctuation that opens what follows it: never the last character of a line.
CHINESE_CANNOT_END = "（《「『【〔〖〈“‘［｛([{"
MIN_LAST_LINE = 3  # 前。 (two characters) alone is a widow; three or more read as a line
# A number stays with the unit after it: 12 | 月29日 or 第3 | 项 must not be split.
NUMBER_UNITS = "年月日时分秒号条项款章节层栋室元万亿个份张家处次名人米吨％%"


def _splits_number(u_list: list[Any], i: int) -> bool:
    """Whether a break before u_list[i] would split a number or a number from its unit."""
    if i <= 0 or i >= len(u_list):
        return False
    before, after = str(u_list[i - 1]), str(u_list[i])
    return (
        before.isascii()
        and before.isdigit()
        and ((after.isascii() and after.isdigit()) or after in NUMBER_UNITS)
    )


def apply() -> None:
    """Teach ReportLab's CJK wrap the Chinese rules for starting and ending a line."""
    for module in (paragraph, textsplit):  # each keeps its own copy of the string
        missing = "".join(c for c in CHINESE_CANNOT_START if c not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing
    paragraph.cjkFragSplit = cjk_frag_split  # Paragraph looks the function up at wrap time
    if paragraph.Paragraph.breakLinesCJK is not _break_lines_cjk:
        global _reportlab_break_lines_cjk
        _reportlab_break_lines_cjk = paragraph.Paragraph.breakLinesCJK
        paragraph.Paragraph.breakLinesCJK = _break_lines_cjk


_reportlab_break_lines_cjk: Any = None


def _break_lines_cjk(self: Any, maxWidths: Any) -> Any:
    """Paragraph.breakLinesCJK without its one-run shortcut, which skips cjkFragSplit."""
    frags, style = self.frags, self.style
    if len(frags) != 1 or hasattr(frags[0], "cbDefn") or style.endDots:
        return _reportlab_break_lines_cjk(self, maxWidths)
    if not isinstance(maxWidths, (list, tuple)):
        maxWidths = [maxWidths]
    self.height = 0
    paragraph._handleBulletWidth(self.bulletText, style, maxWidths)
    if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
        return self.blPara  # the second half of a split paragraph keeps its lines
    auto = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
    return cjk_frag_split(frags, maxWidths, auto not in ("", "off"))


class _ShapedRun(str):
    """One shaped run as a single unbreakable piece of the line breaker's list."""

    shaped: str
    _frag: Any
    _width: float

    def __new__(cls, text: str, frag: Any) -> _ShapedRun:
        shaped, width = shaping.shape(text, frag.fontName, frag.fontSize)
        self = str.__new__(cls, shaped)
        self.shaped, self._frag, self._width = shaped, frag, width
        return self

    frag = property(lambda self: self._frag)
    width = property(lambda self: self._width)


def _first(u: Any) -> int:
    return ord(str(u)[:1] or " ")


def _width(u: Any, max_width: float) -> float:
    w = u.width
    if hasattr(w, "normalizedValue"):
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return float(w)


def _breaks(u_list: list[Any], max_widths: list[float]) -> list[tuple[int, int, bool]]:
    """(start, end, forced) of each line: ReportLab's algorithm plus the cannot-end rule."""
    cannot_start = paragraph.ALL_CANNOT_START
    out: list[tuple[int, int, bool]] = []
    i = line_start = 0
    used = 0.0
    max_width = max_widths[0]
    n = len(u_list)
    while i < n:
        u = u_list[i]
        i += 1
        w = _width(u, max_width)
        used += w
        forced = hasattr(u.frag, "lineBreak")
        if (used > max_width + _FUZZ and used > 0) or forced:
            if not forced:
                if _first(u) < 0x3000:  # inside Latin text: back up to a space or a CJK glyph
                    limit = (line_start + i) >> 1
                    for j in range(i - 1, limit, -1):
                        uj = u_list[j]
                        if (len(uj) == 1 and paragraph.category(uj) == "Zs") or _first(
                            uj
                        ) >= 0x3000:
                            k = j + 1
                            if k < i:
                                j = k + 1
                                u = u_list[k]
                                i = j
                                break
                # A mark that cannot start a line hangs in the margin; anything else goes down.
                if u not in cannot_start and i > line_start + 1:
                    i -= 1
                # ReportLab hangs one closing mark; a second one (］，) would still start the
                # next line, so the word before them goes down too. An opening mark goes
                # down with what it opens. A line always keeps a few glyphs (progress).
                while i - 1 > line_start + 1 and (
                    (i < n and u_list[i] in cannot_start)
                    or u_list[i - 1] in CHINESE_CANNOT_END
                    or _splits_number(u_list, i)
                ):
                    i -= 1
            out.append((line_start, i, forced))
            max_width = max_widths[min(len(out), len(max_widths) - 1)]
            line_start = i
            used = 0.0
    if line_start < n:
        out.append((line_start, n, False))
    return out


def _glyphs(u_list: list[Any], start: int, end: int) -> int:
    return sum(1 for u in u_list[start:end] if str(u).strip())


def _no_widow(u_list: list[Any], lines: list[tuple[int, int, bool]]) -> None:
    """Pull characters down so the last line is never a lone 前。 (unless it must be)."""
    if len(lines) < 2 or lines[-2][2]:
        return
    (a, b, forced), (_c, d, last_forced) = lines[-2], lines[-1]
    cut = b
    while _glyphs(u_list, cut, d) < MIN_LAST_LINE and cut - a > MIN_LAST_LINE + 2:
        cut -= 1
    # The new last line may not start with closing punctuation, the one above not end open.
    while cut - a > 2 and (
        u_list[cut] in paragraph.ALL_CANNOT_START
        or u_list[cut - 1] in CHINESE_CANNOT_END
        or _splits_number(u_list, cut)
    ):
        cut -= 1
    if cut < b:
        lines[-2:] = [(a, cut, forced), (cut, d, last_forced)]


def cjk_frag_split(
    frags: list[Any], maxWidths: list[float], calcBounds: Any, encoding: str = "utf8"
) -> Any:
    """ReportLab's cjkFragSplit (same signature) with the cannot-end and widow rules."""
    u_list: list[Any] = []
    for f in frags:
        text = f.text
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text and shaping.is_shaped(f.fontName):
            u_list.append(_ShapedRun(text, f))
        elif text:
            u_list.extend(paragraph.cjkU(t, f, encoding) for t in text)
        else:
            u_list.append(paragraph.cjkU(text, f, encoding))
    lines = _breaks(u_list, maxWidths)
    _no_widow(u_list, lines)
    out = []
    for n, (start, end, forced) in enumerate(lines):
        max_width = maxWidths[min(n, len(maxWidths) - 1)]
        used = sum(_width(u, max_width) for u in u_list[start:end])
        units = u_list[start:end]
        line = paragraph.makeCJKParaLine(
            units, max_width, used, max_width - used, forced, calcBounds
        )
        _keep_shapes(line, units)
        out.append(line)
    return paragraph.ParaLines(kind=1, lines=out)


def _keep_shapes(line: Any, units: list[Any]) -> None:
    """Give a line's shaped words their ShapedStr back (makeCJKParaLine joins plain str)."""
    shaped = [u for u in units if isinstance(u, _ShapedRun)]
    if not shaped:
        return
    for word in line.words:
        if not shaping.is_shaped(getattr(word, "fontName", "")):
            continue
        pieces: list[Any] = []
        while shaped and sum(map(len, pieces)) < len(word.text):
            pieces.append(shaped.pop(0).shaped)
        if len(pieces) == 1:
            word.text = pieces[0]
        elif pieces:
            text = pieces[0]
            for piece in pieces[1:]:
                text = text + piece
            if hasattr(text, "__shapeData__"):
                text.actual_text = "".join(getattr(p, "actual_text", str(p)) for p in pieces)
            word.text = text
