# SPDX-License-Identifier: Apache-2.0
"""Merges from devices that were offline chain (A into B, B into C) or cycle (A into B,
B into A): the window follows a chain to its end and ends a cycle at its smallest id,
as the console does (core.site_chain)."""

from __future__ import annotations

from typing import Any

from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.core.site_chain import chain_ends, end_of_chain
from fieldcheck.services.context import AppContext
from fieldcheck.services.documents import notices
from fieldcheck.services.findings import ledger
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import site_merge, sites
from fieldcheck.services.sync import pulled
from fieldcheck.storage import sync_conflicts
from fieldcheck.sync.protocol import content_sha256


def _pulled(ctx: AppContext, content: dict[str, Any]) -> None:
    """A site version another device sent, as a pull applies it."""
    with ctx.db.transaction() as s:
        done = sync_conflicts.apply_pulled(
            s, "site", content, content_sha256(content), clock.now(), content_sha256, pulled.decode
        )
    assert done == "applied"


def _twin(ctx: AppContext, of: str, name: str) -> dict[str, Any]:
    original = sites.get_site(ctx, of).model_copy(update={"merged_into": None})
    twin = {**original.model_dump(mode="json"), "id": new_id(), "name": name}
    _pulled(ctx, twin)
    return twin


def _history(ctx: AppContext, site_id: str) -> tuple[set[str], set[str], set[str]]:
    """The ids of the inspections, hazards and documents the window shows under a site."""
    found = ledger.ledger(ctx, ledger.ledger_filter(site_id=site_id, limit=5000))
    return (
        {i.id for i in inspections.inspections_of_site(ctx, site_id)},
        {e.id for e in found},
        {n.id for n in notices.list_notices(ctx, site_id=site_id)},
    )


def _merged_here(ctx: AppContext) -> tuple[str, str, dict[str, Any], Any]:
    """(A, its code, B, what shows under A): a demo site with inspections, hazards and
    documents, merged here into B, the same unit as another device registered it."""
    a = next(s.id for s in sites.search_sites(ctx) if s.uscc and all(_history(ctx, s.id)))
    shown = _history(ctx, a)
    code = sites.get_site(ctx, a).uscc
    assert code is not None
    b = _twin(ctx, a, "另一台电脑登记的同一家")
    site_merge.merge_sites(ctx, b["id"], a, actor_id="tester")  # here: A into B
    return a, code, b, shown


def test_the_rule_follows_a_chain_and_ends_a_cycle_at_its_smallest_id() -> None:
    links = {"a": "b", "b": "c", "x": "z", "z": "y", "y": "z", "m": "gone"}
    assert chain_ends(links) == {"a": "c", "b": "c", "x": "y", "z": "y", "y": "y", "m": "gone"}
    assert end_of_chain("c", links.get) == "c"


def test_a_chain_of_merges_shows_under_its_last_site(demo_ctx: AppContext) -> None:
    a, code, b, shown = _merged_here(demo_ctx)
    c = _twin(demo_ctx, a, "第三台电脑登记的同一家")
    _pulled(demo_ctx, {**b, "merged_into": c["id"]})  # another device, offline: B into C

    assert {s.id for s in sites.search_sites(demo_ctx, code)} == {c["id"]}
    assert _history(demo_ctx, c["id"]) == shown  # A's records, two merges away
    assert site_merge.kept_sites(demo_ctx, {a, b["id"]}) == {
        a: (c["id"], c["name"]),
        b["id"]: (c["id"], c["name"]),
    }


def test_a_cycle_of_merges_ends_at_its_smallest_id(demo_ctx: AppContext) -> None:
    a, code, b, shown = _merged_here(demo_ctx)
    _pulled(demo_ctx, {**b, "merged_into": a})  # the other device, offline: B into A

    kept = min(a, b["id"])
    assert {s.id for s in sites.search_sites(demo_ctx, code)} == {kept}  # listed once
    assert _history(demo_ctx, kept) == shown
    name = sites.get_site(demo_ctx, kept).name
    assert site_merge.kept_sites(demo_ctx, {a, b["id"]}) == {a: (kept, name), b["id"]: (kept, name)}


def test_the_site_kept_at_the_end_of_a_cycle_can_take_a_merge(demo_ctx: AppContext) -> None:
    a, code, b, shown = _merged_here(demo_ctx)
    _pulled(demo_ctx, {**b, "merged_into": a})  # the other device, offline: B into A
    kept = min(a, b["id"])
    c = _twin(demo_ctx, a, "第三台电脑登记的同一家")
    site_merge.merge_sites(demo_ctx, kept, c["id"], actor_id="tester")  # listed: may keep
    assert {s.id for s in sites.search_sites(demo_ctx, code)} == {kept}
    assert site_merge.kept_sites(demo_ctx, {c["id"]})[c["id"]][0] == kept
    assert _history(demo_ctx, kept) == shown
