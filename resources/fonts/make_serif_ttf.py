# SPDX-License-Identifier: Apache-2.0
"""Build NotoSerifSC-Regular.ttf from Debian's fonts-noto-cjk (run once, by hand).

ReportLab embeds TrueType (glyf) outlines only, and Noto Serif CJK ships as CFF in a
collection. This takes the Simplified Chinese face, drops Hangul syllables (not needed
on Chinese documents; they are a third of the glyphs), and converts the cubic outlines
to quadratic ones with fontTools' cu2qu, the same way fontTools' otf2ttf snippet does.

    python resources/fonts/make_serif_ttf.py /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

SC_INDEX = 2  # JP, KR, SC, TC, HK in the collection
HANGUL = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF)]
MAX_ERR = 1.0  # font units; 1000 per em
OUT = Path(__file__).resolve().parent / "NotoSerifSC-Regular.ttf"


def _keep(cp: int) -> bool:
    return not any(lo <= cp <= hi for lo, hi in HANGUL)


def _subset(font: TTFont) -> None:
    options = subset.Options()
    options.layout_features = []  # no vertical/locl forms: documents are horizontal Chinese
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables += ["VORG", "vhea", "vmtx", "DSIG", "BASE"]
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[cp for cp in font.getBestCmap() if _keep(cp)])
    sub.subset(font)


def _to_truetype(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxPoints",
        "maxContours",
        "maxCompositePoints",
        "maxCompositeContours",
        "maxComponentDepth",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    font["head"].glyphDataFormat = 0


def main(src: str) -> None:
    font = TTCollection(src).fonts[SC_INDEX]
    _subset(font)
    _to_truetype(font)
    font.save(str(OUT))
    print(OUT, OUT.stat().st_size)


if __name__ == "__main__":
    main(sys.argv[1])
