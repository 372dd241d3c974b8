# SPDX-License-Identifier: Apache-2.0
"""Credentials, body limits, path tricks, photo uploads and logs."""

from __future__ import annotations

import hashlib
import io
import logging
import os
from typing import Any

from fastapi.testclient import TestClient

from conftest import PHOTO_REST, batch, change, site_chain
from fieldcheck.server import auth, logs
from fieldcheck.sync.protocol import MAX_PUSH_BYTES


def test_requests_without_a_valid_credential_get_401(
    app_client: TestClient, token_for: Any
) -> None:
    assert app_client.get("/v1/me").status_code == 401
    assert app_client.get("/v1/me", headers={"Authorization": "Bearer nope"}).status_code == 401
    h = token_for()
    me = app_client.get("/v1/me", headers=h).json()
    engine = app_client.app.state.server.engine  # type: ignore[attr-defined]
    with engine.begin() as conn:
        auth.revoke(conn, me["device_id"])
    resp = app_client.get("/v1/me", headers=h)
    assert resp.status_code == 401 and "revoked" in resp.json()["detail"]


def test_expired_credential_is_refused(app_client: TestClient, token_for: Any) -> None:
    from datetime import timedelta

    from fieldcheck.core import clock

    h = token_for(days=1)
    clock.set_clock(lambda: clock.datetime.now(clock.UTC) + timedelta(days=2))
    resp = app_client.get("/v1/me", headers=h)
    assert resp.status_code == 401 and "expired" in resp.json()["detail"]


def test_token_is_stored_only_as_a_hash(app_client: TestClient, token_for: Any) -> None:
    token = token_for()["Authorization"].split()[1]
    data = app_client.app.state.server.data  # type: ignore[attr-defined]
    db = b"".join(p.read_bytes() for p in data.glob("server.db*"))  # with the WAL
    assert token.encode() not in db
    assert auth.token_hash(token).encode() in db


def test_oversized_body_is_refused_with_413(app_client: TestClient, token_for: Any) -> None:
    resp = app_client.post("/v1/push", content=b"x" * (MAX_PUSH_BYTES + 1), headers=token_for())
    assert resp.status_code == 413


def _put(
    client: TestClient, h: dict[str, str], sha: str, data: bytes, start: int, total: int
) -> Any:
    rng = f"bytes {start}-{start + len(data) - 1}/{total}"
    return client.put(f"/v1/blobs/{sha}", content=data, headers={**h, "Content-Range": rng})


def test_photo_upload_resumes_and_is_hash_checked(app_client: TestClient, token_for: Any) -> None:
    h = token_for()
    data = os.urandom(300_000)
    sha = hashlib.sha256(data).hexdigest()
    assert _put(app_client, h, sha, data[:100_000], 0, len(data)).json()["received"] == 100_000
    stale = _put(app_client, h, sha, data[:50_000], 0, len(data))
    assert stale.status_code == 409 and stale.json()["received"] == 100_000
    state = app_client.get(f"/v1/blobs/{sha}/state", headers=h).json()
    done = _put(app_client, h, sha, data[state["received"] :], state["received"], len(data))
    assert done.json() == {"sha256": sha, "received": len(data), "complete": True}


def test_photo_bytes_not_matching_their_hash_are_not_kept(
    app_client: TestClient, token_for: Any
) -> None:
    h = token_for()
    data = os.urandom(1000)
    wrong = hashlib.sha256(b"other").hexdigest()
    resp = _put(app_client, h, wrong, data, 0, len(data))
    assert resp.status_code == 422 and "nothing was kept" in resp.json()["detail"]
    assert app_client.get(f"/v1/blobs/{wrong}/state", headers=h).json()["received"] == 0


def test_photo_sent_in_ranges_not_matching_its_hash_is_not_kept(
    app_client: TestClient, token_for: Any
) -> None:
    h = token_for()
    data = os.urandom(3000)
    wrong = hashlib.sha256(data[::-1]).hexdigest()
    assert _put(app_client, h, wrong, data[:1000], 0, len(data)).json()["received"] == 1000
    resp = _put(app_client, h, wrong, data[1000:], 1000, len(data))
    assert resp.status_code == 422 and "nothing was kept" in resp.json()["detail"]
    assert app_client.get(f"/v1/blobs/{wrong}/state", headers=h).json()["received"] == 0


def test_photo_record_needs_its_original_first(app_client: TestClient, token_for: Any) -> None:
    h = token_for()
    site, insp, finding = site_chain()
    sha = hashlib.sha256(b"jpeg").hexdigest()
    photo = {
        "id": finding.id[:-4] + "aaaa",
        "finding_id": finding.id,
        "sha256": sha,
        "bytes": 4,
        "mime": "image/jpeg",
        "kind": "evidence",
        **PHOTO_REST,
    }
    resp = app_client.post(
        "/v1/push",
        json=batch(
            change("site", site),
            change("inspection", insp),
            change("finding", finding),
            change("photo", photo),
        ),
        headers=h,
    )
    assert resp.json()["receipts"][3]["status"] == "rejected"
    _put(app_client, h, sha, b"jpeg", 0, 4)
    resp = app_client.post("/v1/push", json=batch(change("photo", photo)), headers=h)
    assert resp.json()["receipts"][0]["status"] == "accepted"
    assert app_client.get(f"/v1/blobs/{sha}", headers=h).content == b"jpeg"


def test_path_tricks_in_blob_names_are_refused(app_client: TestClient, token_for: Any) -> None:
    h = token_for()
    for name in ["..%2F..%2Fserver.db", "../server.db", "A" * 64, "0" * 63]:
        resp = app_client.get(f"/v1/blobs/{name}/state", headers=h)
        assert resp.status_code in (404, 422), name


def test_logs_carry_no_token_and_no_personal_data(app_client: TestClient, token_for: Any) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter())
    logger = logging.getLogger(logs.LOGGER)
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        h = token_for()
        site, _, _ = site_chain()
        site = site.model_copy(update={"contact_phone": "13912345678", "contact_name": "李四"})
        app_client.post("/v1/push", json=batch(change("site", site)), headers=h)
        app_client.get("/v1/me", headers={"Authorization": "Bearer secret-guess"})
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    text = stream.getvalue()
    assert '"event": "push"' in text and '"status": 401' in text
    for secret in [h["Authorization"].split()[1], "secret-guess", "13912345678", "李四"]:
        assert secret not in text
