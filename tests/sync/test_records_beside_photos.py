# SPDX-License-Identifier: Apache-2.0
"""A sync pushes the records that name no photo original while the originals upload, and
each photo record only after its original is on the server; with the uploads failing
the other records still go in, and the photo records wait in the outbox."""

from __future__ import annotations

import json
import threading
from typing import Any

import httpx
import pytest
from syncfix import LiveServer, assert_converged, make_field_data

import fieldcheck.sync.client as client_mod
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.storage import sync_repo


class _Watch(httpx.HTTPTransport):
    """Holds every photo upload until the first record batch was answered (at most 30 s),
    and notes, in order, when each original was stored and what each push carried."""

    def __init__(self, refuse_uploads: bool = False) -> None:
        super().__init__()
        self.refuse = refuse_uploads
        self.first_push = threading.Event()
        self.held_up: list[bool] = []  # per upload: did a push get answered first?
        self.events: list[tuple[str, Any]] = []
        self.lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        one = request.method == "PUT" and path.startswith("/v1/blobs/")
        if one or (request.method == "POST" and path == "/v1/blobs"):  # one photo, or several
            if self.refuse:
                raise httpx.ConnectError("the uploads are cut", request=request)
            answered = self.first_push.wait(30)
            resp = super().handle_request(request)
            names = [path.rsplit("/", 1)[1]] if one else _named(request)
            with self.lock:
                self.held_up += [answered] * len(names)
                self.events += [("stored", sha) for sha in names]
            return resp
        if request.method == "POST" and path == "/v1/push":
            changes = json.loads(request.content)["changes"]
            with self.lock:
                self.events.append(("push", [(c["entity"], c["content"]) for c in changes]))
            resp = super().handle_request(request)
            self.first_push.set()
            return resp
        return super().handle_request(request)


def _named(request: httpx.Request) -> list[str]:
    """The originals a many-photo upload carries, in order (its Fieldcheck-Blobs header)."""
    return [entry.split(":")[0] for entry in request.headers["Fieldcheck-Blobs"].split(",")]


def test_records_travel_while_photos_upload_and_photo_records_after_them(
    server: LiveServer, device_factory: Any
) -> None:
    a = device_factory("a")
    make_field_data(a, "330106001", findings_n=3, photos_per_finding=2)
    watch = _Watch()
    report = sync_service.sync(a, transport=watch)
    assert report.ok and report.photos_sent == 6 and report.accepted == report.pushed
    assert watch.held_up == [True] * 6  # a record batch was answered before any upload
    stored: set[str] = set()
    photo_records = 0
    for kind, what in watch.events:
        if kind == "stored":
            stored.add(what)
            continue
        for entity, content in what:
            if entity == "photo":
                photo_records += 1
                assert content["sha256"] in stored  # its original was already on the server
    assert photo_records == 6
    assert_converged(server, a)


def test_with_uploads_failing_the_other_records_still_go_in(
    server: LiveServer, device_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_mod, "BACKOFF", 0.0)
    a = device_factory("a")
    make_field_data(a, "330106001", findings_n=2, photos_per_finding=2)
    with a.db.read() as s:
        pending = sync_repo.pending(s, after=0, limit=1000)
    photos = sum(r.entity == "photo" for r in pending)
    assert photos == 4
    cut = sync_service.sync(a, transport=_Watch(refuse_uploads=True))
    assert not cut.ok and cut.error_kind == "ServerUnreachable"
    assert cut.accepted == len(pending) - photos and cut.photos_sent == 0
    with a.db.read() as s:
        waiting = sync_repo.pending(s, after=0, limit=1000)
    assert sorted(r.entity for r in waiting) == ["photo"] * photos
    with httpx.Client(base_url=server.url) as http:
        token = server.enroll("grid", "330106001", "look")
        counts = http.get("/v1/counts", headers={"Authorization": f"Bearer {token}"}).json()
    assert counts["photos"] == 0 and counts["findings"] == 2
    again = sync_service.sync(a)
    assert again.ok and again.photos_sent == 4 and again.accepted == photos
    assert again.pending_after == 0
    assert_converged(server, a)


def test_a_photo_record_goes_beside_the_uploads_once_its_original_is_confirmed(
    server: LiveServer, device_factory: Any
) -> None:
    """The records' pass beside the uploads sends a photo record whose original the server
    already confirmed (the uploads get through most originals before the records reach
    the photos), and holds the ones still uploading, with their later versions."""
    from fieldcheck.core import clock
    from fieldcheck.photos.store import BlobStore
    from fieldcheck.services.sync import home_check
    from fieldcheck.services.sync.sync_push import Pusher
    from fieldcheck.services.sync.sync_report import SyncReport
    from fieldcheck.storage import sync_blobs
    from fieldcheck.sync.protocol import MAX_BATCH

    a = device_factory("a")
    make_field_data(a, "330106001", findings_n=2, photos_per_finding=1)
    with a.db.read() as s:
        (up, _), (uploading, _) = sync_blobs.blobs_to_send(s)
        acc = sync_repo.account(s)
    assert acc is not None
    with client_mod.SyncClient(acc.server_url, acc.token) as client:
        home_check.check_in(a, client)  # as a sync does first
        assert client.upload(up, BlobStore(a.home.photos).original(up)).complete
        with a.db.transaction() as s:
            sync_blobs.confirm_blobs(s, [up], clock.now())
        report = SyncReport(server=acc.server_url)
        Pusher(a, client, report, None, MAX_BATCH).push(without_originals=True)
    with a.db.read() as s:
        waiting = [r for r in sync_repo.pending(s, after=0, limit=100)]
    assert [(r.entity, r.content["sha256"]) for r in waiting] == [("photo", uploading)]
    assert report.accepted == report.pushed and report.rejected == []


class _Order(httpx.HTTPTransport):
    """Notes when each request starts and ends, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.log.append(("start", request.url.path))
        resp = super().handle_request(request)
        with self.lock:
            self.log.append(("end", request.url.path))
        return resp


def test_the_server_is_asked_which_originals_it_holds_before_any_record_goes(
    server: LiveServer, device_factory: Any
) -> None:
    """The question comes first, so the first uploads do not wait behind a records batch
    at the server (docs/scale.md)."""
    a = device_factory("a")
    make_field_data(a, "330106001", findings_n=2, photos_per_finding=2)
    order = _Order()
    report = sync_service.sync(a, transport=order)
    assert report.ok and report.photos_sent == 4
    answered = order.log.index(("end", "/v1/held"))
    first_push = order.log.index(("start", "/v1/push"))
    first_upload = min(
        i for i, (what, path) in enumerate(order.log) if what == "start" and path == "/v1/blobs"
    )
    assert answered < first_push and answered < first_upload
    assert_converged(server, a)
