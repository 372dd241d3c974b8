# SPDX-License-Identifier: Apache-2.0
"""One bad record never stops a device's push: the server refuses it alone, the device sets
it aside in 同步冲突 (its outbox rows kept), its later versions and what names it wait,
and everything else keeps syncing. Once the cause is gone a person sends it again.

The bad record is a finding whose outbox payload carries a field the server's wire model
has not got, as a newer app (or an edited database) would queue it.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from sqlmodel import select
from syncfix import LiveServer, make_field_data, server_heads

from fieldcheck.cli import main
from fieldcheck.core.canonical import canonical_json
from fieldcheck.core.errors import DomainError
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import changes
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.services.sync import sync_view
from fieldcheck.storage import outbox, quarantine, refused
from fieldcheck.storage.tables import OutboxRow
from fieldcheck.sync import wire

AREA = "330106001"


@pytest.fixture
def server(server_both: LiveServer) -> LiveServer:
    return server_both  # on SQLite and PostgreSQL


def newer_field(ctx: AppContext, entity_id: str) -> None:
    """Every queued version of this record gets a field this server does not know."""
    with ctx.db.transaction() as s:
        for row in s.exec(select(OutboxRow).where(OutboxRow.entity_id == entity_id)):
            row.payload_json = canonical_json({**json.loads(row.payload_json), "colour": "red"})
            s.add(row)


def refused_here(ctx: AppContext) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (c["entity"], c["entity_id"]): c
        for c in sync_view.conflicts(ctx)
        if c["source"] == refused.SOURCE
    }


def outbox_rows(ctx: AppContext, entity_id: str) -> list[tuple[str, Any]]:
    """(receipt, receipt_at) of each queued version of a record."""
    with ctx.db.read() as s:
        rows = s.exec(select(OutboxRow).where(OutboxRow.entity_id == entity_id))
        return [(str(r.receipt), r.receipt_at) for r in rows]


def test_a_refused_record_is_set_aside_and_the_rest_of_the_outbox_keeps_syncing(
    server: LiveServer,
    device_factory: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a = device_factory("a")
    field = make_field_data(a, AREA, findings_n=3, photos_per_finding=1)
    bad = field.finding_ids[1]
    newer_field(a, bad)
    report = sync_service.sync(a)
    assert report.ok, report  # nothing stopped: the refusal is for a person, not an error
    first = report.refused[0]
    assert (first["entity"], first["id"], first["code"]) == ("finding", bad, "wrong_fields")
    held = server_heads(server)
    assert ("finding", bad) not in held
    assert {("finding", f) for f in field.finding_ids if f != bad} <= set(held)
    assert sum(k[0] == "photo" for k in held) == 2  # the bad finding's photo waits
    aside = refused_here(a)
    assert aside[("finding", bad)]["local"][quarantine.CODE] == "wrong_fields"
    assert "colour" in aside[("finding", bad)]["local"][quarantine.REASON]
    # What the same batch refused with it (its events) is set aside beside it, by name.
    hangers = [k for k in aside if k != ("finding", bad)]
    assert hangers and all(
        aside[k]["local"][quarantine.CODE] == "depends_on_refused"
        and aside[k]["local"][refused.DEPENDS_ON] == f"finding {bad}"
        for k in hangers
    )
    # Never deleted: its outbox row stays, pending, with the refusal written on it.
    [(receipt, at)] = outbox_rows(a, bad)
    assert at is None and receipt.startswith("refused: wrong_fields: "), receipt

    # Later syncs go on: new work lands, the refused record and its later version wait.
    changes.edit_finding(a, bad, {"description": "灭火器失效（改）"}, actor_id=field.person_id)
    newer_field(a, bad)
    more = make_field_data(a, AREA, findings_n=1, photos_per_finding=1)
    again = sync_service.sync(a)
    assert again.ok and not again.refused, again
    assert ("finding", more.finding_ids[0]) in server_heads(server)
    assert ("finding", bad) not in server_heads(server)
    assert refused_here(a).keys() == aside.keys()

    capsys.readouterr()
    assert main(["--home", str(a.home.root), "sync-status", "--offline", "--all"]) == 0
    printed = capsys.readouterr().out
    # Each refused record listed as refused, with why; not as a conflict of two versions.
    assert f"finding        {bad}  服务器拒收：记录的内容不符合服务器的要求" in printed, printed
    assert "conflict (both versions kept)" not in printed, printed
    assert f"  records {sync_view.REFUSED:28} {len(aside)}\n" in printed, printed
    assert f"refused by the server, set aside: {len(aside)} (" in printed
    assert "wrong_fields 1" in printed, printed
    conflict = aside[("finding", bad)]["id"]
    assert (
        f"拒收 {conflict}：隐患记录 {bad}：服务器拒收：记录的内容不符合服务器的要求" in printed
    ), printed

    with pytest.raises(DomainError, match="holds no version"):
        sync_view.resolve_conflict(a, conflict, "server", actor_id=field.person_id)
    # The server upgraded: it knows the field now. A person sends the record again.
    reading = wire.from_wire

    def newer_server(entity: Any, content: dict[str, Any], text: str | None = None) -> Any:
        return reading(entity, {k: v for k, v in content.items() if k != "colour"}, None)

    monkeypatch.setattr(wire, "from_wire", newer_server)
    argv = ["--home", str(a.home.root), "sync-send-again", conflict, "--by", field.person_id]
    assert main(argv) == 0  # 重新发送, from the command line
    assert not refused_here(a)  # what hung from it goes with it
    last = sync_service.sync(a)
    assert last.ok and not last.refused and not last.rejected, last
    assert ("finding", bad) in server_heads(server)
    assert sum(k[0] == "photo" for k in server_heads(server)) == 4
    with a.db.read() as s:
        assert outbox.pending_count(s) == 0


class _Pushes(httpx.HTTPTransport):
    """Notes every record each push carries."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[dict[str, Any]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == "/v1/push":
            self.sent += json.loads(request.content)["changes"]
        return super().handle_request(request)


def test_what_names_a_refused_record_waits_though_its_batch_was_made_meanwhile(
    server: LiveServer, device_factory: Any
) -> None:
    """The next batch is made while one is at the server (sync_push.Pusher): a record in
    it that names a record the server then refuses is not sent, as if made after."""
    a = device_factory("a")
    field = make_field_data(a, AREA, findings_n=2, photos_per_finding=0)
    bad = field.finding_ids[0]
    newer_field(a, bad)
    watch = _Pushes()
    report = sync_service.sync(a, transport=watch, batch_size=1)  # one record a batch
    naming = [c for c in watch.sent if c["content"].get("finding_id") == bad]
    assert [c["entity_id"] for c in watch.sent].count(bad) == 1 and naming == []
    assert report.held_back >= 1 and ("finding", bad) in refused_here(a)
    assert ("finding", field.finding_ids[1]) in server_heads(server)  # the rest synced
