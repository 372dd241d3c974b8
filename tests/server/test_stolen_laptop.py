# SPDX-License-Identifier: Apache-2.0
"""A stolen laptop: `fieldcheck-server revoke DEVICE --keys-from TIME` refuses its
credential and revokes the keys of the people enrolled on it from TIME, attested on the
pull feed. Signatures made before TIME stay valid; later ones are refused at ingest."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_attest_held import _attestations, _enroll, world  # noqa: F401 - the fixture
from test_postgres import pg_url  # noqa: F401 - the PostgreSQL fixture

from conftest import NOW, Signer, batch, change, site_chain
from fieldcheck.server.cli import main as server_cli
from fieldcheck.signing import attestation

World = tuple[TestClient, list[str]]


def _push(client: TestClient, headers: Any, *changes: dict[str, Any]) -> list[dict[str, Any]]:
    resp = client.post("/v1/push", json=batch(*changes), headers=headers)
    assert resp.status_code == 200, resp.text
    return list(resp.json()["receipts"])


def test_the_county_revokes_a_stolen_laptops_keys_from_the_time_it_was_lost(
    world: World,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    client, where = world
    stolen, stolen_headers = _enroll(client, "grid", "330106001")
    _, other_headers = _enroll(client, "grid", "330106001")
    person = Signer()
    assert {r["status"] for r in _push(client, stolen_headers, *person.records())} == {"accepted"}
    site, insp, finding = site_chain()
    before = person.sign(finding.id, at=NOW)  # signed before the laptop was lost
    records = [change("site", site), change("inspection", insp), change("finding", finding)]
    got = _push(client, stolen_headers, *records, change("signature", before))
    assert {r["status"] for r in got} == {"accepted"}

    # Lost at 11:00 China time (03:00 UTC), an hour after NOW.
    assert server_cli([*where, "revoke", stolen.id, "--keys-from", "2026-03-01T11:00"]) == 0
    out = capsys.readouterr().out
    assert f"device {stolen.id}: credential revoked" in out
    assert f"key {person.key['id']} of {person.person.id} (grid): revoked for signatures " in out
    assert "from 2026-03-01T03:00:00.000000Z on" in out
    assert client.get("/v1/me", headers=stolen_headers).status_code == 401

    *_, att = [a for a in _attestations(client, other_headers) if a["key_id"] == person.key["id"]]
    parsed = attestation.KeyAttestation.from_content(att)
    pinned = client.get("/v1/me", headers=other_headers).json()["server_key_b64"]
    assert attestation.problem(parsed, pinned) is None  # the server's word, signed again
    assert parsed.revoked_from == "2026-03-01T03:00:00.000000Z"
    tampered = attestation.KeyAttestation.from_content({**att, "revoked_from": None})
    assert attestation.problem(tampered, pinned) is not None  # cannot be un-revoked in transit

    late = person.sign(finding.id, at=NOW + timedelta(hours=2))  # the thief, with the passphrase
    [receipt] = _push(client, other_headers, change("signature", late))
    assert receipt["status"] == "rejected"
    assert "made after the county revoked key" in receipt["reason"], receipt
    earlier = person.sign(finding.id, at=NOW + timedelta(minutes=30))
    assert [r["status"] for r in _push(client, other_headers, change("signature", earlier))] == [
        "accepted"
    ]

    # The person enrols a new key on their replacement laptop: the revoked key is no
    # longer live, so it is not "already held" elsewhere, and the new one replaces it.
    _, new_headers = _enroll(client, "grid", "330106001")
    again = Signer()
    again.person, again.key = person.person, {**again.key, "person_id": person.person.id}
    [receipt] = _push(client, new_headers, change("person_key", again.key))
    assert receipt["status"] == "accepted", receipt
    [new_att] = [a for a in _attestations(client, new_headers) if a["key_id"] == again.key["id"]]
    assert new_att["replaces"] == person.key["id"]

    # Revoking again from a later time never moves the revocation later.
    assert server_cli([*where, "revoke", stolen.id, "--keys-from", "2026-03-02T00:00+08:00"]) == 0
    *_, att = [a for a in _attestations(client, other_headers) if a["key_id"] == person.key["id"]]
    assert att["revoked_from"] == "2026-03-01T03:00:00.000000Z"


def test_revoke_without_keys_from_leaves_the_keys_and_a_bad_time_is_named(
    capsys: pytest.CaptureFixture[str],
    world: World,  # noqa: F811
) -> None:
    client, where = world
    person = Signer()
    device, headers = _enroll(client, "grid", "330106001")
    _push(client, headers, *person.records())
    assert server_cli([*where, "revoke", device.id, "--keys-from", "yesterday"]) == 1
    assert "--keys-from 'yesterday': give an ISO time" in capsys.readouterr().err
    assert client.get("/v1/me", headers=headers).status_code == 200  # nothing was done
    assert server_cli([*where, "revoke", device.id]) == 0
    _, other = _enroll(client, "grid", "330106001")
    [att] = _attestations(client, other)
    assert "revoked_from" not in att  # the device only, as before
