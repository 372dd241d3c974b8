# SPDX-License-Identifier: Apache-2.0
"""What every screen shares: the open data, the settings, who I am, and a change signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from fieldcheck.core.errors import NotFoundError
from fieldcheck.core.models import Person
from fieldcheck.services import device_settings
from fieldcheck.services.context import SYSTEM_ACTOR, AppContext
from fieldcheck.services.device_settings import DeviceSettings
from fieldcheck.services.sites import sites
from fieldcheck.ui.shell import catalog
from fieldcheck.ui.shell.settings_store import (
    Settings,
    legacy_device_values,
    load_settings,
    save_settings,
)


class AppState(QObject):
    """Shared by all views; `changed` fires after any write so views can refresh."""

    changed = Signal()
    open_finding = Signal(str)  # finding id: show it in the finding editor
    open_site = Signal(str)  # site id: show it in the register
    start_inspection = Signal(str)  # site id: begin an inspection there
    start_campaign_inspection = Signal(str, str)  # campaign id, site id: a 专项检查 there
    start_task_inspection = Signal(str)  # task id: the inspection a 交办 task asks for
    resume_inspection = Signal(str)  # inspection id: reopen its walk where it stopped
    show_ledger = Signal(dict)  # filter options for the ledger view
    goto = Signal(str)  # a screen key: today, sites, inspection, ledger, expert...

    def __init__(self, ctx: AppContext, settings: Settings | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings if settings is not None else load_settings(ctx.home.settings)
        self._me: Person | None = None
        self._adopt_legacy_device_settings()
        catalog.set_home(ctx.home)

    @property
    def actor_id(self) -> str:
        """The person acting in this window; every change is recorded under this id."""
        return self.settings.person_id

    def me(self) -> Person | None:
        """The person the settings say I am, or None before the first-run wizard."""
        if not self.settings.person_id:
            return None
        if self._me is None or self._me.id != self.settings.person_id:
            try:
                self._me = sites.get_person(self.ctx, self.settings.person_id)
            except NotFoundError:
                return None
        return self._me

    def _adopt_legacy_device_settings(self) -> None:
        legacy = legacy_device_values(self.ctx.home.settings)
        if legacy:
            device_settings.adopt(
                self.ctx,
                DeviceSettings(**legacy),
                actor_id=self.settings.person_id or SYSTEM_ACTOR,
            )
            save_settings(self.ctx.home.settings, self.settings)  # without the moved keys

    def device(self) -> DeviceSettings:
        """Numbering prefix and server, as this device's database holds them."""
        return device_settings.load(self.ctx)

    def save_device(self, new: DeviceSettings, *, actor_id: str | None = None) -> None:
        """Store the numbering prefix and server in the database (audited)."""
        device_settings.save(self.ctx, new, actor_id=actor_id or self.actor_id)
        self.changed.emit()

    def save_settings(self, settings: Settings) -> None:
        """Store new settings and tell every view."""
        save_settings(self.ctx.home.settings, settings)
        self.settings = settings
        self._me = None
        self.changed.emit()

    def notify(self) -> None:
        """Say that data changed (after a write)."""
        self.changed.emit()
