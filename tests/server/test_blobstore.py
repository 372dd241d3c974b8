# SPDX-License-Identifier: Apache-2.0
"""Photo originals in S3-compatible object storage (a real SeaweedFS), migration, verify,
and what happens when the object store is down."""

from __future__ import annotations

import hashlib
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from seaweed import CREDENTIALS, seaweed_s3

from conftest import PHOTO_REST, batch, change, site_chain
from fieldcheck.server import auth
from fieldcheck.server.app import create_app
from fieldcheck.server.blobs import BlobStore, HashMismatch, RangeProblem
from fieldcheck.server.blobstore import StoreUnavailable, open_store
from fieldcheck.server.blobstore.s3 import S3Store
from fieldcheck.server.cli import main
from fieldcheck.server.settings import ServerSettings
from fieldcheck.sync.protocol import DeviceRole


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with seaweed_s3(tmp_path_factory.mktemp("weed")) as url:
        yield url


@pytest.fixture(autouse=True)
def s3_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in CREDENTIALS.items():
        monkeypatch.setenv(key, value)


def s3_url(endpoint: str, prefix: str) -> str:
    return f"s3://fieldcheck-test/{prefix}?endpoint={endpoint}&path_style=1&create=1"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def photo_for(finding_id: str, data: bytes) -> dict[str, Any]:
    return {
        "id": finding_id[:-4] + "bbbb",
        "finding_id": finding_id,
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "mime": "image/jpeg",
        "kind": "evidence",
        **PHOTO_REST,
    }


def _grid(app: Any) -> dict[str, str]:
    with app.state.server.engine.begin() as conn:
        _, token = auth.enroll(conn, name="测试", role=DeviceRole("grid"), jurisdiction="330106001")
    return {"Authorization": f"Bearer {token}"}


def _put_and_push(client: TestClient, h: dict[str, str], data: bytes) -> tuple[Any, Any]:
    """Upload one photo original, then push a site, inspection, finding and the photo."""
    site, insp, finding = site_chain()
    photo = photo_for(finding.id, data)
    rng = f"bytes 0-{len(data) - 1}/{len(data)}"
    put = client.put(
        f"/v1/blobs/{photo['sha256']}", content=data, headers={**h, "Content-Range": rng}
    )
    records = [
        change(k, r) for k, r in [("site", site), ("inspection", insp), ("finding", finding)]
    ]
    pushed = client.post("/v1/push", json=batch(*records, change("photo", photo)), headers=h)
    return put, pushed.json()


def test_s3_ranges_resume_on_any_process_and_appear_only_when_whole(endpoint: str) -> None:
    url = s3_url(endpoint, "ranges")
    data = os.urandom(250_000)
    sha = hashlib.sha256(data).hexdigest()
    first = S3Store.from_url(url)
    assert first.write_range(sha, 0, len(data), data[:100_000]).received == 100_000
    assert first.size(sha) is None  # staged, not visible under its hash
    assert sha not in set(first.hashes())
    second = S3Store.from_url(url)  # another server process resumes the same upload
    assert second.state(sha).received == 100_000
    with pytest.raises(RangeProblem) as stale:
        second.write_range(sha, 0, len(data), data[:50_000])
    assert stale.value.received == 100_000
    second.write_range(sha, 100_000, len(data), data[100_000:200_000])
    done = second.write_range(sha, 200_000, len(data), data[200_000:])
    assert done.complete and done.received == len(data)
    assert first.read(sha) == data and first.size(sha) == len(data)
    assert list(first.hashes()) == [sha]  # the staged parts are gone
    assert first.state(sha).complete


def test_s3_bytes_not_matching_their_hash_are_not_kept(endpoint: str) -> None:
    store = S3Store.from_url(s3_url(endpoint, "mismatch"))
    data = os.urandom(3000)
    wrong = hashlib.sha256(data[::-1]).hexdigest()
    with pytest.raises(HashMismatch):
        store.write_range(wrong, 0, len(data), data)
    store.write_range(wrong, 0, len(data), data[:1000])
    with pytest.raises(HashMismatch):
        store.write_range(wrong, 1000, len(data), data[1000:])
    assert store.state(wrong).received == 0 and store.size(wrong) is None
    assert list(store.hashes()) == []


def test_server_on_s3_takes_photos_and_serves_them(endpoint: str, tmp_path: Path) -> None:
    settings = ServerSettings(data=tmp_path / "srv", blobs=s3_url(endpoint, "app"))
    app = create_app(settings=settings)
    with TestClient(app) as client:
        h = _grid(app)
        data = os.urandom(70_000)
        sha = hashlib.sha256(data).hexdigest()
        put, pushed = _put_and_push(client, h, data)
        assert put.json()["complete"] is True
        assert [r["status"] for r in pushed["receipts"]] == ["accepted"] * 4
        assert pushed["photos_waiting"] == []
        assert client.get(f"/v1/blobs/{sha}", headers=h).content == data
    assert not (tmp_path / "srv" / "blobs").exists()  # nothing went to the local directory
    app.state.server.engine.dispose()


def test_with_the_object_store_down_records_go_in_and_photos_wait(tmp_path: Path) -> None:
    down = f"s3://fieldcheck-test/x?endpoint=http://127.0.0.1:{_closed_port()}&path_style=1"
    app = create_app(settings=ServerSettings(data=tmp_path / "srv", blobs=down))
    with TestClient(app) as client:
        h = _grid(app)
        data = b"jpeg bytes"
        sha = hashlib.sha256(data).hexdigest()
        put, pushed = _put_and_push(client, h, data)
        assert put.status_code == 503 and "nothing was stored" in put.json()["detail"]
        assert put.headers["Retry-After"]
        statuses = [r["status"] for r in pushed["receipts"]]
        assert statuses == ["accepted", "accepted", "accepted", "rejected"]
        assert pushed["photos_waiting"] == [sha]
        assert client.get("/v1/counts", headers=h).json()["photos"] == 0
    app.state.server.engine.dispose()
    with pytest.raises(StoreUnavailable):
        open_store(down, tmp_path).size(sha)


