# SPDX-License-Identifier: Apache-2.0
"""Pushes from different jurisdictions run in parallel on PostgreSQL; the feed still never
lets a reader skip a change that committed late."""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

import pytest
from test_postgres import pg_url  # noqa: F401  (the fixture: a fresh database)

from conftest import PHOTO_REST, batch, change, site_chain
from fieldcheck.server import auth, feed
from fieldcheck.server.app import create_app
from fieldcheck.server.ingest import apply_push
from fieldcheck.sync.protocol import DeviceRole, PushRequest

pytestmark = pytest.mark.postgres


def test_a_slow_push_in_one_jurisdiction_does_not_hold_up_another(
    tmp_path: Path,
    pg_url: str,  # noqa: F811  (the fixture imported above)
) -> None:
    """Jurisdiction A's push stalls on a slow object-store look-up (3 s) inside its
    transaction; B's push commits meanwhile, and a province-level reader still never
    skips A's rows that commit after B's."""
    app = create_app(tmp_path / "srv", pg_url)
    server = app.state.server
    with server.engine.begin() as conn:
        dev_a, _ = auth.enroll(conn, name="甲", role=DeviceRole.GRID, jurisdiction="330106001")
        dev_b, _ = auth.enroll(conn, name="乙", role=DeviceRole.GRID, jurisdiction="330107001")
        reader, _ = auth.enroll(conn, name="省", role=DeviceRole.SUPERVISOR, jurisdiction="33")
    site_a, insp_a, finding_a = site_chain("330106001")
    data = b"a photo original"
    sha = hashlib.sha256(data).hexdigest()
    server.blobs.put(sha, data)
    photo = {"id": finding_a.id[:-4] + "cccc", "finding_id": finding_a.id, "sha256": sha}
    photo |= {"bytes": len(data), "mime": "image/jpeg", "kind": "evidence", **PHOTO_REST}
    push_a = PushRequest.model_validate(
        batch(
            *[change(k, r) for k, r in [("site", site_a), ("inspection", insp_a)]],
            change("finding", finding_a),
            change("photo", photo),
        )
    )
    site_b, insp_b, finding_b = site_chain("330107001")
    push_b = PushRequest.model_validate(
        batch(
            *[change(k, r) for k, r in [("site", site_b), ("inspection", insp_b)]],
            change("finding", finding_b),
        )
    )
    stalled, a_done = threading.Event(), threading.Event()

    def slow_store(s: str) -> int | None:
        stalled.set()
        time.sleep(3.0)
        return server.blobs.size(s)

    def run_a() -> None:
        server.write(apply_push, dev_a, push_a, slow_store)
        a_done.set()

    thread = threading.Thread(target=run_a)
    thread.start()
    try:
        assert stalled.wait(10)
        began = time.monotonic()
        answer = server.write(apply_push, dev_b, push_b, server.blobs.size)
        took = time.monotonic() - began
        assert [r.status.value for r in answer.receipts] == ["accepted"] * 3
        assert not a_done.is_set(), "A finished first: the test did not overlap the pushes"
        assert took < 1.5, f"B waited {took:.2f} s behind A's open transaction"
        early = server.read(feed.pull, reader, 0)
        assert {r.entity_id for r in early.records} == {site_b.id, insp_b.id, finding_b.id}
    finally:
        thread.join(20)
    assert a_done.is_set()
    later = server.read(feed.pull, reader, early.cursor)
    got = {r.entity_id for r in later.records}
    assert got == {site_a.id, insp_a.id, finding_a.id, photo["id"]}
    assert min(r.seq for r in later.records) > early.cursor
    server.engine.dispose()
