# SPDX-License-Identifier: Apache-2.0
"""Several whole photo originals in one request (POST /v1/blobs, protocol 1.3): each is
stored exactly as a whole-range PUT stores it or refused on its own with its reason; a
malformed manifest is a 400 naming the entry; a stranger is refused before the body."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from fieldcheck.server.tables import PARTIAL_UPLOAD as P
from fieldcheck.sync.protocol import BLOBS_HEADER, MAX_BLOBS_PER_REQUEST, MAX_CHUNK_BYTES

Token = Callable[..., dict[str, str]]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _post(
    client: TestClient, h: dict[str, str], blobs: list[tuple[str, bytes]], header: str | None = None
) -> Any:
    manifest = ",".join(f"{sha}:{len(data)}" for sha, data in blobs) if header is None else header
    return client.post(
        "/v1/blobs",
        content=b"".join(data for _, data in blobs),
        headers={**h, BLOBS_HEADER: manifest, "Content-Type": "application/octet-stream"},
    )


def test_several_photos_are_stored_byte_exact_in_one_request(
    app_client: TestClient, token_for: Token
) -> None:
    photos = [os.urandom(n) for n in (3000, 1, 70_000)]
    resp = _post(app_client, token_for(), [(_sha(p), p) for p in photos])
    assert resp.status_code == 200, resp.text
    answer = resp.json()
    assert answer == {
        "blobs": [{"sha256": _sha(p), "received": len(p), "complete": True} for p in photos],
        "refused": [],
    }
    store = app_client.app.state.server.blobs  # type: ignore[attr-defined]
    for p in photos:
        assert store.read(_sha(p)) == p


def test_a_photo_not_matching_its_name_is_refused_alone_and_never_visible(
    app_client: TestClient, token_for: Token
) -> None:
    good, bad, also = os.urandom(2000), os.urandom(2000), os.urandom(500)
    wrong = _sha(bad[::-1])
    resp = _post(app_client, token_for(), [(_sha(good), good), (wrong, bad), (_sha(also), also)])
    assert resp.status_code == 200
    answer = resp.json()
    assert [b["complete"] for b in answer["blobs"]] == [True, False, True]
    assert answer["blobs"][1] == {"sha256": wrong, "received": 0, "complete": False}
    [refusal] = answer["refused"]
    assert refusal["sha256"] == wrong and "nothing was kept" in refusal["reason"]
    store = app_client.app.state.server.blobs  # type: ignore[attr-defined]
    assert store.size(wrong) is None and store.read(_sha(good)) == good


def test_a_photo_held_in_part_is_refused_with_what_is_held_so_the_device_resumes(
    app_client: TestClient, token_for: Token
) -> None:
    h = token_for()
    photo, other = os.urandom(4000), os.urandom(100)
    rng = {"Content-Range": f"bytes 0-999/{len(photo)}"}
    assert app_client.put(f"/v1/blobs/{_sha(photo)}", content=photo[:1000], headers={**h, **rng})
    resp = _post(app_client, token_for(), [(_sha(photo), photo), (_sha(other), other)])
    answer = resp.json()
    assert answer["blobs"][0] == {"sha256": _sha(photo), "received": 1000, "complete": False}
    assert "holds 1000 bytes" in answer["refused"][0]["reason"]
    assert answer["blobs"][1]["complete"] is True


def test_a_slot_someone_holds_for_a_photo_goes_when_it_arrives_in_a_group(
    app_client: TestClient, token_for: Token
) -> None:
    server = app_client.app.state.server  # type: ignore[attr-defined]
    a, b = os.urandom(600), os.urandom(700)
    # A reservation whose write never happened (as tests/server/test_limits.py makes it).
    server.count(server.limits.upload, "another-device", _sha(a), 0, 300)

    def held(conn: Any) -> list[str]:
        return sorted(conn.execute(select(P.c.sha256)).scalars())

    assert server.read(held) == [_sha(a)]
    assert _post(app_client, token_for(), [(_sha(a), a), (_sha(b), b)]).status_code == 200
    assert server.read(held) == []


@pytest.mark.parametrize(
    ("header", "said"),
    [
        (None, "header is required"),
        ("nothex:3", "entry 1 'nothex:3' is not SHA256:SIZE"),
        (f"{'a' * 64}:3,{'b' * 64}:x", "entry 2"),
        (f"{'a' * 64}:0", "size 0 is outside"),
        (f"{'a' * 64}:2,{'a' * 64}:1", "named twice"),
        (f"{'a' * 64}:2", "names 2 bytes but the body has 3"),
        (",".join(f"{n:064x}:1" for n in range(MAX_BLOBS_PER_REQUEST + 1)), "at most"),
    ],
)
def test_a_manifest_that_does_not_fit_is_refused_naming_the_entry(
    app_client: TestClient, token_for: Token, header: str | None, said: str
) -> None:
    h = token_for()
    headers = {**h, "Content-Type": "application/octet-stream"}
    if header is not None:
        headers[BLOBS_HEADER] = header
    resp = app_client.post("/v1/blobs", content=b"abc", headers=headers)
    assert resp.status_code == 400 and said in resp.json()["detail"], resp.text
    assert list(app_client.app.state.server.blobs.hashes()) == []  # type: ignore[attr-defined]


def test_a_stranger_or_an_oversized_body_is_refused_before_anything_is_stored(
    app_client: TestClient, token_for: Token
) -> None:
    photo = os.urandom(100)
    assert _post(app_client, {}, [(_sha(photo), photo)]).status_code == 401
    bearer = {"Authorization": "Bearer fcd_not-a-token"}
    assert _post(app_client, bearer, [(_sha(photo), photo)]).status_code == 401
    big = b"x" * (MAX_CHUNK_BYTES + 1)
    assert _post(app_client, token_for(), [(_sha(big), big)]).status_code == 413
    assert list(app_client.app.state.server.blobs.hashes()) == []  # type: ignore[attr-defined]
