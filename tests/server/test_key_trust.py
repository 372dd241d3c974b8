# SPDX-License-Identifier: Apache-2.0
"""The server is the root of trust for people's keys: forged keys and signatures are refused.

Each attack from the adversarial pass, pushed by an enrolled device, on SQLite and on
PostgreSQL: the forged record is refused with a receipt saying why (as a code too), so is
whatever hangs from it, and the rest of its batch lands.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_postgres import pg_url  # noqa: F401 - the PostgreSQL fixture

from conftest import PUSH, Signer, batch, change, site_chain
from fieldcheck.server import auth
from fieldcheck.server.app import create_app
from fieldcheck.signing import attestation
from fieldcheck.sync.protocol import DeviceRole


@pytest.fixture(params=["sqlite", "postgresql"])
def client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    app = create_app(tmp_path / "srv", url)
    with TestClient(app) as c:
        yield c
    app.state.server.engine.dispose()


def _token(client: TestClient, role: str = "grid", jurisdiction: str = "330106001") -> Any:
    with client.app.state.server.engine.begin() as conn:  # type: ignore[attr-defined]
        _, token = auth.enroll(conn, name="测试", role=DeviceRole(role), jurisdiction=jurisdiction)
    return {"Authorization": f"Bearer {token}"}


def _push(client: TestClient, headers: Any, *changes: dict[str, Any]) -> list[dict[str, Any]]:
    resp = client.post(PUSH, json=batch(*changes), headers=headers)
    assert resp.status_code == 200, resp.text
    return list(resp.json()["receipts"])


def _refused(receipts: list[dict[str, Any]], words: str) -> list[tuple[str, str | None]]:
    """The one record refused for these words, with a code; (status, code) of each."""
    why = next(r for r in receipts if words in r["reason"])
    assert why["status"] == "rejected" and why["code"] in {"key_refused", "signature_refused"}
    return [(r["status"], r["code"]) for r in receipts]


def _expert_registered(client: TestClient) -> Signer:
    expert = Signer(role="expert", jurisdiction="330106")
    receipts = _push(client, _token(client, "expert", "330106"), *expert.records())
    assert [r["status"] for r in receipts] == ["accepted", "accepted"]
    return expert


def test_the_server_attests_a_key_from_the_persons_own_device(client: TestClient) -> None:
    expert = _expert_registered(client)
    me = client.get("/v1/me", headers=_token(client)).json()
    pulled = client.get("/v1/pull", headers=_token(client)).json()["records"]
    [att] = [r["content"] for r in pulled if r["entity"] == "key_attestation"]
    parsed = attestation.KeyAttestation.from_content(att)
    assert attestation.problem(parsed, me["server_key_b64"]) is None
    assert (parsed.key_id, parsed.person_id, parsed.role) == (
        expert.key["id"],
        expert.person.id,
        "expert",
    )
    # A device cannot push an attestation of its own.
    resp = client.post(PUSH, json=batch(change("key_attestation", att)), headers=_token(client))
    assert [(r["status"], r["code"]) for r in resp.json()["receipts"]] == [
        ("rejected", "role_forbidden")
    ]


def test_a_grid_device_cannot_register_a_key_for_an_expert(client: TestClient) -> None:
    fake = Signer(role="expert")
    site, insp, finding = site_chain(major=True)
    body = [*fake.records(), change("site", site), change("inspection", insp)]
    body += [change("finding", finding), change("signature", fake.sign(finding.id))]
    # The key refused, the signature made with it too; the person and the finding land.
    assert _refused(_push(client, _token(client), *body), "may register keys only for a grid") == [
        ("accepted", None),
        ("rejected", "key_refused"),
        *[("accepted", None)] * 3,
        ("rejected", "depends_on_refused"),
    ]


def test_a_grid_key_cannot_sign_as_an_expert(client: TestClient) -> None:
    grid, headers = Signer(), _token(client)
    site, insp, finding = site_chain(major=True)
    forged = grid.sign(finding.id, purpose="confirm", role="expert")
    body = [*grid.records(), change("site", site), change("inspection", insp)]
    body += [change("finding", finding), change("signature", forged)]
    statuses = _refused(_push(client, headers, *body), "is attested for a grid")
    assert statuses == [("accepted", None)] * 5 + [("rejected", "signature_refused")]
    pulled = client.get("/v1/pull", headers=_token(client)).json()["records"]
    assert "signature" not in {r["entity"] for r in pulled}  # the forgery is nowhere


def test_a_garbage_signature_is_refused(client: TestClient) -> None:
    grid, headers = Signer(), _token(client)
    site, insp, finding = site_chain()
    bad = {**grid.sign(finding.id), "signature_b64": "c2lnbmF0dXJl"}
    body = [*grid.records(), change("site", site), change("inspection", insp)]
    body.append(change("finding", finding))
    statuses = _refused(_push(client, headers, *body, change("signature", bad)), "does not verify")
    assert statuses[-1] == ("rejected", "signature_refused")
    assert {s for s, _ in statuses[:-1]} == {"accepted"}


def test_a_signature_with_an_unattested_key_is_refused(client: TestClient) -> None:
    grid = Signer()
    site, insp, finding = site_chain()
    body = [
        change("site", site),
        change("inspection", insp),
        change("finding", finding),
        change("signature", grid.sign(finding.id)),
    ]
    statuses = _refused(_push(client, _token(client), *body), "has no attestation")
    assert statuses == [("accepted", None)] * 3 + [("rejected", "signature_refused")]


def test_the_experts_key_cannot_be_replaced(client: TestClient) -> None:
    expert = _expert_registered(client)
    # 1. a new version of the key record with another public half
    other = Signer(role="expert", jurisdiction="330106")
    swapped = {**expert.key, "public_key_b64": other.key["public_key_b64"]}
    grid = _token(client, "expert", "330106")
    _refused(_push(client, grid, change("person_key", swapped)), "never replaced")
    # 2. a second key for the expert from another device while theirs is active
    second = {**other.key, "person_id": expert.person.id}
    _refused(_push(client, grid, change("person_key", second)), "registered by another device")
    # 3. their genuine signature still verifies at ingest
    site, insp, finding = site_chain(jurisdiction="330106001", major=True)
    field = _token(client)
    assert {
        r["status"]
        for r in _push(
            client,
            field,
            change("site", site),
            change("inspection", insp),
            change("finding", finding),
        )
    } == {"accepted"}
    confirm = expert.sign(finding.id, purpose="confirm")
    assert (
        _push(client, _token(client, "expert", "330106"), change("signature", confirm))[0]["status"]
        != "rejected"
    )


def test_a_key_valid_from_the_future_is_refused(client: TestClient) -> None:
    grid = Signer()
    grid.key["created_at"] = "2099-01-01T00:00:00+00:00"
    statuses = _refused(_push(client, _token(client), *grid.records()), "ahead of the server's")
    assert statuses == [("accepted", None), ("rejected", "key_refused")]
