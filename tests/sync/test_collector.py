# SPDX-License-Identifier: Apache-2.0
"""During a sync the collector leaves alone what the process held before it
(services/sync/collector.py), and puts it back once the sync is over."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from syncfix import LiveServer, make_field_data

from fieldcheck.services.sync import collector
from fieldcheck.services.sync import sync as sync_service


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Start with nothing frozen; give back what was frozen before the test."""
    before = gc.get_freeze_count()
    gc.unfreeze()
    yield
    gc.unfreeze()
    if before:
        gc.freeze()


class _Counts(httpx.HTTPTransport):
    """Notes how many objects are frozen while each request goes."""

    def __init__(self) -> None:
        super().__init__()
        self.frozen: list[int] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.frozen.append(gc.get_freeze_count())
        return super().handle_request(request)


class _Cut(httpx.BaseTransport):
    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("the network is cut", request=request)


def test_a_sync_freezes_what_exists_and_gives_it_back(
    unfrozen: None, server: LiveServer, device_factory: Any
) -> None:
    a = device_factory("a")
    make_field_data(a, "330106001", findings_n=2, photos_per_finding=1)
    counts = _Counts()
    report = sync_service.sync(a, transport=counts)
    assert report.ok and report.photos_sent == 2
    assert counts.frozen and min(counts.frozen) > 10_000  # the process's objects, set aside
    assert gc.get_freeze_count() == 0  # collectable again once the sync is over


def test_a_failed_sync_gives_them_back_too(unfrozen: None, device_factory: Any) -> None:
    a = device_factory("a")
    make_field_data(a, "330106001", findings_n=1, photos_per_finding=0)
    report = sync_service.sync(a, transport=_Cut())
    assert not report.ok and report.error_kind == "ServerUnreachable"
    assert gc.get_freeze_count() == 0


def test_a_freeze_made_before_is_left_as_it_is(unfrozen: None) -> None:
    gc.freeze()  # as a server's startup does (server/gc_tune.py)
    before = gc.get_freeze_count()  # falls as frozen objects are freed, never rises alone
    made_since = [[n] for n in range(50_000)]  # tracked objects a new freeze would take
    with collector.spared():
        assert gc.get_freeze_count() < before + len(made_since)  # nothing added
    assert gc.get_freeze_count() > 0  # and nothing undone
    assert len(made_since) == 50_000


def test_overlapping_syncs_share_one_freeze_undone_by_the_last(unfrozen: None) -> None:
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with collector.spared():
            inside.set()
            leave.wait(10)

    t = threading.Thread(target=other)
    t.start()
    assert inside.wait(10)
    with collector.spared():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() > 0  # the other sync is still going
    leave.set()
    t.join(10)
    assert gc.get_freeze_count() == 0


def test_an_error_inside_still_unfreezes(unfrozen: None) -> None:
    with pytest.raises(RuntimeError), collector.spared():
        assert gc.get_freeze_count() > 0
        raise RuntimeError("the sync broke")
    assert gc.get_freeze_count() == 0
