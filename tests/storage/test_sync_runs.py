# SPDX-License-Identifier: Apache-2.0
"""The sync attempts a device keeps come back as core SyncRun models, newest first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fieldcheck.core.sync_account import SyncRun
from fieldcheck.services.context import AppContext
from fieldcheck.storage import sync_runs


def test_runs_are_kept_with_their_figures_and_read_back_as_models(ctx: AppContext) -> None:
    start = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    with ctx.db.transaction() as s:
        first = sync_runs.start(s, "https://sync.example", start)
        sync_runs.finish(s, first, start + timedelta(seconds=4), pushed=3, accepted=3)
        second = sync_runs.start(s, "https://sync.example", start + timedelta(hours=1))
    with ctx.db.read() as s:
        runs = sync_runs.last(s)
    assert all(isinstance(r, SyncRun) for r in runs)
    assert [r.id for r in runs] == [second, first]
    newest, older = runs
    assert newest.finished_at is None and newest.started_at == start + timedelta(hours=1)
    assert (older.pushed, older.accepted, older.finished_at) == (
        3,
        3,
        start + timedelta(seconds=4),
    )
