# SPDX-License-Identifier: Apache-2.0
"""A passphrase field that never echoes, and a small form for signed steps."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget


def passphrase_field(parent: QWidget, placeholder: str) -> QLineEdit:
    """A password-mode line edit; its text is never logged or stored."""
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    field.setObjectName("passphrase")
    return field
