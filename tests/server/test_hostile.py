# SPDX-License-Identifier: Apache-2.0
"""A server that holds: no 5xx for hostile text, no buffering for strangers, abandoned != 500."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from conftest import PUSH, batch, change, coded, site_chain
from fieldcheck.server.middleware import ABANDONED


def test_a_lone_surrogate_is_refused_by_its_receipt_and_the_connection_stays(
    app_client: TestClient, token_for: Any
) -> None:
    h = token_for()
    site, _, _ = site_chain()
    record = change("site", site)
    record["content"]["name"] = "东风\ud800五金厂"
    body = batch(record)
    import json

    raw = json.dumps(body, ensure_ascii=True)  # a JSON escape: how an attacker sends it
    resp = app_client.post(PUSH, content=raw, headers={**h, "Content-Type": "application/json"})
    assert coded(resp) == [("rejected", "bad_text")]
    assert "not valid Unicode" in resp.json()["receipts"][0]["reason"]
    assert app_client.get("/v1/me", headers=h).status_code == 200


def test_a_record_nested_300_levels_deep_is_refused(app_client: TestClient, token_for: Any) -> None:
    h = token_for()
    site, _, finding = site_chain()
    photo: dict[str, Any] = {"id": "01a21200-0000-7000-8000-0000000000aa", "finding_id": finding.id}
    photo |= {"sha256": "ab" * 32, "bytes": 10, "mime": "image/jpeg"}
    deep: dict[str, Any] = {}
    cursor = deep
    for _ in range(300):
        cursor["x"] = {}
        cursor = cursor["x"]
    photo["extra"] = deep
    body = batch(change("site", site), change("finding", finding), change("photo", photo))
    resp = app_client.post(PUSH, json=body, headers=h)
    # The deep photo refused on its own: its site and finding land (the finding waits for
    # an inspection that is not there).
    assert coded(resp) == [
        ("accepted", None),
        ("rejected", "reference_missing"),
        ("rejected", "too_deep"),
    ]
    assert "nested deeper" in resp.json()["receipts"][2]["reason"]
    assert app_client.get("/v1/pull", headers=h).status_code == 200


def test_a_body_without_credential_is_refused_before_it_is_read(app_client: TestClient) -> None:
    resp = app_client.post("/v1/push", content=b"x" * 1000, headers={"Authorization": "Bearer no"})
    assert resp.status_code == 401 and "unknown credential" in resp.text


def test_an_abandoned_request_is_logged_as_abandoned(
    app_client: TestClient, token_for: Any, caplog: pytest.LogCaptureFixture
) -> None:
    from fieldcheck.server.middleware import BodyLimit

    async def run() -> None:
        sent: list[Any] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.disconnect"}

        async def send(message: Any) -> None:
            sent.append(message)

        token = token_for()["Authorization"].encode()
        scope = {"type": "http", "method": "POST", "path": "/v1/push", "app": app_client.app}
        scope["headers"] = [(b"authorization", token)]
        from fieldcheck.server.middleware import AccessLog

        await AccessLog(BodyLimit(app_client.app))(scope, receive, send)  # type: ignore[arg-type]
        assert sent == []

    import asyncio

    with caplog.at_level(logging.INFO, logger="fieldcheck.server"):
        asyncio.run(run())
    [line] = [r for r in caplog.records if r.getMessage() == "request"]
    assert line.fields["status"] == ABANDONED  # type: ignore[attr-defined]


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to read memory")
def test_memory_stays_flat_under_30_unauthenticated_16mb_bodies(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "FIELDCHECK_SERVER_DATA": str(tmp_path / "srv")}
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "fieldcheck.server.asgi:create_from_env"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        before = _rss_kb(proc.pid)
        size = 16 * 1024 * 1024
        chunk = b"x" * (1024 * 1024)
        socks = []
        for _ in range(30):
            c = socket.create_connection(("127.0.0.1", port))
            c.sendall(
                f"POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                f"Content-Length: {size}\r\n\r\n".encode()
            )
            socks.append(c)
        statuses = []
        for c in socks:
            c.settimeout(5)
            try:
                for _ in range(16):
                    c.sendall(chunk)
            except OSError:
                pass  # refused and closed before we finished: what we want
            try:
                statuses.append(c.recv(64).split(b" ")[1])
            except (OSError, IndexError):
                statuses.append(b"closed")
        peak = _rss_kb(proc.pid)
        for c in socks:
            c.close()
        grown_mb = (peak - before) / 1024
        print(f"RSS before {before / 1024:.0f} MB, after 30 x 16 MB bodies {peak / 1024:.0f} MB")
        assert set(statuses) <= {b"401", b"closed"}, statuses
        assert grown_mb < 40, f"the server grew {grown_mb:.0f} MB for strangers' bodies"
    finally:
        proc.terminate()
        proc.wait(10)


def test_counts_and_blob_state_are_scoped_and_letter_codes_exact(
    app_client: TestClient, token_for: Any
) -> None:
    mine, other, upper = (
        token_for("grid", "abc1"),
        token_for("grid", "330107001"),
        token_for("grid", "ABC"),
    )
    site, _, _ = site_chain(jurisdiction="abc1")
    assert (
        app_client.post("/v1/push", json=batch(change("site", site)), headers=mine).status_code
        == 200
    )
    assert app_client.get("/v1/counts", headers=mine).json()["sites"] == 1
    assert app_client.get("/v1/counts", headers=other).json()["sites"] == 0
    assert app_client.get("/v1/pull", headers=upper).json()["records"] == []  # ABC ≠ abc
    png = b"\x89PNG another area's photo"
    import hashlib

    sha = hashlib.sha256(png).hexdigest()
    rng = f"bytes 0-{len(png) - 1}/{len(png)}"
    app_client.put(f"/v1/blobs/{sha}", content=png, headers={**mine, "Content-Range": rng})
    state = app_client.get(f"/v1/blobs/{sha}/state", headers=other).json()
    assert state == {"sha256": sha, "received": 0, "complete": False}


def test_a_notice_number_already_held_is_refused(app_client: TestClient, token_for: Any) -> None:
    from fieldcheck.core.ids import new_id

    first, copy = token_for(), token_for()
    site, insp, finding = site_chain()
    notice = {"id": new_id(), "kind": "rectification", "number": "（金水）整改〔2026〕07-0001号"}
    notice |= {"inspection_id": insp.id, "site_id": site.id, "issued_by": new_id()}
    notice |= {"issued_at": "2026-03-01T02:00:00Z", "finding_ids": [finding.id]}
    body = batch(
        change("site", site),
        change("inspection", insp),
        change("finding", finding),
        change("notice", notice),
    )
    assert {
        r["status"]
        for r in app_client.post("/v1/push", json=body, headers=first).json()["receipts"]
    } == {"accepted"}
    again = {**notice, "id": new_id()}  # a copied home issues the same number again
    receipts = app_client.post(
        "/v1/push", json=batch(change("notice", again)), headers=copy
    ).json()["receipts"]
    assert receipts[0]["status"] == "rejected" and "enrol it again" in receipts[0]["reason"]
    dangling = {**notice, "id": new_id(), "number": "X-2", "finding_ids": [new_id()]}
    receipts = app_client.post(
        "/v1/push", json=batch(change("notice", dangling)), headers=first
    ).json()["receipts"]
    assert (
        receipts[0]["status"] == "rejected"
        and "neither the server nor this batch" in receipts[0]["reason"]
    )
