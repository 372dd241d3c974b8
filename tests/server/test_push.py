# SPDX-License-Identifier: Apache-2.0
"""Push: receipts, idempotency, conflicts, jurisdiction and roles."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from conftest import PUSH, batch, change, coded, site_chain
from fieldcheck.core.loop import Status
from fieldcheck.sync.protocol import content_sha256


def statuses(resp: Any) -> list[str]:
    assert resp.status_code == 200, resp.text
    return [r["status"] for r in resp.json()["receipts"]]


def counts(client: TestClient, headers: dict[str, str]) -> dict[str, int]:
    return client.get("/v1/counts", headers=headers).json()


def test_push_apply_batch_twice_gets_the_same_receipts(
    app_client: TestClient, token_for: Any
) -> None:
    h = token_for()
    site, insp, finding = site_chain()
    body = batch(change("site", site), change("inspection", insp), change("finding", finding))
    first = app_client.post("/v1/push", json=body, headers=h)
    assert statuses(first) == ["accepted"] * 3
    again = app_client.post("/v1/push", json=body, headers=h)
    assert again.json() == first.json()
    assert counts(app_client, h) == {"sites": 1, "inspections": 1, "findings": 1, "photos": 0}
    # The same records in a new batch are duplicates, and nothing changes.
    body2 = batch(change("site", site), change("finding", finding))
    assert statuses(app_client.post("/v1/push", json=body2, headers=h)) == ["duplicate"] * 2


def test_batch_id_reused_with_other_content_is_refused(
    app_client: TestClient, token_for: Any
) -> None:
    h = token_for()
    site, _, _ = site_chain()
    body = batch(change("site", site))
    app_client.post("/v1/push", json=body, headers=h)
    body["changes"] = [change("site", site.model_copy(update={"name": "改名"}))]
    resp = app_client.post("/v1/push", json=body, headers=h)
    assert resp.status_code == 409 and "already received" in resp.json()["detail"]


def test_same_id_different_content_is_a_conflict_never_an_overwrite(
    app_client: TestClient, token_for: Any
) -> None:
    h = token_for()
    site, _, _ = site_chain()
    v1 = change("site", site)
    app_client.post("/v1/push", json=batch(v1), headers=h)
    edited = change("site", site.model_copy(update={"contact_name": "李四"}))  # no base
    resp = app_client.post("/v1/push", json=batch(edited), headers=h)
    [receipt] = resp.json()["receipts"]
    assert receipt["status"] == "conflict"
    assert receipt["server_sha256"] == v1["sha256"]
    assert receipt["server_content"]["contact_name"] == ""
    held = app_client.post(
        "/v1/held", json={"records": [{"entity": "site", "entity_id": site.id}]}, headers=h
    ).json()["records"][0]
    assert (held["sha256"], held["versions"], held["conflicts"]) == (v1["sha256"], 2, 1)
    # Made from the current version, the same edit is accepted.
    edited["base_sha256"] = v1["sha256"]
    assert statuses(app_client.post("/v1/push", json=batch(edited), headers=h)) == ["accepted"]


def test_a_record_back_at_an_earlier_content_becomes_current_again(
    app_client: TestClient, token_for: Any
) -> None:
    """已销号 → 回头看 → 已销号 (未反弹): the third version is byte for byte the first."""
    h = token_for()
    site, insp, finding = site_chain()
    closed = change("finding", finding.model_copy(update={"status": Status.CLOSED}))
    app_client.post(
        "/v1/push", json=batch(change("site", site), change("inspection", insp), closed), headers=h
    )
    revisit = change("finding", finding.model_copy(update={"status": Status.REVISIT}))
    revisit["base_sha256"] = closed["sha256"]
    assert statuses(app_client.post("/v1/push", json=batch(revisit), headers=h)) == ["accepted"]
    again = dict(closed, base_sha256=revisit["sha256"])
    [receipt] = app_client.post("/v1/push", json=batch(again), headers=h).json()["receipts"]
    assert (receipt["status"], receipt["server_sha256"]) == ("accepted", closed["sha256"])
    held = app_client.post(
        "/v1/held", json={"records": [{"entity": "finding", "entity_id": finding.id}]}, headers=h
    ).json()["records"][0]
    assert (held["sha256"], held["versions"]) == (closed["sha256"], 2)
    # Sent once more (a lost receipt), it is a duplicate; an old base is still a duplicate.
    assert statuses(app_client.post("/v1/push", json=batch(again), headers=h)) == ["duplicate"]
    stale = dict(closed, base_sha256=None)
    assert statuses(app_client.post("/v1/push", json=batch(stale), headers=h)) == ["duplicate"]


def test_events_never_change_even_with_a_base(app_client: TestClient, token_for: Any) -> None:
    h = token_for()
    site, insp, finding = site_chain()
    event = {
        "id": finding.id[:-4] + "0000",
        "finding_id": finding.id,
        "action": "record",
        "from_status": None,
        "to_status": "found",
        "actor_id": finding.found_by,
        "at": "2026-03-01T02:00:00Z",
        "note": "",
        "deadline": None,
    }
    ev1 = change("finding_event", event)
    app_client.post(
        "/v1/push",
        json=batch(
            change("site", site), change("inspection", insp), change("finding", finding), ev1
        ),
        headers=h,
    )
    ev2 = change("finding_event", {**event, "note": "篡改"}, base=ev1["sha256"])
    assert statuses(app_client.post("/v1/push", json=batch(ev2), headers=h)) == ["conflict"]


def test_an_id_from_another_jurisdiction_is_refused_and_nothing_of_it_stored(
    app_client: TestClient, token_for: Any
) -> None:
    mine, theirs = token_for(jurisdiction="330106001"), token_for(jurisdiction="330106002")
    site, insp, _ = site_chain("330106001")
    app_client.post("/v1/push", json=batch(change("site", site)), headers=mine)
    other_site, _, _ = site_chain("330106002")
    resp = app_client.post(
        PUSH,
        json=batch(change("site", other_site), change("inspection", insp)),
        headers=theirs,
    )
    # Each record on its own: the site is theirs; the inspection hangs from another's site.
    assert coded(resp) == [("accepted", None), ("rejected", "outside_jurisdiction")]
    assert "outside this device's 330106002" in resp.json()["receipts"][1]["reason"]
    assert counts(app_client, mine) == {"sites": 1, "inspections": 0, "findings": 0, "photos": 0}
    assert counts(app_client, theirs)["sites"] == 1  # their own site landed


def test_experts_see_only_major_hazards(app_client: TestClient, token_for: Any) -> None:
    grid, expert = token_for(), token_for(role="expert", jurisdiction="330106")
    site, insp, general = site_chain()
    _, _, major = site_chain(major=True)
    major = major.model_copy(update={"site_id": site.id, "inspection_id": insp.id})
    app_client.post(
        "/v1/push",
        json=batch(
            change("site", site),
            change("inspection", insp),
            change("finding", general),
            change("finding", major),
        ),
        headers=grid,
    )
    got = {r["entity_id"] for r in app_client.get("/v1/pull", headers=expert).json()["records"]}
    assert major.id in got and general.id not in got and site.id in got
    resp = app_client.post(
        PUSH,
        json=batch(change("site", site.model_copy(update={"name": "x"}))),
        headers=expert,
    )
    assert coded(resp) == [("rejected", "role_forbidden")]


def test_child_before_parent_is_rejected_and_kept_pending(
    app_client: TestClient, token_for: Any
) -> None:
    h = token_for()
    _, insp, _ = site_chain()
    [receipt] = app_client.post(
        "/v1/push", json=batch(change("inspection", insp)), headers=h
    ).json()["receipts"]
    assert receipt["status"] == "rejected" and "not on the server yet" in receipt["reason"]


def test_malformed_record_is_refused_with_where_and_what(
    app_client: TestClient, token_for: Any
) -> None:
    h = token_for()
    site, _, _ = site_chain()
    bad = change("site", {**site.model_dump(mode="json"), "uscc": "123"})
    resp = app_client.post(PUSH, json=batch(bad), headers=h)
    assert coded(resp) == [("rejected", "wrong_fields")]
    assert "changes[0] (site" in resp.json()["receipts"][0]["reason"]
    lying = change("site", site)
    lying["sha256"] = content_sha256({"x": 1})
    resp = app_client.post(PUSH, json=batch(lying), headers=h)
    assert coded(resp) == [("rejected", "hash_mismatch")]
    assert "does not match" in resp.json()["receipts"][0]["reason"]
