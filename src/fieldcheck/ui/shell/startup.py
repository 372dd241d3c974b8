# SPDX-License-Identifier: Apache-2.0
"""Open the data behind a window that is already shown, off the UI thread.

Importing SQLAlchemy and running the migration check takes most of a second on a cheap
laptop; the window appears first and takes the data when it is ready (or says in plain
words why it cannot be opened).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialog

from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.ops import Op, Progress, run_op
from fieldcheck.ui.shell.settings_store import Settings

if TYPE_CHECKING:
    from fieldcheck.services.context import AppContext
    from fieldcheck.ui.shell.first_run import FirstRunWizard

# What the first screen needs, imported on the worker while the window is already up.
WARM_MODULES = ("fieldcheck.services.sites.sites", "fieldcheck.services.findings.ledger")


class Startup:
    """The shown window and the background opening of its data."""

    def __init__(
        self,
        window: MainWindow,
        root: str | Path | None,
        settings: Settings,
        *,
        error: BaseException | None = None,
    ) -> None:
        self.window = window
        self.settings = settings
        self.ctx: AppContext | None = None  # set by the worker, closed by close()
        self.failed: BaseException | None = None
        self.wizard: FirstRunWizard | None = None
        self.op: Op | None = None
        if error is not None:  # e.g. an unreadable settings file: do not open anything
            self._failed(error)
            return
        self.op = run_op(
            window, lambda p: self._open(root, p), success=self._opened, failure=self._failed
        )

    def _open(self, root: str | Path | None, _progress: Progress) -> AppContext:
        """On the worker: services and data only, never a widget."""
        from fieldcheck.services.context import open_context

        ctx = open_context(root)
        self.ctx = ctx  # before anything else can fail, so close() can still close it
        for name in WARM_MODULES:
            importlib.import_module(name)
        return ctx

    def _opened(self, ctx: Any) -> None:
        from fieldcheck.ui.shell.state import AppState

        state = AppState(ctx, self.settings)
        if state.settings.complete:
            self.window.attach(state)
            return
        from fieldcheck.ui.shell.first_run import FirstRunWizard

        self.window.await_setup()
        self.wizard = FirstRunWizard(state)
        self.wizard.finished.connect(lambda code: self._wizard_done(state, code))
        self.wizard.open()

    def _wizard_done(self, state: Any, code: int) -> None:
        if code == QDialog.DialogCode.Accepted:
            self.window.attach(state)
        else:  # "not now": the person chose to leave before saying who they are
            self.window.close()

    def _failed(self, exc: BaseException) -> None:
        self.failed = exc
        self.window.show_open_error(exc)

    def close(self) -> None:
        """Wait for the opening to finish, then close the data if it was opened."""
        QThreadPool.globalInstance().waitForDone(30_000)
        if self.ctx is not None:
            self.ctx.close()
            self.ctx = None
