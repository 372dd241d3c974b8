# SPDX-License-Identifier: Apache-2.0
"""A request's credential is looked up once: BodyLimit checks it before reading the body
and the route takes that answer. Nothing is kept across requests, so a revocation counts
from the very next request, photo uploads included."""

from __future__ import annotations

import hashlib
import os
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import batch, change, site_chain
from fieldcheck.server import auth


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every token auth.authenticate is asked about."""
    seen: list[str] = []
    real = auth.authenticate

    def counting(conn: Any, token: str) -> auth.Device:
        seen.append(token)
        return real(conn, token)

    monkeypatch.setattr(auth, "authenticate", counting)
    return seen


def _put(client: TestClient, h: dict[str, str], body: bytes) -> Any:
    sha = hashlib.sha256(body).hexdigest()
    span = {"Content-Range": f"bytes 0-{len(body) - 1}/{len(body)}"}
    return client.put(f"/v1/blobs/{sha}", content=body, headers={**h, **span})


def test_an_upload_and_a_push_look_the_credential_up_once(
    app_client: TestClient, token_for: Any, lookups: list[str]
) -> None:
    h = token_for()
    assert _put(app_client, h, os.urandom(5000)).json()["complete"]
    assert len(lookups) == 1
    site, _, _ = site_chain()
    resp = app_client.post("/v1/push", json=batch(change("site", site)), headers=h)
    assert resp.json()["receipts"][0]["status"] == "accepted"
    assert len(lookups) == 2
    assert app_client.get("/v1/me", headers=h).status_code == 200  # a GET: the route only
    assert len(lookups) == 3


def test_a_revoked_credential_is_refused_on_the_next_upload_and_push(
    app_client: TestClient, token_for: Any
) -> None:
    h = token_for()
    assert _put(app_client, h, os.urandom(4000)).json()["complete"]
    me = app_client.get("/v1/me", headers=h).json()
    server = app_client.app.state.server  # type: ignore[attr-defined]
    with server.engine.begin() as conn:
        auth.revoke(conn, me["device_id"])
    body = os.urandom(4001)
    resp = _put(app_client, h, body)
    assert resp.status_code == 401 and "revoked" in resp.json()["detail"]
    assert server.blobs.size(hashlib.sha256(body).hexdigest()) is None  # nothing kept
    site, _, _ = site_chain()
    resp = app_client.post("/v1/push", json=batch(change("site", site)), headers=h)
    assert resp.status_code == 401 and "revoked" in resp.json()["detail"]


def test_the_request_token_lease_is_taken_off_the_event_loop(
    app_client: TestClient, token_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The credential dependency runs on the event loop; the database write that leases
    request tokens must not (it would stall every other request meanwhile)."""
    import asyncio

    from fieldcheck.server.limits import Limits

    on_loop: list[bool] = []
    real = Limits._take

    def take(self: Limits, conn: Any, device_id: str) -> int:
        try:
            asyncio.get_running_loop()
            on_loop.append(True)
        except RuntimeError:
            on_loop.append(False)
        return real(self, conn, device_id)

    monkeypatch.setattr(Limits, "_take", take)
    h = token_for()
    for _ in range(3):
        assert app_client.get("/v1/me", headers=h).status_code == 200
    assert on_loop == [False]  # one lease of 20 tokens, taken in a worker thread
