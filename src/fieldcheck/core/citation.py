# SPDX-License-Identifier: Apache-2.0
"""How every paper, the ledger and the window cite a criteria clause: one way only.

《工贸企业重大事故隐患判定标准》第三条第（二）项 — the title in book-title marks, the
article, then the item in full-width brackets between 第 and 项. Clause references
typed or stored in shorter forms (第三条（二）, 第三条(二), 第三条第(二)项) read the same.
"""

from __future__ import annotations

import re

_REF = re.compile(
    r"^(第[零〇一二三四五六七八九十百千0-9]+条)"  # the article
    r"\s*第?\s*[（(]\s*([^）)]+?)\s*[)）]\s*项?"  # the item, in any bracket form
    r"(.*)$"
)


def clause_ref(ref: str | None) -> str:
    """第三条（二） → 第三条第（二）项; anything not in that shape is returned trimmed."""
    text = (ref or "").strip()
    m = _REF.match(text)
    if m is None:
        return text
    article, item, rest = m.groups()
    return f"{article}第（{item}）项{rest.strip()}"


def book_title(title: str | None) -> str:
    """A title in 《》, added when missing."""
    text = (title or "").strip()
    if not text or text.startswith("《"):
        return text
    return f"《{text}》"


def cite(title: str | None, ref: str | None) -> str:
    """《标准》第三条第（二）项; either part may be empty."""
    return f"{book_title(title)}{clause_ref(ref)}"
