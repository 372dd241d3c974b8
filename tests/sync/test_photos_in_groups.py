# SPDX-License-Identifier: Apache-2.0
"""A sync sends its small photos several to a request (POST /v1/blobs, protocol 1.3); an
older server without it (404) gets them one by one, as does a photo it could not take in
a group; either way every original arrives byte-exact and the device and server agree."""

from __future__ import annotations

import threading
from typing import Any

import httpx
from syncfix import LiveServer, assert_converged, make_field_data

from fieldcheck.services.sync import sync as sync_service


class _Count(httpx.HTTPTransport):
    """Counts the photo requests; ``older`` answers POST /v1/blobs as a 1.2 server does."""

    def __init__(self, older: bool = False) -> None:
        super().__init__()
        self.older = older
        self.groups: list[int] = []  # photos per POST /v1/blobs that reached the server
        self.singles = 0
        self.lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == "/v1/blobs":
            if self.older:
                return httpx.Response(404, json={"detail": "Not Found"})
            with self.lock:
                self.groups.append(len(request.headers["Fieldcheck-Blobs"].split(",")))
        elif request.method == "PUT" and request.url.path.startswith("/v1/blobs/"):
            with self.lock:
                self.singles += 1
        return super().handle_request(request)


def test_small_photos_go_several_to_a_request(server: LiveServer, device_factory: Any) -> None:
    a = device_factory("a")
    make_field_data(a, "330106001", findings_n=6, photos_per_finding=4)
    count = _Count()
    report = sync_service.sync(a, transport=count)
    assert report.ok and report.photos_sent == 24
    assert sum(count.groups) == 24 and count.singles == 0
    assert len(count.groups) < 24 and max(count.groups) > 1
    assert_converged(server, a)


def test_an_older_server_gets_them_one_by_one(server: LiveServer, device_factory: Any) -> None:
    a = device_factory("a")
    make_field_data(a, "330106001", findings_n=3, photos_per_finding=3)
    count = _Count(older=True)
    report = sync_service.sync(a, transport=count)
    assert report.ok and report.photos_sent == 9 and count.singles == 9
    assert_converged(server, a)


def test_a_photo_the_server_holds_in_part_is_resumed_in_ranges(
    server: LiveServer, device_factory: Any
) -> None:
    from fieldcheck.photos.store import BlobStore
    from fieldcheck.storage import sync_blobs

    a = device_factory("a")
    make_field_data(a, "330106001", findings_n=2, photos_per_finding=2)
    with a.db.read() as s:
        sha = sync_blobs.blobs_to_send(s)[0][0]
    data = BlobStore(a.home.photos).original(sha).read_bytes()
    server.app.state.server.blobs.write_range(sha, 0, len(data), data[:100])  # a cut upload
    count = _Count()
    report = sync_service.sync(a, transport=count)
    assert report.ok and report.photos_sent == 4
    assert count.singles == 1  # the one held in part, from byte 100
    assert server.app.state.server.blobs.read(sha) == data
    assert_converged(server, a)
