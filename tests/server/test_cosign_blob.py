# SPDX-License-Identifier: Apache-2.0
"""A co-sign signature carries the site's acknowledgement; its handwriting travels as a blob."""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi.testclient import TestClient

from conftest import NOW, PUSH, Signer, batch, change, coded, site_chain


def _co_sign(signer: Signer, finding_id: str, handwriting: str) -> dict[str, Any]:
    sig_id = finding_id[:-4] + "5151"
    ack = {
        "id": finding_id[:-4] + "acac",
        "finding_id": finding_id,
        "outcome": "signed",
        "site_rep_name": "赵强",
        "handwriting_sha256": handwriting,
        "signature_id": sig_id,
        # Who recorded it and when: a device always sends them (sync/wire.py SiteAckV1).
        "recorded_by": signer.person.id,
        "recorded_at": NOW.isoformat(),
    }
    return {**signer.sign(finding_id, site_ack=ack), "id": sig_id}


def test_co_sign_needs_its_handwriting_uploaded_and_shares_it_in_scope(
    app_client: TestClient, token_for: Any
) -> None:
    h = token_for()
    site, insp, finding = site_chain(major=True)
    png = b"\x89PNG handwriting"
    sha = hashlib.sha256(png).hexdigest()
    signer = Signer()
    sig = _co_sign(signer, finding.id, sha)
    body = batch(
        *signer.records(),
        change("site", site),
        change("inspection", insp),
        change("finding", finding),
        change("signature", sig),
    )
    receipt = app_client.post("/v1/push", json=body, headers=h).json()["receipts"][5]
    assert receipt["status"] == "rejected" and "not been uploaded yet" in receipt["reason"]
    rng = f"bytes 0-{len(png) - 1}/{len(png)}"
    app_client.put(f"/v1/blobs/{sha}", content=png, headers={**h, "Content-Range": rng})
    again = app_client.post("/v1/push", json=batch(change("signature", sig)), headers=h)
    assert again.json()["receipts"][0]["status"] == "accepted"
    # Another device of the grid may fetch it through the signature; another county may not.
    colleague, stranger = token_for(), token_for(jurisdiction="330107001")
    assert app_client.get(f"/v1/blobs/{sha}", headers=colleague).content == png
    assert app_client.get(f"/v1/blobs/{sha}", headers=stranger).status_code == 404


def test_site_ack_with_a_malformed_image_hash_is_refused(
    app_client: TestClient, token_for: Any
) -> None:
    h = token_for()
    site, _, finding = site_chain(major=True)
    sig = _co_sign(Signer(), finding.id, "not-a-hash")
    body = batch(change("site", site), change("finding", finding), change("signature", sig))
    resp = app_client.post(PUSH, json=body, headers=h)
    assert coded(resp)[2] == ("rejected", "wrong_fields")
    assert "site_ack.handwriting_sha256" in resp.json()["receipts"][2]["reason"]
