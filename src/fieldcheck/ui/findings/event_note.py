# SPDX-License-Identifier: Apache-2.0
"""A hazard history step's note as the window shows it: an edit's changed fields by their
labels (部位、整改措施; Place, Measures in English), not the model's names (place), and
the document a 交办 or 验收不通过 came with by its title in the window's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldcheck.core.loop import Action
from fieldcheck.core.terms import Change
from fieldcheck.reports.wording import TITLES
from fieldcheck.services.findings.changes import EDIT_NOTE
from fieldcheck.ui.shell.error_words import field_label
from fieldcheck.ui.shell.labels import notice_kind_label

# The steps a document moves (services/documents/notices.py notes “隐患整改通知书 <文号>”).
BY_DOCUMENT = {Action.ASSIGN.value, Action.VERIFY_FAIL.value}


def event_note(action: str, note: str) -> str:
    """The note of a history step; an edit's list of fields in words."""
    if action in BY_DOCUMENT:
        return _document_note(note)
    if action != Change.EDIT or not note.startswith(EDIT_NOTE):
        return note
    fields = [f.strip() for f in note.removeprefix(EDIT_NOTE).split(",") if f.strip()]
    joined = QCoreApplication.translate("history", "、").join(field_label(f) for f in fields)
    return QCoreApplication.translate("history", "改了：%1").replace("%1", joined)


def _document_note(note: str) -> str:
    """“隐患整改通知书 （金水）整改〔2026〕…号” with the title in the window's language; a
    note typed by a person stays as it is."""
    title, _, number = note.partition(" ")
    kind = next((k for k, t in TITLES.items() if t == title), None)
    if kind is None or not number or " " in number:
        return note
    return f"{notice_kind_label(kind.value)} {number}"
