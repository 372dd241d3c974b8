# SPDX-License-Identifier: Apache-2.0
"""A pull cut off part-way is reported as incomplete by `verify --all`, never as tampering.

A grid device records a major hazard, the expert confirms it on their own device and
the site signs by hand: records that only verify together. A county device pulls them
one record per page and is cut off after each page in turn; at no cut does verify
report a failure, at some it reports half-arrived findings as incomplete, and after
the pull completes everything verifies.
"""

from __future__ import annotations

from typing import Any

import pytest
from syncfix import LiveServer
from test_signed_records import _confirmed_and_site_signed

from fieldcheck.services.sync import sync as sync_service
from fieldcheck.services.trust.verify import verify_all
from fieldcheck.sync.client import ServerUnreachable, SyncClient


def test_every_cut_of_a_pull_is_incomplete_never_altered(
    server: LiveServer, device_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = device_factory("a")
    e = device_factory("e", role="expert")
    _confirmed_and_site_signed(a, e)
    assert sync_service.sync(a).ok
    real_pull = SyncClient.pull
    seen_incomplete = 0
    total = None
    for cut in range(1, 60):
        pages = {"n": 0}

        def short_pull(
            self: SyncClient, since: int, limit: int = 1000, pages: Any = pages, cut: int = cut
        ) -> Any:
            pages["n"] += 1
            if pages["n"] > cut:
                raise ServerUnreachable("cut off (test)")
            return real_pull(self, since, 1)

        monkeypatch.setattr(SyncClient, "pull", short_pull)
        c = device_factory(f"c{cut}", jurisdiction="330106")
        report = sync_service.sync(c)
        monkeypatch.setattr(SyncClient, "pull", real_pull)
        checked = verify_all(c)
        assert checked.failures == [], (cut, checked.failures)
        if report.ok:  # the pull ended before the cut: everything arrived
            total = cut
            assert not checked.pull_cut_off and checked.incomplete == []
            break
        assert checked.pull_cut_off
        seen_incomplete += bool(checked.incomplete)
        assert sync_service.sync(c).ok  # the rest arrives
        done = verify_all(c)
        assert done.ok and done.incomplete == [] and not done.pull_cut_off, done.failures
    assert total is not None and seen_incomplete > 0
