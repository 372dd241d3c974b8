# SPDX-License-Identifier: Apache-2.0
"""A photo upload is answered by server/upload_path.py, ahead of FastAPI's routing, with the
route's answers: its JSON, its error bodies and logs, its request limit; a malformed hash
still reaches the route (422). BodyLimit answers a stalled body with 408."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fieldcheck.server import middleware
from fieldcheck.server.upload_path import UploadPath


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The hashes UploadPath answered itself."""
    seen: list[str] = []
    real = UploadPath._upload

    async def spy(
        self: UploadPath, scope: Any, receive: Any, send: Any, sha: str, dev: Any
    ) -> None:
        seen.append(sha)
        await real(self, scope, receive, send, sha, dev)

    monkeypatch.setattr(UploadPath, "_upload", spy)
    return seen


def _put(client: TestClient, h: dict[str, str], sha: str, data: bytes, start: int = 0) -> Any:
    span = {"Content-Range": f"bytes {start}-{start + len(data) - 1}/{start + len(data)}"}
    return client.put(f"/v1/blobs/{sha}", content=data, headers={**h, **span})


def test_an_upload_is_answered_ahead_of_the_router_with_the_routes_json(
    app_client: TestClient, token_for: Any, served: list[str]
) -> None:
    h = token_for()
    data = os.urandom(3000)
    sha = hashlib.sha256(data).hexdigest()
    resp = _put(app_client, h, sha, data)
    assert resp.status_code == 200 and resp.headers["content-type"] == "application/json"
    assert resp.json() == {"sha256": sha, "received": 3000, "complete": True}
    assert served == [sha]
    assert app_client.app.state.server.blobs.size(sha) == 3000  # type: ignore[attr-defined]


def test_a_malformed_hash_reaches_the_route_and_gets_its_422(
    app_client: TestClient, token_for: Any, served: list[str]
) -> None:
    resp = _put(app_client, token_for(), "ABC" + "0" * 61, b"x")
    assert resp.status_code == 422 and resp.json()["detail"][0]["loc"] == ["path", "sha256"]
    assert served == []


def test_its_errors_get_the_apps_handlers_and_log_lines(
    app_client: TestClient, token_for: Any, served: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    h = token_for()
    wrong = hashlib.sha256(b"other").hexdigest()
    with caplog.at_level(logging.INFO, logger="fieldcheck.server"):
        resp = _put(app_client, h, wrong, b"photo")
    assert resp.status_code == 422 and "nothing was kept" in resp.json()["detail"]
    [rejected] = [r for r in caplog.records if r.getMessage() == "blob_rejected"]
    assert rejected.fields["sha256"] == wrong and rejected.fields["device"]  # type: ignore[attr-defined]
    [line] = [r for r in caplog.records if r.getMessage() == "request"]
    assert line.fields["status"] == 422 and line.fields["method"] == "PUT"  # type: ignore[attr-defined]
    bad = app_client.put(f"/v1/blobs/{wrong}", content=b"photo", headers=h)  # no Content-Range
    assert bad.status_code == 400 and "Content-Range" in bad.json()["detail"]
    assert served == [wrong, wrong]


def test_an_upload_spends_a_request_token(app_client: TestClient, token_for: Any) -> None:
    limits = app_client.app.state.server.limits  # type: ignore[attr-defined]
    limits.burst, limits.lease, limits.rate = 2, 1, 0.001
    h = token_for()
    data = [os.urandom(100) for _ in range(3)]
    answers = [_put(app_client, h, hashlib.sha256(d).hexdigest(), d) for d in data]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].headers["retry-after"] and "too many" in answers[2].json()["detail"]


def test_a_stalled_body_gets_408(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(middleware, "READ_TIMEOUT", 0.05)
    sent: list[Any] = []
    calls = 0

    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("the app must not see a body that never came")

    async def receive() -> dict[str, Any]:
        nonlocal calls
        calls += 1
        if calls == 1:
            return {"type": "http.request", "body": b"x" * 10, "more_body": True}
        await asyncio.sleep(10)
        raise AssertionError("not woken")

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/v1/pull", "headers": []}
    asyncio.run(middleware.BodyLimit(app)(scope, receive, send))
    assert sent[0]["status"] == 408 and b"no body bytes" in sent[1]["body"]
