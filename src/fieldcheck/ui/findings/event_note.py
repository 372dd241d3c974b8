# SPDX-License-Identifier: Apache-2.0
"""A hazard history step's note as the window shows it: an edit's changed fields by their
labels (部位、整改措施; Place, Measures in English), not the model's names (place)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldcheck.core.terms import Change
from fieldcheck.services.findings.changes import EDIT_NOTE
from fieldcheck.ui.shell.error_words import field_label


def event_note(action: str, note: str) -> str:
    """The note of a history step; an edit's list of fields in words."""
    if action != Change.EDIT or not note.startswith(EDIT_NOTE):
        return note
    fields = [f.strip() for f in note.removeprefix(EDIT_NOTE).split(",") if f.strip()]
    joined = QCoreApplication.translate("history", "、").join(field_label(f) for f in fields)
    return QCoreApplication.translate("history", "改了：%1").replace("%1", joined)