def _fill_local(root: Path, n: int) -> dict[str, bytes]:
    store = BlobStore(root)
    blobs = {}
    for i in range(n):
        data = os.urandom(2000 + i)
        sha = hashlib.sha256(data).hexdigest()
        store.put(sha, data)
        blobs[sha] = data
    return blobs


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code = main(list(argv))
    out = capsys.readouterr().out.strip().splitlines()
    return code, json.loads(out[-1])


def test_migrate_both_ways_resumable_and_verified(
    endpoint: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "srv"
    blobs = _fill_local(data / "blobs", 12)
    target = s3_url(endpoint, "migrate")
    s3 = S3Store.from_url(target)
    first = sorted(blobs)[:5]  # an interrupted earlier run copied five already
    for sha in first:
        s3.put(sha, blobs[sha])
    code, tally = _cli(capsys, "blobs", "migrate", "--data", str(data), "--to", target, "--json")
    assert code == 0 and tally["copied"] == 7 and tally["skipped"] == 5 and tally["bad"] == []
    assert sorted(s3.hashes()) == sorted(blobs)
    assert all(s3.read(sha) == blob for sha, blob in blobs.items())
    code, tally = _cli(
        capsys, "blobs", "verify", "--data", str(data), "--blobs", target, "--all", "--json"
    )
    assert code == 0 and tally["checked"] == 12 and tally["bad"] == []
    code, tally = _cli(
        capsys, "blobs", "verify", "--data", str(data), "--blobs", target, "--sample", "3", "--json"
    )
    assert code == 0 and tally["checked"] == 3
    back = tmp_path / "back"
    code, tally = _cli(
        capsys,
        "blobs",
        "migrate",
        "--data",
        str(data),
        "--blobs",
        target,
        "--to",
        str(back),
        "--json",
    )
    assert code == 0 and tally["copied"] == 12
    assert sorted(BlobStore(back).hashes()) == sorted(blobs)


def test_verify_finds_a_damaged_original_and_migrate_refuses_to_copy_it(
    endpoint: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "srv"
    blobs = _fill_local(data / "blobs", 3)
    bad = sorted(blobs)[1]
    path = BlobStore(data / "blobs").path(bad)
    path.write_bytes(b"bit rot" + path.read_bytes()[7:])
    code, tally = _cli(capsys, "blobs", "verify", "--data", str(data), "--json")
    assert code == 1 and tally["bad"] == [bad] and tally["checked"] == 3
    target = s3_url(endpoint, "damaged")
    code, tally = _cli(capsys, "blobs", "migrate", "--data", str(data), "--to", target, "--json")
    assert code == 1 and tally["bad"] == [bad] and tally["copied"] == 2
    assert S3Store.from_url(target).size(bad) is None


def test_s3_states_of_many_originals_at_once(endpoint: str) -> None:
    store = S3Store.from_url(s3_url(endpoint, "states"))
    whole, staged, absent = (os.urandom(4000 + i) for i in range(3))
    shas = [hashlib.sha256(d).hexdigest() for d in (whole, staged, absent)]
    store.put(shas[0], whole)
    store.write_range(shas[1], 0, len(staged), staged[:1500])
    answer = store.states([shas[2], shas[1], shas[0]])
    assert [(s.sha256, s.received, s.complete) for s in answer] == [
        (shas[2], 0, False),
        (shas[1], 1500, False),
        (shas[0], len(whole), True),
    ]
    assert answer == [store.state(sha) for sha in (shas[2], shas[1], shas[0])]
    assert store.states([]) == []


def test_several_photos_in_one_request_on_s3_and_with_the_store_down(
    endpoint: str, tmp_path: Path
) -> None:
    """POST /v1/blobs (1.3) keeps the S3 promise: each original whole and hash-checked or
    not there; with the object store down, the request is a 503 and nothing is said stored."""
    photos = [os.urandom(n) for n in (5000, 80_000)]
    wrong = hashlib.sha256(b"another").hexdigest()
    blobs = [(hashlib.sha256(p).hexdigest(), p) for p in photos] + [(wrong, b"not that")]
    headers = {
        "Fieldcheck-Blobs": ",".join(f"{sha}:{len(data)}" for sha, data in blobs),
        "Content-Type": "application/octet-stream",
    }
    body = b"".join(data for _, data in blobs)
    settings = ServerSettings(data=tmp_path / "srv", blobs=s3_url(endpoint, "many"))
    app = create_app(settings=settings)
    with TestClient(app) as client:
        h = _grid(app)
        answer = client.post("/v1/blobs", content=body, headers={**h, **headers}).json()
        assert [b["complete"] for b in answer["blobs"]] == [True, True, False]
        assert [r["sha256"] for r in answer["refused"]] == [wrong]
        for sha, data in blobs[:2]:
            assert app.state.server.blobs.read(sha) == data
        assert app.state.server.blobs.size(wrong) is None
    app.state.server.engine.dispose()
    down = f"s3://fieldcheck-test/x?endpoint=http://127.0.0.1:{_closed_port()}&path_style=1"
    app = create_app(settings=ServerSettings(data=tmp_path / "down", blobs=down))
    with TestClient(app) as client:
        resp = client.post("/v1/blobs", content=body, headers={**_grid(app), **headers})
        assert resp.status_code == 503 and "nothing was stored" in resp.json()["detail"]
        assert resp.headers["Retry-After"]
    app.state.server.engine.dispose()
