# SPDX-License-Identifier: Apache-2.0
"""Chinese line-breaking rules (标点禁则) for ReportLab's CJK word wrap.

ReportLab's list of characters that may not start a line is Japanese-centred: it
lacks the full-width comma, semicolon, colon, question and exclamation marks and the
closing book-title and quotation marks that Chinese text uses all the time, so a
paragraph could start a line with "，". Official documents must not.
"""

from __future__ import annotations

from reportlab.lib import textsplit
from reportlab.platypus import paragraph

# GB/T 15834 punctuation that closes or follows what precedes it.
CHINESE_CANNOT_START = "，。、；：？！）》」』】〕〗〉”’…—％"


def apply() -> None:
    """Teach ReportLab's CJK wrap not to start a line with Chinese closing punctuation."""
    for module in (paragraph, textsplit):  # each keeps its own copy of the string
        missing = "".join(c for c in CHINESE_CANNOT_START if c not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing
