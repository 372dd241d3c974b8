# SPDX-License-Identifier: Apache-2.0
"""Who signs this step: a chooser of the people who may, each proving it with their own
passphrase. The person chosen in 设置 is only the first suggestion; it grants nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from fieldcheck.core.terms import Role
from fieldcheck.services.sites import sites
from fieldcheck.ui.shell.state import AppState


def signer_box(parent: QWidget, state: AppState, roles: tuple[Role, ...], name: str) -> QComboBox:
    """The registered people of these roles; the window's person first where they are one."""
    box = QComboBox(parent)
    box.setObjectName(name)
    for role in roles:
        for p in sites.list_people(state.ctx, role.value):
            box.addItem(f"{p.name}（{p.unit}）" if p.unit else p.name, p.id)
    me = state.me()
    if me is not None and (i := box.findData(me.id)) >= 0:
        box.setCurrentIndex(i)
    return box


def chosen(box: QComboBox) -> str:
    """The chosen signer's person id ("" when nobody of the role is registered)."""
    data = box.currentData()
    return "" if data is None else str(data)
