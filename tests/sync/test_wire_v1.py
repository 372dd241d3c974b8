# SPDX-License-Identifier: Apache-2.0
"""Protocol 1 as devices really spoke it: recorded traffic (tests/data/wire_v1) against today.

The pushes and pulls were recorded from the demo with the code of protocol 1 (see
record.py there). Old device -> this server: the recorded batches are accepted as they
were. This device <- an old server: the recorded pull pages apply here. A device of
another protocol version gets one error naming both versions and what to do.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from syncfix import pg_database

from fieldcheck.core import clock
from fieldcheck.server import approvals, auth
from fieldcheck.server.app import create_app
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import ledger
from fieldcheck.services.sync import pulled
from fieldcheck.services.trust.verify_documents import check_documents
from fieldcheck.signing import keys
from fieldcheck.storage import sync_conflicts
from fieldcheck.storage.tables import BlobRow
from fieldcheck.sync.protocol import DeviceRole, Entity, content_sha256
from fieldcheck.sync.versions import ProtocolMismatch
from fieldcheck.sync.wire import V1, WireProblem, from_wire

DATA = Path(__file__).resolve().parents[1] / "data" / "wire_v1"


@cache
def recorded(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        gzip.decompress((DATA / f"{name}.json.gz").read_bytes())
    )
    return data


def _pushed() -> list[dict[str, Any]]:
    return [c for b in recorded("push") for c in b["request"]["changes"]]


def _needing_bytes() -> dict[str, str]:
    """Record id -> the image it needs on the server: photos, handwritten site signatures."""
    out = {}
    for c in _pushed():
        ack = c["content"].get("site_ack") if c["entity"] == "signature" else None
        if c["entity"] == "photo":
            out[c["entity_id"]] = c["content"]["sha256"]
        elif ack and ack.get("handwriting_sha256"):
            out[c["entity_id"]] = ack["handwriting_sha256"]
    return out


NEED_BYTES = _needing_bytes()


def _pulled() -> list[dict[str, Any]]:
    return [r for page in recorded("pull") for r in page["response"]["records"]]


def test_every_recorded_record_is_its_kind_s_wire_model_exactly() -> None:
    seen = Counter()
    for change in _pushed() + _pulled():
        entity = Entity(change["entity"])
        record = from_wire(entity, change["content"])
        dumped = record.model_dump(mode="json", exclude_unset=True)
        assert set(dumped) == set(change["content"])  # no field dropped, none invented
        for key, value in dumped.items():  # row dumps wrote +00:00 where models write Z
            assert _same(value, change["content"][key]), (entity, key)
        assert content_sha256(change["content"]) == change["sha256"]
        seen[entity] += 1
    # The demo sends every kind but item results (it records findings, not item outcomes).
    assert set(seen) == set(V1) - {Entity.ITEM_RESULT}


def _same(ours: Any, theirs: Any) -> bool:
    if ours == theirs:
        return True
    if isinstance(ours, str) and isinstance(theirs, str):
        try:
            return datetime.fromisoformat(ours) == datetime.fromisoformat(theirs)
        except ValueError:
            return False
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return ours.keys() == theirs.keys() and all(_same(ours[k], theirs[k]) for k in ours)
    return False


def test_a_field_the_protocol_does_not_know_is_refused_by_name() -> None:
    site = next(c["content"] for c in _pushed() if c["entity"] == "site")
    with pytest.raises(WireProblem, match=r"site: colour: Extra inputs"):
        from_wire(Entity.SITE, {**site, "colour": "red"})


@pytest.fixture(params=["sqlite", "postgresql"])
def server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[TestClient]:
    with ExitStack() as stack:
        db = stack.enter_context(pg_database()) if request.param == "postgresql" else None
        app = create_app(tmp_path / "srv", db)
        client = stack.enter_context(TestClient(app))
        with app.state.server.engine.begin() as conn:
            _, token = auth.enroll(conn, name="网格员", role=DeviceRole.GRID, jurisdiction="410105")
            # The recorded day's expert and supervisor signed on this grid laptop: since keys
            # have a root of trust (issue 16), the county approves their keys first.
            roles = {
                c["entity_id"]: c["content"]["role"] for c in _pushed() if c["entity"] == "person"
            }
            for c in _pushed():
                if c["entity"] == "person_key":
                    role = roles.get(c["content"]["person_id"], "grid")
                    if role != "grid":
                        fp = keys.fingerprint(c["content"]["public_key_b64"])
                        approvals.approve(conn, fp, role, clock.now())
        client.headers["Authorization"] = f"Bearer {token}"
        yield client
        app.state.server.close()


def test_a_protocol_1_device_s_recorded_batches_are_taken_as_they_were(server: TestClient) -> None:
    for batch in recorded("push"):
        answer = server.post("/v1/push", json=batch["request"])
        assert answer.status_code == 200, answer.text
        then = {(r["entity_id"], r["status"]) for r in batch["response"]["receipts"]}
        now = answer.json()["receipts"]
        for r in now:
            if r["entity_id"] in NEED_BYTES:  # the images' bytes were not recorded
                assert r["status"] == "rejected", r
            else:
                assert (r["entity_id"], r["status"]) in then, (r, r.get("reason"))
    counts = server.get("/v1/counts").json()
    assert (counts["sites"], counts["findings"]) == (
        32,
        len({c["entity_id"] for c in _pushed() if c["entity"] == "finding"}),
    )


def test_pages_an_old_server_sent_apply_on_this_device(ctx: AppContext) -> None:
    now = clock.now()
    with ctx.db.transaction() as s:
        for sha in set(NEED_BYTES.values()):  # the client fetches these before the records
            s.add(BlobRow(sha256=sha, bytes=1, mime="image/png", stored_at=now))
        s.flush()
        for r in _pulled():
            outcome = sync_conflicts.apply_pulled(
                s, r["entity"], r["content"], r["sha256"], now, content_sha256, pulled.decode
            )
            assert outcome == "applied", r["entity"]
    status = ledger.counts(ctx)
    assert status["sites"] == 32
    # Protocol 1.0 notices carry no payload or PDF (1.1 made both optional): they apply,
    # counted as notices without a PDF here, and nothing about them fails verification.
    notices = [r for r in _pulled() if r["entity"] == "notice"]
    assert notices and not any({"payload", "pdf"} & set(r["content"]) for r in notices)
    assert check_documents(ctx) == (0, len({r["entity_id"] for r in notices}), [])


def test_a_1_0_device_s_notice_and_a_1_1_notice_both_read_as_protocol_1() -> None:
    old = next(c["content"] for c in _pushed() if c["entity"] == "notice")
    assert from_wire(Entity.NOTICE, old).model_dump(mode="json", exclude_unset=True) == old
    pdf = {"variant": "issued", "sha256": "a" * 64, "bytes": 9, "pages": 1}
    new = {**old, "payload": {"number": old["number"]}, "pdf": {**pdf, "content_sha256": "b" * 64}}
    assert from_wire(Entity.NOTICE, new).model_dump(mode="json", exclude_unset=True) == new
    with pytest.raises(WireProblem, match=r"notice: pdf.variant"):
        from_wire(Entity.NOTICE, {**new, "pdf": {**new["pdf"], "variant": "draft"}})


def test_another_protocol_version_gets_one_clear_error(server: TestClient) -> None:
    batch = dict(recorded("push")[0]["request"], protocol=2)
    answer = server.post("/v1/push", json=batch)
    assert answer.status_code == 409
    body = answer.json()
    assert body["detail"] == str(ProtocolMismatch(2, "device"))
    assert "protocol 2" in body["detail"] and "speaks 1" in body["detail"]
    assert "update fieldcheck-server" in body["detail"]
    assert (body["device_protocol"], body["server_protocols"]) == (2, [1])
    assert server.get("/v1/counts").json()["sites"] == 0
