# SPDX-License-Identifier: Apache-2.0
"""Drafting a finding from a failed checklist item (不合格): what the editor opens with."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fieldcheck.checklists.models import ChecklistItem
from fieldcheck.core import clock


def draft_from_item(checklist_id: str, item: ChecklistItem) -> dict[str, Any]:
    """A new finding's fields from a failed checklist item: wording, level, measures, deadline.

    The description is the item's own finding wording (疏散通道、安全出口被占用、堵塞或封闭)
    when the checklist has one, else the question turned into a statement.
    """
    criteria = item.criteria[0] if item.criteria else None
    return {
        "description": item.finding or item.prompt.removeprefix("是否") + "：不符合要求",
        "measures": item.measures,
        # 0 days means 当场整改: no deadline of today; the notice's deadline fills it if needed.
        "deadline": clock.today() + timedelta(days=item.deadline_days)
        if item.deadline_days > 0
        else None,
        "criteria_id": criteria.criteria_id if criteria else None,
        "clause_ref": criteria.ref if criteria else None,
        "legal_basis": item.legal_basis or None,
        "suspected_major": str(item.default_level) == "major",
        "checklist_id": checklist_id,
        "item_id": item.id,
    }
