# SPDX-License-Identifier: Apache-2.0
"""合并重复单位: one unit registered twice (same 统一社会信用代码) becomes one site.

Every record and signature is kept as it was: the signatures cover the site's id, name
and code, so `verify --all` must still pass after the merge.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import col, select

from fieldcheck.cli import main
from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.documents import notices
from fieldcheck.services.findings import ledger
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import site_merge, sites
from fieldcheck.services.sync import pulled
from fieldcheck.services.trust.verify import verify_all
from fieldcheck.storage import queries, sync_conflicts
from fieldcheck.storage.tables import AuditRow, OutboxRow, SignatureRow
from fieldcheck.sync.protocol import content_sha256


def _signed_site(ctx: AppContext) -> str:
    """A demo site whose findings carry signatures (covering its name and code)."""
    with ctx.db.read() as s:
        subjects = s.exec(
            select(SignatureRow.subject_id).where(col(SignatureRow.subject_kind) == "finding")
        ).all()
        from fieldcheck.storage.tables import FindingRow

        for fid in subjects:
            row = s.get(FindingRow, fid)
            if row is not None and queries.signed_findings_at_site(s, row.site_id):
                return row.site_id
    raise AssertionError("the demo has signed findings")


def _duplicate(ctx: AppContext, of: str, name: str) -> str:
    """The same unit as another device registered it, arriving by sync (same code)."""
    original = sites.get_site(ctx, of)
    twin = {
        **original.model_dump(mode="json"),
        "id": new_id(),
        "name": name,
        "address": "郑州市金水区另一个写法的地址",
    }
    with ctx.db.transaction() as s:  # as a pull applies it: with the server's version noted
        sync_conflicts.apply_pulled(
            s, "site", twin, content_sha256(twin), clock.now(), content_sha256, pulled.decode
        )
    return str(twin["id"])


def _ledger_ids(ctx: AppContext, site_id: str) -> set[str]:
    return {e.id for e in ledger.ledger(ctx, ledger.ledger_filter(site_id=site_id, limit=5000))}


def test_merging_keeps_every_record_and_signature(demo_ctx: AppContext) -> None:
    signed = _signed_site(demo_ctx)
    keep = _duplicate(demo_ctx, signed, "重复登记的同一家")
    before = verify_all(demo_ctx)
    assert before.ok, before.failures[:3]
    their_findings = _ledger_ids(demo_ctx, signed)
    their_inspections = {i.id for i in inspections.inspections_of_site(demo_ctx, signed)}
    their_notices = {n.id for n in notices.list_notices(demo_ctx, site_id=signed)}
    assert their_findings and their_inspections
    assert site_merge.duplicates(demo_ctx, keep) == [
        (signed, sites.get_site(demo_ctx, signed).name, sites.get_site(demo_ctx, signed).address)
    ]

    done = site_merge.merge_sites(demo_ctx, keep, signed, actor_id="tester")

    assert (done.findings, done.inspections) == (len(their_findings), len(their_inspections))
    # Everything shows under the kept site; the merged one leaves the register.
    assert _ledger_ids(demo_ctx, keep) == their_findings
    assert {i.id for i in inspections.inspections_of_site(demo_ctx, keep)} == their_inspections
    assert {n.id for n in notices.list_notices(demo_ctx, site_id=keep)} == their_notices
    code = sites.get_site(demo_ctx, keep).uscc
    assert code is not None
    listed = {x.id for x in sites.search_sites(demo_ctx, code)}
    assert listed == {keep}
    # Nothing signed moved: verify --all still passes, with the same signatures.
    after = verify_all(demo_ctx)
    assert after.ok, after.failures[:3]
    assert after.valid_signatures == before.valid_signatures
    # The merge is one audited change, queued for the server as the site's new state.
    with demo_ctx.db.read() as s:
        audit = [
            (a.entity_id, json.loads(a.payload_json))
            for a in s.exec(select(AuditRow).where(AuditRow.action == "site.merge"))
        ]
        queued = [
            json.loads(o.payload_json)
            for o in s.exec(
                select(OutboxRow).where(OutboxRow.entity == "site", OutboxRow.entity_id == signed)
            )
        ]
    assert [(who, payload["into"]) for who, payload in audit] == [(signed, keep)]
    assert queued[-1]["merged_into"] == keep
    # A second merge of the same site, or with itself, or across codes, is refused.
    with pytest.raises(site_merge.MergeRefused, match="already merged"):
        site_merge.merge_sites(demo_ctx, keep, signed, actor_id="tester")
    with pytest.raises(site_merge.MergeRefused, match="itself"):
        site_merge.merge_sites(demo_ctx, keep, keep, actor_id="tester")
    stranger = next(x for x in sites.search_sites(demo_ctx) if x.uscc != code)
    with pytest.raises(site_merge.MergeRefused, match="same 统一社会信用代码"):
        site_merge.merge_sites(demo_ctx, keep, stranger.id, actor_id="tester")


def test_an_unmerged_site_travels_as_protocol_1_spelled_it(ctx: AppContext) -> None:
    site = sites.register_site(
        ctx, {"name": "小吃店", "address": "文化路1号", "jurisdiction": "410105"}, actor_id="t"
    )
    assert "merged_into" not in site.model_dump(mode="json")


def test_cli_merge_then_verify_all(demo_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_context(demo_home) as ctx:
        signed = _signed_site(ctx)
        other = _duplicate(ctx, signed, "另一台电脑登记的同一家")
    home = ["--home", str(demo_home)]
    # KEEP the signed one this time: the duplicate's (empty) history joins it.
    assert main([*home, "site", "merge", signed, other, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["keep_id"], out["other_id"], out["findings"]) == (signed, other, 0)
    assert main([*home, "verify", "--all"]) == 0
    assert main([*home, "site", "merge", signed, other]) != 0  # already merged: refused
    assert "already merged" in capsys.readouterr().err
