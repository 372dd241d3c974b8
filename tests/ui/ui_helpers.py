# SPDX-License-Identifier: Apache-2.0
"""Helpers for UI tests: Chinese input, people of the demo."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from fieldcheck.core.models import Role
from fieldcheck.services import sites
from fieldcheck.services.context import AppContext


def type_chinese(widget: QWidget, text: str) -> None:
    """Commit text as an input method would (QTest key clicks are ASCII only)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def person_id(ctx: AppContext, role: Role, name: str | None = None) -> str:
    return next(p.id for p in sites.list_people(ctx, role.value) if name in (None, p.name))
