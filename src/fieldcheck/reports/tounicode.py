# SPDX-License-Identifier: Apache-2.0
"""A correct ToUnicode CMap for embedded font subsets, supplementary planes included.

ReportLab writes each subset code's Unicode value as ``<%04X>``: a character beyond
U+FFFF (𠮷 U+20BB7, 𩸽 U+29E3D, common in names) becomes five hex digits, which a
reader takes as a truncated UTF-16 unit, so the text layer says ₻ where the page shows
𠮷 and copying or searching a name gets the wrong character. A CMap's destination is
UTF-16BE: such characters must be written as their surrogate pair. ``install`` puts
this version in place of ReportLab's (the one function ReportLab calls for it).

A shaped glyph (a Uyghur joining form, a Tibetan stack: ``shaping``) maps back to the
characters it was shaped from, so the text layer holds what was typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase import ttfonts

from fieldcheck.reports import shaping


def utf16_hex(code: int) -> str:
    """The UTF-16BE hex of one code point (a surrogate pair above U+FFFF)."""
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def _destination(face: str, code: int) -> str:
    text = shaping.text_for(face, code)
    if text is None:
        return utf16_hex(code)
    return "".join(utf16_hex(ord(c)) for c in text)


def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """The ToUnicode CMap of one subset (at most 256 codes, one byte each)."""
    face = fontname.split("+", 1)[-1]  # "AAAAAA+FaceName": the subset's tag, then the face
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_destination(face, v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def install() -> None:
    """Make ReportLab write this CMap for every embedded TrueType subset."""
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
