# SPDX-License-Identifier: Apache-2.0
"""Changing a recorded finding: an edit in place, or a correction as a new version.

``save_changes`` is the one place that decides which, for the window and the command line.
"""

from __future__ import annotations

from typing import Any

from fieldcheck.core import clock
from fieldcheck.core.errors import FrozenError, InvalidValueError
from fieldcheck.core.models import PLAN_FIELDS, Finding
from fieldcheck.core.terms import Change
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings.findings import add_event, get_finding, validated
from fieldcheck.services.journal import record_change
from fieldcheck.storage import finding_repo

# Observed facts: what a notice or a signature covers and so can only be corrected
# by a new version, never edited in place.
OBSERVED_FIELDS = frozenset({"description", "place", "basis", "level", "found_at"})
# The 治理方案 (measures, deadline and the 五落实's other three) is a plan, not an observed
# fact: it may be completed after a notice, and no signature covers it.
EDITABLE_FIELDS = OBSERVED_FIELDS | {"measures", "deadline", *PLAN_FIELDS}

# An edit's event note names the fields it changed (model names): "修改: measures, place".
# The window shows them by their labels (ui/findings/event_note.py).
EDIT_NOTE = "修改: "


def edit_finding(
    ctx: AppContext, finding_id: str, changes: dict[str, Any], *, actor_id: str
) -> Finding:
    """Edit a finding that no notice or signature covers yet."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise InvalidValueError(", ".join(sorted(unknown)), None, "cannot be edited")
    with ctx.db.transaction() as s:
        old = finding_repo.get_finding(s, finding_id)
        if old.frozen and OBSERVED_FIELDS & set(changes):
            raise FrozenError(
                f"finding {finding_id} is covered by a notice or signature; "
                "record a correction (a new version) instead of editing it"
            )
        state = {"frozen": old.frozen, "superseded_by": old.superseded_by}
        new = validated({**old.model_dump(), **changes, **state})
        finding_repo.save_finding(s, new, clock.now())
        record_change(
            s,
            actor_id=actor_id,
            action="finding.edit",
            entity="finding",
            record=new,
            audit_payload={"changed": sorted(changes), **new.model_dump(mode="json")},
        )
        add_event(
            s,
            new,
            action=Change.EDIT,
            from_status=new.status,
            actor_id=actor_id,
            note=EDIT_NOTE + ", ".join(sorted(changes)),
        )
    return new


def correct_finding(
    ctx: AppContext, finding_id: str, changes: dict[str, Any], *, actor_id: str, reason: str
) -> Finding:
    """A new version of a frozen finding that points at the old one, which stays intact."""
    if not reason.strip():
        raise InvalidValueError("reason", reason, "a correction needs a reason")
    with ctx.db.transaction() as s:
        old = finding_repo.get_finding(s, finding_id).require_current(
            "correct that version instead"
        )
        data = {**old.model_dump(), **changes}
        data.update(id=None, version=old.version + 1, supersedes=old.id)
        data.pop("id")
        new = validated(data)
        finding_repo.add_finding(s, new, clock.now())
        finding_repo.mark_superseded(s, old.id, new.id)
        record_change(s, actor_id=actor_id, action="finding.correct", entity="finding", record=new)
        add_event(s, new, action=Change.CORRECT, from_status=None, actor_id=actor_id, note=reason)
    return new


def save_changes(
    ctx: AppContext, finding_id: str, values: dict[str, Any], *, actor_id: str, reason: str = ""
) -> Finding:
    """Save what the editor now shows: nothing, an edit, or a correction.

    Only the fields that differ from the stored finding count. When the finding is frozen
    and an observed fact changed, the change is a correction (a new version, ``reason``
    required); otherwise it is an edit in place.
    """
    old = get_finding(ctx, finding_id)
    unknown = set(values) - EDITABLE_FIELDS
    if unknown:
        raise InvalidValueError(", ".join(sorted(unknown)), None, "cannot be edited")
    changes = {k: v for k, v in values.items() if getattr(old, k) != v}
    if not changes:
        return old
    if old.frozen and set(changes) & OBSERVED_FIELDS:
        return correct_finding(ctx, finding_id, changes, actor_id=actor_id, reason=reason)
    return edit_finding(ctx, finding_id, changes, actor_id=actor_id)
