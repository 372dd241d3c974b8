# SPDX-License-Identifier: Apache-2.0
"""五落实 of a major hazard (责任、措施、资金、时限、预案) as the expert and the site read it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldcheck.core.models import Finding

ITEMS = (
    (QT_TRANSLATE_NOOP("FivePlan", "责任人"), "responsible"),
    (QT_TRANSLATE_NOOP("FivePlan", "整改措施"), "measures"),
    (QT_TRANSLATE_NOOP("FivePlan", "整改资金"), "funds"),
    (QT_TRANSLATE_NOOP("FivePlan", "整改时限"), "deadline"),
    (QT_TRANSLATE_NOOP("FivePlan", "安全措施和应急预案"), "safety_plan"),
)
TITLE = QT_TRANSLATE_NOOP("FivePlan", "五落实")
EMPTY = QT_TRANSLATE_NOOP("FivePlan", "未填")


def _t(text: str) -> str:
    return QCoreApplication.translate("FivePlan", text)


def plan_html(f: Finding) -> str:
    """The five items as a small table; an empty one reads 未填 so the gap is seen."""
    rows = []
    for label, field in ITEMS:
        value = getattr(f, field)
        shown = escape(str(value)) if value else f"<i style='color:#b00'>{_t(str(EMPTY))}</i>"
        rows.append(f"<tr><td style='padding-right:8px'>{_t(str(label))}</td><td>{shown}</td></tr>")
    return f"<p><b>{_t(str(TITLE))}</b></p><table>{''.join(rows)}</table>"
