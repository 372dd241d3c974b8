# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck-server attest-keys`: keys the server accepted before it attested keys get
the county's attestation, on the pull feed, and their signatures are then accepted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_postgres import pg_url  # noqa: F401 - the PostgreSQL fixture

from conftest import Signer, batch, change, site_chain
from fieldcheck.server import auth
from fieldcheck.server.app import create_app
from fieldcheck.server.cli import main as server_cli
from fieldcheck.server.ingest import apply_push
from fieldcheck.signing import attestation
from fieldcheck.sync.protocol import DeviceRole, PushRequest


@pytest.fixture(params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[TestClient, list[str]]]:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    app = create_app(tmp_path / "srv", url)
    where = ["--data", str(tmp_path / "srv"), *(["--db", url] if url else [])]
    with TestClient(app) as c:
        yield c, where
    app.state.server.engine.dispose()


def _enroll(client: TestClient, role: str, jurisdiction: str) -> tuple[auth.Device, Any]:
    with client.app.state.server.engine.begin() as conn:  # type: ignore[attr-defined]
        device, token = auth.enroll(
            conn, name="测试", role=DeviceRole(role), jurisdiction=jurisdiction
        )
    return device, {"Authorization": f"Bearer {token}"}


def _held_before_attestation(client: TestClient, signer: Signer, device: auth.Device) -> None:
    """The person and key as a server without attestation took them: straight to ingest."""
    request = PushRequest.model_validate(batch(*signer.records()))
    with client.app.state.server.engine.begin() as conn:  # type: ignore[attr-defined]
        receipts = apply_push(conn, device, request).receipts
    assert [r.status.value for r in receipts] == ["accepted", "accepted"]


def _attestations(client: TestClient, headers: Any) -> list[dict[str, Any]]:
    pulled = client.get("/v1/pull", headers=headers).json()["records"]
    return [r["content"] for r in pulled if r["entity"] == "key_attestation"]


def _signed_push(client: TestClient, headers: Any, signer: Signer) -> list[dict[str, Any]]:
    site, insp, finding = site_chain()
    body = batch(
        change("site", site),
        change("inspection", insp),
        change("finding", finding),
        change("signature", signer.sign(finding.id)),
    )
    resp = client.post("/v1/push", json=body, headers=headers)
    assert resp.status_code == 200, resp.text
    return list(resp.json()["receipts"])


def test_a_key_held_without_attestation_is_listed_then_attested(
    world: tuple[TestClient, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    client, where = world
    device, headers = _enroll(client, "grid", "330106001")
    grid_person = Signer()
    _held_before_attestation(client, grid_person, device)
    key_id = grid_person.key["id"]
    before = _signed_push(client, headers, grid_person)
    assert any("has no attestation" in r["reason"] for r in before), before

    assert server_cli([*where, "attest-keys"]) == 0  # no key named: only the list
    listed = capsys.readouterr().out
    assert key_id in listed and "(grid, 330106001)" in listed and device.id in listed
    assert "1 key(s) without attestation" in listed
    assert _attestations(client, headers) == []

    assert server_cli([*where, "attest-keys", "not-a-key"]) == 1
    assert "not a held key without attestation: not-a-key" in capsys.readouterr().err
    assert _attestations(client, headers) == []

    assert server_cli([*where, "attest-keys", key_id]) == 0
    assert f"key {key_id}: attested" in capsys.readouterr().out
    [att] = _attestations(client, headers)
    parsed = attestation.KeyAttestation.from_content(att)
    me = client.get("/v1/me", headers=headers).json()
    assert attestation.problem(parsed, me["server_key_b64"]) is None
    assert (parsed.key_id, parsed.person_id, parsed.role, parsed.device_id) == (
        key_id,
        grid_person.person.id,
        "grid",
        device.id,
    )
    assert parsed.valid_from.startswith("2026-01-01T00:00:00")
    after = _signed_push(client, headers, grid_person)
    assert {r["status"] for r in after} == {"accepted"}, [r["reason"] for r in after]

    assert server_cli([*where, "attest-keys", "--all"]) == 0
    assert "0 key(s) without attestation" in capsys.readouterr().out
    assert len(_attestations(client, headers)) == 1


def test_a_second_live_key_of_one_person_from_another_device_is_not_attested(
    world: tuple[TestClient, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    client, where = world
    first, headers = _enroll(client, "grid", "330106001")
    person = Signer()
    resp = client.post("/v1/push", json=batch(*person.records()), headers=headers)
    assert {r["status"] for r in resp.json()["receipts"]} == {"accepted"}  # attested at ingest
    second, _ = _enroll(client, "grid", "330106001")
    other = Signer()
    other.person, other.key = person.person, {**other.key, "person_id": person.person.id}
    request = PushRequest.model_validate(batch(change("person_key", other.key)))
    with client.app.state.server.engine.begin() as conn:  # type: ignore[attr-defined]
        assert apply_push(conn, second, request).receipts[0].status.value == "accepted"
    assert server_cli([*where, "attest-keys", other.key["id"]]) == 1
    err = capsys.readouterr().err
    assert f"already holds key {person.key['id']} from device {first.id}" in err
    assert [a["key_id"] for a in _attestations(client, headers)] == [person.key["id"]]
