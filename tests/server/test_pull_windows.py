# SPDX-License-Identifier: Apache-2.0
"""The pull feed is read in windows of positions: a device whose records are few and far
between in a busy feed still gets every one of them, in order, and nothing twice."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import batch, change, site_chain
from fieldcheck.server import feed


def _pull_all(client: TestClient, headers: dict[str, str]) -> tuple[list[str], int]:
    ids: list[str] = []
    since, requests = 0, 0
    while True:
        page = client.get("/v1/pull", params={"since": since, "limit": 2}, headers=headers)
        assert page.status_code == 200, page.text
        body = page.json()
        assert body["cursor"] >= since
        ids += [r["entity_id"] for r in body["records"]]
        since, requests = body["cursor"], requests + 1
        if not body["more"]:
            return ids, requests
        assert requests < 100


def test_sparse_records_in_a_busy_feed_all_arrive(
    app_client: TestClient, token_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feed, "WINDOW", 4)  # positions per query
    monkeypatch.setattr(feed, "MAX_WINDOWS", 2)  # queries per request
    here, there = token_for(jurisdiction="330106001"), token_for(jurisdiction="330107001")
    mine = []
    for _ in range(5):
        for _other in range(3):  # another township's records in between: 3 x 3 positions
            site, insp, finding = site_chain("330107001")
            body = batch(
                change("site", site), change("inspection", insp), change("finding", finding)
            )
            assert app_client.post("/v1/push", json=body, headers=there).status_code == 200
        site, insp, finding = site_chain("330106001")
        body = batch(change("site", site), change("inspection", insp), change("finding", finding))
        assert app_client.post("/v1/push", json=body, headers=here).status_code == 200
        mine += [site.id, insp.id, finding.id]
    reader = token_for(jurisdiction="330106001")
    ids, requests = _pull_all(app_client, reader)
    assert ids == mine  # every one, in feed order, none twice
    assert requests > len(mine) // 2  # pages of 2, plus requests that only moved on
    again, _ = _pull_all(app_client, reader)
    assert again == mine
