# SPDX-License-Identifier: Apache-2.0
"""Per-device limits: request rate, unfinished uploads and their bytes; stale partials go."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable

from fastapi.testclient import TestClient
from httpx import Response

from fieldcheck.server.limits import STALE_AFTER_S, Limits


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _limits(client: TestClient, **kw: object) -> Limits:
    limits = Limits(**kw)  # type: ignore[arg-type]
    client.app.state.server.limits = limits  # type: ignore[attr-defined]
    return limits


def _put(client: TestClient, h: dict[str, str], photo: bytes, start: int, n: int) -> Response:
    """Send bytes start..start+n of photo under the whole photo's SHA-256."""
    sha = hashlib.sha256(photo).hexdigest()
    rng = f"bytes {start}-{start + n - 1}/{len(photo)}"
    return client.put(
        f"/v1/blobs/{sha}", content=photo[start : start + n], headers={**h, "Content-Range": rng}
    )


def test_a_device_over_its_rate_gets_429_and_others_do_not(
    app_client: TestClient, token_for: Callable[..., dict[str, str]]
) -> None:
    clock = FakeClock()
    _limits(app_client, rate=2.0, burst=3, clock=clock)
    busy, calm = token_for(), token_for()
    assert [app_client.get("/v1/me", headers=busy).status_code for _ in range(3)] == [200] * 3
    refused = app_client.get("/v1/me", headers=busy)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "too many requests" in refused.json()["detail"]
    assert app_client.get("/v1/me", headers=calm).status_code == 200
    clock.t += 1.0  # two tokens back
    assert app_client.get("/v1/me", headers=busy).status_code == 200


def test_unfinished_uploads_are_bounded_per_device_in_count_and_bytes(
    app_client: TestClient, token_for: Callable[..., dict[str, str]]
) -> None:
    _limits(app_client, max_open=2, max_partial=3000)
    h, other = token_for(), token_for()
    p0, p1, p2, p3 = (os.urandom(2000) for _ in range(4))
    assert _put(app_client, h, p0, 0, 500).status_code == 200
    assert _put(app_client, h, p1, 0, 500).status_code == 200
    third = _put(app_client, h, p2, 0, 500)
    assert third.status_code == 429 and "2 photo uploads unfinished" in third.json()["detail"]
    assert third.headers["Retry-After"] == "30"
    assert _put(app_client, other, p2, 0, 500).status_code == 200  # others are not held back
    done = _put(app_client, h, p0, 500, 1500)  # the last range: hash checked, slot freed
    assert done.status_code == 200 and done.json()["complete"]
    assert _put(app_client, h, p3, 0, 500).status_code == 200
    assert _put(app_client, h, p1, 500, 1000).status_code == 200  # 1500 + 500 bytes open
    over = _put(app_client, h, p3, 500, 1200)  # 1500 + 1700 = 3200 bytes
    assert over.status_code == 429 and "3,200 bytes" in over.json()["detail"]


def test_partial_uploads_untouched_for_a_day_are_removed(
    app_client: TestClient, token_for: Callable[..., dict[str, str]]
) -> None:
    limits = _limits(app_client)
    h = token_for()
    photo, fresh = os.urandom(4000), os.urandom(4000)
    sha = hashlib.sha256(photo).hexdigest()
    r = app_client.put(
        f"/v1/blobs/{sha}", content=photo[:1000], headers={**h, "Content-Range": "bytes 0-999/4000"}
    )
    assert r.status_code == 200 and r.json()["received"] == 1000
    part = app_client.app.state.server.blobs.partial_dir / sha  # type: ignore[attr-defined]
    old = time.time() - STALE_AFTER_S - 60
    os.utime(part, (old, old))
    limits._swept = 0.0  # the next upload sweeps
    sha2 = hashlib.sha256(fresh).hexdigest()
    app_client.put(
        f"/v1/blobs/{sha2}", content=fresh[:10], headers={**h, "Content-Range": "bytes 0-9/4000"}
    )
    assert not part.exists()
    state = app_client.get(f"/v1/blobs/{sha}/state", headers=h).json()
    assert state["received"] == 0  # the device resumes from the start
    assert (app_client.app.state.server.blobs.partial_dir / sha2).exists()  # type: ignore[attr-defined]


def test_a_photo_sent_whole_takes_no_upload_slot_and_frees_any_held_for_it(
    app_client: TestClient, token_for: Callable[..., dict[str, str]]
) -> None:
    from sqlalchemy import select

    from fieldcheck.server.tables import PARTIAL_UPLOAD as P

    limits = _limits(app_client, max_open=2, max_partial=3000)
    server = app_client.app.state.server  # type: ignore[attr-defined]
    h = token_for()
    p0, p1, p2, p3 = (os.urandom(2000) for _ in range(4))
    assert _put(app_client, h, p0, 0, 500).status_code == 200
    assert _put(app_client, h, p1, 0, 500).status_code == 200
    assert _put(app_client, h, p2, 0, 500).status_code == 429  # two unfinished: full
    # A whole photo is hash-checked and in place within its request: it never stays
    # unfinished, so it neither needs a slot nor counts its bytes as partial.
    whole = _put(app_client, h, p3, 0, 2000)
    assert whole.status_code == 200 and whole.json()["complete"]
    # A slot someone holds for a photo (a reservation whose write never happened) goes
    # when the photo arrives whole, for every device, as after a last range.
    sha2 = hashlib.sha256(p2).hexdigest()
    server.count(limits.upload, "another-device", sha2, 0, 500)

    def held(conn: object) -> list[str]:
        return sorted(conn.execute(select(P.c.sha256)).scalars())  # type: ignore[attr-defined]

    assert sha2 in server.read(held)
    other = token_for()
    done = _put(app_client, other, p2, 0, 2000)
    assert done.status_code == 200 and done.json()["complete"]
    assert server.read(held) == sorted(hashlib.sha256(p).hexdigest() for p in (p0, p1))
    assert _put(app_client, h, p0, 500, 1500).json()["complete"]  # ranges still counted
    assert server.read(held) == [hashlib.sha256(p1).hexdigest()]
