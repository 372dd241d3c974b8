# SPDX-License-Identifier: Apache-2.0
"""Chaos: two devices sync through a proxy that drops, cuts, delays and repeats requests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from faultproxy import FaultProxy
from syncfix import assert_converged, live_server, make_field_data, server_heads

import fieldcheck.sync.client as client_mod
from fieldcheck.services.context import open_context
from fieldcheck.services.findings import ledger
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.storage import sync_blobs


def sync_until_settled(ctx: Any, runs: int = 40) -> int:
    """Sync again after every failed attempt, as a person on a weak link would."""
    for attempt in range(1, runs + 1):
        report = sync_service.sync(ctx)
        if report.ok and report.pending_after == 0:
            with ctx.db.read() as s:
                if not sync_blobs.blobs_to_send(s):
                    return attempt
    raise AssertionError(f"did not settle in {runs} syncs: {report.error}")


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_chaos_proxy_two_devices_converge_nothing_lost_nothing_duplicated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_mod, "BACKOFF", 0.01)
    monkeypatch.setattr(client_mod, "CHUNK", 64 * 1024)  # several ranges per photo
    with live_server(tmp_path / "srv") as server:
        port = int(server.url.rsplit(":", 1)[1])
        proxy = FaultProxy(port, seed=20261125)
        a = open_context(tmp_path / "a")
        b = open_context(tmp_path / "b")
        try:
            sync_service.login(a, proxy.url, server.enroll("grid", "330106001"))
            sync_service.login(b, proxy.url, server.enroll("grid", "330106"))
            make_field_data(
                a, "330106001", findings_n=4, photos_per_finding=2, photo_size=(320, 240)
            )
            make_field_data(
                b, "330106001", findings_n=3, photos_per_finding=1, photo_size=(320, 240)
            )
            proxy.enabled = True
            for _ in range(2):  # each side's news must travel both ways
                sync_until_settled(a)
                sync_until_settled(b)
            proxy.enabled = False
            faults = {k: v for k, v in proxy.seen.items() if k != "pass"}
            assert sum(faults.values()) >= 20, faults  # the link really was bad
            assert set(faults) == {"drop", "cut_request", "cut_response", "delay", "repeat"}
            assert_converged(server, a, b)
            heads = server_heads(server)
            assert sum(1 for k in heads if k[0] == "finding") == 7
            assert sum(1 for k in heads if k[0] == "photo") == 11
            for ctx in (a, b):
                c = ledger.counts(ctx)
                assert (c["findings"], c["photos"], c["unsynced"]["changes"]) == (7, 11, 0)
        finally:
            proxy.stop()
            a.close()
            b.close()
