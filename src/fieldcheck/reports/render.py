# SPDX-License-Identifier: Apache-2.0
"""Render a document to PDF bytes: story + page templates, fonts embedded as subsets."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab import rl_config

from fieldcheck.reports.documents import BUILDERS
from fieldcheck.reports.model import DocumentData
from fieldcheck.reports.pages import PageInfo, canvas_maker, document
from fieldcheck.reports.parts import Images, Writer
from fieldcheck.reports.wording import TITLES

# Images as binary streams, not ASCII85 text: smaller files, and ReportLab 4's pure-Python
# encoder was a third of the render time.
rl_config.useA85 = 0


@dataclass(frozen=True)
class Rendered:
    """A rendered document and what the fonts could not do on their own."""

    pdf: bytes
    pages: int
    fallback_chars: frozenset[str]  # drawn with the fallback font
    missing_chars: frozenset[str]  # in neither font: printed as 〔U+XXXX〕 codes

    def glyph_warnings(self) -> list[str]:
        """Plain-language notes about missing characters (empty when all is well)."""
        if not self.missing_chars:
            return []
        codes = "、".join(f"{c}(U+{ord(c):04X})" for c in sorted(self.missing_chars))
        return [f"no font has {codes}; printed as its code — check the names on paper"]


def render_pdf(
    data: DocumentData,
    images: Images,
    *,
    seal: str | None,
    voided: bool = False,
    void_reason: str = "",
    draft: bool = False,
    server: str = "",
) -> Rendered:
    """The unsigned PDF of data; images maps sha256 → bytes/path of photos and signatures.

    With ``server`` (the sync server's address) each page's QR code is a URL on its public
    check page ``<server>/v/…``, carrying the same fields a device checks offline.
    """
    writer = Writer()
    story = BUILDERS[data.kind](writer, data, images)
    title = TITLES[data.kind]
    info = PageInfo(
        title=title,
        number=data.number,
        issuer=data.issuer_name,
        digest=data.digest(),
        seal=seal,
        voided=voided,
        void_reason=void_reason,
        draft=draft,
        server=server,
    )
    out = io.BytesIO()
    doc = document(
        out, title=f"{title} {data.number}", author=data.issuer_name, subject=data.number
    )
    doc.build(story, canvasmaker=canvas_maker(info))
    return Rendered(
        pdf=out.getvalue(),
        pages=doc.page,
        fallback_chars=frozenset(writer.report.fallback),
        missing_chars=frozenset(writer.report.missing),
    )
