# SPDX-License-Identifier: Apache-2.0
"""A poisoned record of every kind is set aside by name on pull while the rest syncs.

The poison is held by a real server the way one from before its ingest checks held it
(written straight into its tables), or spliced into a real /v1/pull answer by a stub
in front of the server (pages the server itself now never sends: 300 and 5000 levels
deep, a lone surrogate, an unknown kind, a record that is not an object, an id override).
A taken document number reads as one both ways: pushed, refused by the server and set
aside; pulled, set aside as a duplicate. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import base64
import json
import os
import re
from typing import Any

import httpx
import pytest
from sqlmodel import select
from syncfix import LiveServer, hold, make_field_data
from test_copied_home import _issue_record as issue_record
from test_signed_records import _confirmed_and_site_signed as confirmed_and_site_signed

from fieldcheck.cli import main
from fieldcheck.core import clock
from fieldcheck.core.canonical import canonical_json
from fieldcheck.core.errors import DomainError
from fieldcheck.core.ids import new_id
from fieldcheck.server.tables import VERSION
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import ledger
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.services.sync import sync_view
from fieldcheck.storage import quarantine, refused
from fieldcheck.storage.signing_tables import SiteAckRow
from fieldcheck.storage.sync_tables import KeyAttestationRow
from fieldcheck.storage.tables import NoticeRow, OutboxRow, PhotoRow, SignatureRow
from fieldcheck.sync.protocol import Entity, content_sha256

AREA = "330106001"


@pytest.fixture
def server(server_both: LiveServer) -> LiveServer:
    return server_both  # every test here on SQLite and PostgreSQL


SURROGATE = ', "x": "\\ud800"}'  # a lone surrogate, as JSON text carries it


def held_contents(server: LiveServer) -> dict[str, dict[str, Any]]:
    """One current content per kind the server holds (the field data's)."""
    engine = server.app.state.server.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        rows = conn.execute(VERSION.select()).all()
    return {r.entity: json.loads(r.content_json) for r in rows}


def set_aside(ctx: AppContext) -> dict[tuple[str, str], str]:
    """(kind, id) -> the reason, of every pulled record set aside on this device."""
    return {
        (c["entity"], c["entity_id"]): c["local"][quarantine.REASON]
        for c in sync_view.conflicts(ctx)
        if c["source"] == quarantine.SOURCE
    }


def codes(ctx: AppContext) -> dict[tuple[str, str], str]:
    """(kind, id) -> the stable reason code, of every pulled record set aside here."""
    return {
        (c["entity"], c["entity_id"]): c["local"][quarantine.CODE]
        for c in sync_view.conflicts(ctx)
        if c["source"] == quarantine.SOURCE
    }


class SplicingStub(httpx.BaseTransport):
    """In front of the real server: its answers to the first page asked for (every time it
    is asked again, as a server holding the poison would) get ``poison`` spliced in."""

    def __init__(self, poison: list[str]) -> None:
        self.inner = httpx.HTTPTransport()
        self.poison = poison
        self.first: str | None = None
        self.spliced = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        resp = self.inner.handle_request(request)
        if request.url.path != "/v1/pull":
            return resp
        since = request.url.params.get("since", "")
        self.first = since if self.first is None else self.first
        if since != self.first:
            return resp
        resp.read()
        extra = ",".join(self.poison) + ","
        found = re.search(rb'"records":\s*\[', resp.content)
        assert found is not None
        body = resp.content[: found.end()] + extra.encode() + resp.content[found.end() :]
        self.spliced += 1
        return httpx.Response(
            resp.status_code, content=body, headers={"content-type": "application/json"}
        )


def _record(seq: int, entity: str, ident: str, content: str) -> str:
    head = json.dumps({"seq": seq, "entity": entity, "entity_id": ident, "sha256": "0" * 64})
    return head[:-1] + f', "content": {content}}}'


def test_pages_of_unreadable_records_set_each_aside_and_the_rest_syncs(
    server: LiveServer, device_factory: Any, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = device_factory("a"), device_factory("b")
    make_field_data(a, AREA, findings_n=3, photos_per_finding=1)
    assert sync_service.sync(a).ok
    site = held_contents(server)["site"]
    ids = {k: new_id() for k in ("d300", "d5000", "sur", "kind", "over")}
    poison = [
        _record(1, "site", ids["d300"], '{"a":' * 300 + "1" + "}" * 300),
        _record(2, "site", ids["d5000"], "[" * 5000 + "]" * 5000),
        _record(
            3, "site", ids["sur"], json.dumps({**site, "id": ids["sur"]})[:-1] + ', "x": "\\ud800"}'
        ),
        _record(4, "hazard_map", ids["kind"], json.dumps({"id": ids["kind"]})),
        '"not a record"',
        _record(6, "site", ids["over"], json.dumps({**site, "id": site["id"], "name": "改名"})),
    ]
    stub = SplicingStub(poison)
    report = sync_service.sync(b, transport=stub)
    assert stub.spliced == 1
    assert report.ok and report.quarantined == 6, report
    assert ledger.counts(b) == ledger.counts(a)  # every other record of the page applied
    aside = set_aside(b)
    assert "nested 300 levels deep (at most 64)" in aside[("site", ids["d300"])]
    assert "nested 5000 levels deep" in aside[("site", ids["d5000"])]
    assert "lone surrogate" in aside[("site", ids["sur"])]
    assert "unknown kind 'hazard_map'" in aside[("hazard_map", ids["kind"])]
    assert "not an object" in aside[("unknown", "record 5 of the page")]
    assert "overrides the record's id" in aside[("site", ids["over"])]
    assert sites_named(b, site["id"]) == site["name"]  # the override changed nothing
    assert codes(b) == {
        ("site", ids["d300"]): "too_deep",
        ("site", ids["d5000"]): "too_deep",
        ("site", ids["sur"]): "lone_surrogate",
        ("hazard_map", ids["kind"]): "unknown_kind",
        ("unknown", "record 5 of the page"): "not_object",
        ("site", ids["over"]): "id_override",
    }
    again = sync_service.sync(b)
    assert again.ok and again.quarantined == 0 and set_aside(b) == aside  # kept, not retried
    capsys.readouterr()
    assert main(["--home", str(b.home.root), "sync-status", "--offline"]) == 0
    printed = capsys.readouterr().out
    for reason in aside.values():  # the English detail, after the plain words
        assert f"（详情：{reason}）" in printed
    deep = f"已搁置 {_conflict_id(b, ids['d300'])}：单位记录 {ids['d300']}：记录嵌套超过 64 层"
    assert deep + "，已搁置。其余记录已照常同步。" in printed, printed
    assert f"未知类型的记录 {ids['kind']}：本机不认识这种记录" in printed
    assert f"单位记录 {ids['over']}：记录内容里的编号和记录本身的编号不一致" in printed


def _conflict_id(ctx: AppContext, entity_id: str) -> str:
    [row] = [c for c in sync_view.conflicts(ctx) if c["entity_id"] == entity_id]
    return str(row["id"])


def sites_named(ctx: AppContext, site_id: str) -> str:
    from fieldcheck.services.sites import sites

    return sites.get_site(ctx, site_id).name


def test_every_kind_held_poisoned_is_set_aside_by_name_and_the_rest_syncs(
    server: LiveServer, device_factory: Any
) -> None:
    a, b = device_factory("a"), device_factory("b")
    make_field_data(a, AREA, findings_n=2, photos_per_finding=1)
    assert sync_service.sync(a).ok
    real = held_contents(server)
    poisoned: dict[str, str] = {}
    for kind in Entity:  # each kind with a field no wire model has
        content = {**real.get(kind.value, {}), "id": new_id(), "毒": "x"}
        poisoned[kind.value] = hold(server, kind.value, json.dumps(content, ensure_ascii=False))
    photo = {**real["photo"], "id": new_id(), "sha256": "ab" * 32}  # its original is nowhere
    missing = hold(server, "photo", json.dumps(photo), blob_sha256=photo["sha256"])
    make_field_data(a, AREA, findings_n=1, photos_per_finding=1)  # after the poison in the feed
    assert sync_service.sync(a).ok
    report = sync_service.sync(b)
    assert report.ok and report.quarantined == len(Entity) + 1, report
    assert ledger.counts(b) == ledger.counts(a)
    aside = set_aside(b)
    for kind, ident in poisoned.items():
        expected = "bad_attestation" if kind == "key_attestation" else "wrong_fields"
        assert codes(b)[(kind, ident)] == expected, (kind, aside[(kind, ident)])
    assert codes(b)[("photo", missing)] == "missing_original"
    assert (
        "ab" * 32 in aside[("photo", missing)] and "not on this device" in aside[("photo", missing)]
    )
    with b.db.read() as s:
        assert s.get(PhotoRow, missing) is None


def _keep_aside(ctx: AppContext, entity: str, content: dict[str, Any]) -> str:
    """Set a record aside as an earlier pull would have (for another reason)."""
    with ctx.db.transaction() as s:
        quarantine.keep(
            s,
            entity,
            content,
            content_sha256(content),
            ValueError("its finding was missing"),
            clock.now(),
        )
    return _conflict_id(ctx, content["id"])


def test_retry_and_keep_server_check_a_photo_s_original_like_the_first_apply(
    server: LiveServer, device_factory: Any
) -> None:
    a, b = device_factory("a"), device_factory("b")
    make_field_data(a, AREA, findings_n=1, photos_per_finding=1)
    assert sync_service.sync(a).ok and sync_service.sync(b).ok
    photo = {**held_contents(server)["photo"], "id": new_id(), "sha256": "cd" * 32}
    conflict = _keep_aside(b, "photo", photo)
    assert sync_service.sync(b).ok  # the retry at the end of the pull
    with b.db.read() as s:
        assert s.get(PhotoRow, photo["id"]) is None  # no photo row without its original
    assert "not on this device" in set_aside(b)[("photo", photo["id"])]
    assert codes(b)[("photo", photo["id"])] == "missing_original"  # the retry's own reason
    with pytest.raises(DomainError, match="not on this device"):
        sync_view.resolve_conflict(b, conflict, "server", actor_id="t")  # 采用服务器版本
    with b.db.read() as s:
        assert s.get(PhotoRow, photo["id"]) is None


def _held(server: LiveServer, entity: str) -> list[dict[str, Any]]:
    engine = server.app.state.server.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        rows = conn.execute(VERSION.select().where(VERSION.c.entity == entity)).all()
    return [json.loads(r.content_json) for r in rows]


def test_a_moved_acknowledgement_and_a_forged_attestation_never_apply(
    server: LiveServer, device_factory: Any
) -> None:
    a, e, b = device_factory("a"), device_factory("e", role="expert"), device_factory("b")
    confirmed_and_site_signed(a, e)
    assert sync_service.sync(a).ok and sync_service.sync(b).ok
    [signed] = [c for c in _held(server, "signature") if c.get("site_ack")]
    forged_id = new_id()  # a second signature claiming the site's acknowledgement
    ack = {**signed["site_ack"], "signature_id": forged_id}
    forged = {**signed, "id": forged_id, "site_ack": ack}
    hold(server, "signature", json.dumps(forged), blob_sha256=ack["handwriting_sha256"])
    report = sync_service.sync(b)
    assert report.ok and report.quarantined == 1, report
    assert "never moves to another signature" in set_aside(b)[("signature", forged_id)]
    assert codes(b)[("signature", forged_id)] == "moved_site_ack"
    with b.db.read() as s:
        assert s.get(SignatureRow, forged_id) is None
        assert s.get(SiteAckRow, ack["id"]).signature_id == signed["id"]  # type: ignore[union-attr]
    # An attestation by another server key, set aside earlier: neither the retry at the
    # end of a pull nor 采用服务器版本 may apply it over the genuine one.
    genuine = _held(server, "key_attestation")[0]
    other_key = base64.b64encode(os.urandom(32)).decode()
    conflict = _keep_aside(b, "key_attestation", {**genuine, "server_key_b64": other_key})
    assert sync_service.sync(b).ok
    assert codes(b)[("key_attestation", genuine["id"])] == "bad_attestation"
    with pytest.raises(DomainError, match="attested by server key"):
        sync_view.resolve_conflict(b, conflict, "server", actor_id="t")
    with b.db.read() as s:
        kept = s.get(KeyAttestationRow, genuine["key_id"])
        assert kept is not None and kept.server_key_b64 == genuine["server_key_b64"]


def test_a_taken_document_number_reads_as_one_pushed_and_pulled(
    server: LiveServer, device_factory: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = device_factory("a"), device_factory("b")
    taken = issue_record(a, make_field_data(a, AREA, findings_n=1, photos_per_finding=0).site_id)
    assert sync_service.sync(a).ok
    own = issue_record(b, make_field_data(b, AREA, findings_n=1, photos_per_finding=0).site_id)
    with b.db.transaction() as s:  # an edited database: b's notice takes a's number
        [notice] = s.exec(select(NoticeRow).where(NoticeRow.number == own))
        notice_id = notice.id
        for row in s.exec(select(OutboxRow).where(OutboxRow.entity_id == notice_id)):
            row.payload_json = canonical_json({**json.loads(row.payload_json), "number": taken})
            s.add(row)
    report = sync_service.sync(b)
    assert report.ok, report
    assert [(r["entity"], r["id"], r["code"]) for r in report.refused] == [
        ("notice", notice_id, "duplicate")
    ]
    assert ledger.counts(b)["findings"] == 4  # the rest of b's day went, a's came
    [pushed] = [c for c in sync_view.conflicts(b) if c["source"] == refused.SOURCE]
    assert pushed["local"][quarantine.CODE] == "duplicate"
    assert "is already held by notice" in pushed["local"][quarantine.REASON]
    # Pulled: a server from before the number check holds another notice under b's own.
    notice_a = held_contents(server)["notice"]
    slipped = hold(server, "notice", json.dumps({**notice_a, "id": new_id(), "number": own}))
    assert sync_service.sync(b).quarantined == 1
    assert codes(b) == {("notice", slipped): "duplicate"}
    capsys.readouterr()
    assert main(["--home", str(b.home.root), "sync-status", "--offline"]) == 0
    printed = capsys.readouterr().out
    assert "refused by the server, set aside: 1 (duplicate 1)" in printed, printed
    assert (
        f"拒收 {pushed['id']}：文书记录 {notice_id}：服务器拒收：文书编号已被另一份文书使用"
        "（本机可能是复制或恢复来的，请重新登记本机后再出具文书）" in printed
    ), printed
    assert (
        f"已搁置 {_conflict_id(b, slipped)}：文书记录 {slipped}："
        "记录和本机已有的记录重复（例如文书编号相同），已搁置。其余记录已照常同步。" in printed
    ), printed
