# SPDX-License-Identifier: Apache-2.0
"""The one way to run long work off the UI thread (Anki's CollectionOp, smaller).

    run_op(parent, lambda progress: photos.import_files(ctx, ...),
           success=self._imported)

The function runs on a QThreadPool worker and gets a `progress(done, total, text)`
callable; it sees services and data, never widgets. success/failure run on the UI
thread. Failures default to the plain-words error dialog.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

Progress = Callable[[int, int, str], None]

_running: set[Op] = set()  # keep Python wrappers alive until their signals are delivered


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)


class Op(QRunnable):
    """A background job with success, failure and progress signals."""

    def __init__(self, fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = _Signals()  # created on the UI thread, so slots run there
        # Set on the UI thread once the outcome was delivered: "succeeded" or "failed".
        # Tests wait on this rather than on a signal that may already have fired.
        self.outcome: str | None = None

    def run(self) -> None:
        try:
            result = self.fn(self._progress)
        except BaseException as exc:  # every failure must reach the person, none is lost
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.succeeded, result)

    def _progress(self, done: int, total: int, text: str) -> None:
        self._emit(self.signals.progressed, done, total, text)

    @staticmethod
    def _emit(signal: Any, *args: object) -> None:
        # RuntimeError: the window closed meanwhile; the work is done, nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)


def run_op(
    parent: QWidget | None,
    fn: Callable[[Progress], Any],
    *,
    success: Callable[[Any], None] | None = None,
    failure: Callable[[BaseException], None] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Op:
    """Start fn in the background; returns the Op (tests wait on op.signals)."""
    from fieldcheck.ui.shell.messages import show_error

    op = Op(fn)
    _running.add(op)

    def done(result: object) -> None:
        _running.discard(op)
        op.outcome = "succeeded"
        if success is not None:
            success(result)

    def failed(exc: object) -> None:
        _running.discard(op)
        op.outcome = "failed"
        assert isinstance(exc, BaseException)
        if failure is not None:
            failure(exc)
        else:
            show_error(parent, exc)

    op.signals.succeeded.connect(done)
    op.signals.failed.connect(failed)
    if progress is not None:
        op.signals.progressed.connect(progress)
    QThreadPool.globalInstance().start(op)
    return op
