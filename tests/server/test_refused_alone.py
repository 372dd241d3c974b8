# SPDX-License-Identifier: Apache-2.0
"""One bad record never refuses its batch: it is refused by its receipt, with a code, and
so is whatever hangs from it; the good records land. On SQLite and PostgreSQL.

A device of protocol 1.2 asks for codes (``?codes=true``); an older device is never sent
the field, so its strict receipt model still reads the answer.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
import test_poison_ingest
from fastapi.testclient import TestClient
from pydantic import ValidationError, create_model
from test_poison_ingest import PICTURE
from test_postgres import pg_url  # noqa: F401 - the PostgreSQL fixture

from conftest import NOW, PHOTO_REST, PUSH, batch, change, coded, site_chain
from fieldcheck.core.ids import new_id
from fieldcheck.server import auth
from fieldcheck.sync.protocol import DeviceRole, PushResponse, Receipt, Wire

client = test_poison_ingest.client  # an enrolled grid device, on SQLite and PostgreSQL


def _photo(finding_id: str) -> dict[str, Any]:
    photo = {"id": new_id(), "finding_id": finding_id, "kind": "evidence", "mime": "image/jpeg"}
    photo |= {"sha256": hashlib.sha256(PICTURE).hexdigest(), "bytes": len(PICTURE)}
    return photo | {**PHOTO_REST, "taken_at": NOW.isoformat()}


def _event(finding_id: str) -> dict[str, Any]:
    event = {"id": new_id(), "finding_id": finding_id, "action": "assign"}
    event |= {"from_status": "found", "to_status": "assigned", "actor_id": new_id()}
    return event | {"at": NOW.isoformat(), "deadline": "2026-03-15"}


def test_a_malformed_finding_is_refused_with_what_hangs_from_it_and_the_rest_lands(
    client: TestClient,
) -> None:
    site, insp, good = site_chain()
    _, _, bad = site_chain()
    bad = bad.model_copy(update={"site_id": site.id, "inspection_id": insp.id})
    poison = change("finding", {**bad.model_dump(mode="json"), "colour": "red"})
    body = batch(
        change("site", site),
        change("inspection", insp),
        poison,
        change("photo", _photo(bad.id)),  # hangs from the refused finding
        change("finding_event", _event(bad.id)),
        change("finding", good),
        change("photo", _photo(good.id)),
    )
    resp = client.post(PUSH, json=body)
    assert coded(resp) == [
        ("accepted", None),
        ("accepted", None),
        ("rejected", "wrong_fields"),
        ("rejected", "depends_on_refused"),
        ("rejected", "depends_on_refused"),
        ("accepted", None),
        ("accepted", None),
    ]
    receipts = resp.json()["receipts"]
    assert "colour" in receipts[2]["reason"]
    assert f"its finding {bad.id} was refused in this batch" in receipts[3]["reason"]
    counts = client.get("/v1/counts").json()
    assert counts == {"sites": 1, "inspections": 1, "findings": 1, "photos": 1}
    # The same batch id again: the same receipts, codes included; nothing stored twice.
    assert client.post(PUSH, json=body).json() == resp.json()
    assert client.get("/v1/counts").json() == counts


def test_a_record_waiting_for_its_parent_makes_what_hangs_from_it_wait(
    client: TestClient,
) -> None:
    _, insp, finding = site_chain()  # the site is not on the server
    resp = client.post(
        PUSH,
        json=batch(change("inspection", insp), change("photo", _photo(finding.id))),
    )
    assert coded(resp) == [("rejected", "parent_missing"), ("rejected", "parent_missing")]


def test_an_older_device_is_never_sent_the_code(client: TestClient) -> None:
    site, _, _ = site_chain()
    bad = change("site", {**site.model_dump(mode="json"), "colour": "red"})
    other, _, _ = site_chain()
    resp = client.post("/v1/push", json=batch(bad, change("site", other)))  # no ?codes
    assert resp.status_code == 200, resp.text
    # Protocol 1.1's receipt model: every field but code, unknown fields refused.
    fields = {n: (f.annotation, f) for n, f in Receipt.model_fields.items() if n != "code"}
    old_receipt = create_model("OldReceipt", __base__=Wire, **fields)  # type: ignore[call-overload]
    old = [old_receipt.model_validate(r) for r in resp.json()["receipts"]]
    assert [r.status.value for r in old] == ["rejected", "accepted"]
    assert "colour" in old[0].reason
    with pytest.raises(ValidationError):  # what the field would do to such a device
        old_receipt.model_validate({**resp.json()["receipts"][0], "code": "wrong_fields"})
    assert PushResponse.model_validate_json(resp.content).receipts[0].code is None


def test_a_batch_sent_in_any_order_lands_and_travels_parents_first(client: TestClient) -> None:
    day = test_poison_ingest.a_day()  # one good record of every kind, parents first
    resp = client.post(PUSH, json=batch(*reversed(day)))  # children before their parents
    assert coded(resp) == [("accepted", None)] * len(day)
    with client.app.state.server.engine.begin() as conn:  # type: ignore[attr-defined]
        _, token = auth.enroll(conn, name="同事", role=DeviceRole.GRID, jurisdiction="330106001")
    pulled = client.get("/v1/pull", headers={"Authorization": f"Bearer {token}"}).json()
    fed = [r["entity"] for r in pulled["records"] if r["entity"] != "key_attestation"]
    assert sorted(fed) == sorted(r["entity"] for r in day)
    first = {kind: fed.index(kind) for kind in fed}
    assert first["person"] < first["person_key"] < first["signature"]
    assert first["site"] < first["inspection"] < first["finding"] < first["photo"]
    assert first["finding"] < first["notice"] and first["item_result"] > first["inspection"]
