# SPDX-License-Identifier: Apache-2.0
"""合并重复单位: two sites registered with the same 统一社会信用代码 become one.

A merge moves no record. Every signature over a finding covers the site's id, name
and code as they were when it was signed, so re-pointing a signed finding at the kept
site would break that signature (and the server's trust check of it). Instead the
other site records that it is the same unit (``merged_into``); its inspections,
findings, photos, documents and signatures stay exactly as recorded and show under the
kept site, and the register no longer lists it. The merge is one audited change of the
other site's record, queued for the server like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldcheck.core import clock, site_chain
from fieldcheck.core.errors import DomainError
from fieldcheck.core.models import Site
from fieldcheck.services.context import AppContext
from fieldcheck.services.journal import record_change
from fieldcheck.storage import queries, site_repo


class MergeRefused(DomainError):
    """The two sites cannot be merged; nothing was changed."""


@dataclass(frozen=True)
class MergeResult:
    """What now shows under the kept site from the merged one."""

    keep_id: str
    other_id: str
    uscc: str
    inspections: int
    findings: int
    notices: int
    also_moved: tuple[str, ...] = ()  # sites merged earlier into the other one


def _check(keep: Site, other: Site, ends: dict[str, str]) -> str:
    """ends: each site's end of chain (a site kept at the end of a cycle may be merged)."""
    if keep.id == other.id:
        raise MergeRefused(f"site {keep.id}: a site cannot be merged into itself")
    for row in (keep, other):
        if row.merged_into is not None and ends[row.id] != row.id:
            raise MergeRefused(f"site {row.id} ({row.name}) was already merged into {ends[row.id]}")
    if not keep.uscc or keep.uscc != other.uscc:
        raise MergeRefused(
            f"sites {keep.id} ({keep.uscc or 'no code'}) and {other.id} "
            f"({other.uscc or 'no code'}): only sites with the same 统一社会信用代码 are merged"
        )
    return keep.uscc


def duplicates(ctx: AppContext, site_id: str) -> list[tuple[str, str, str]]:
    """(id, name, address) of the other registered sites with site_id's code."""
    with ctx.db.read() as s:
        return [(r.id, r.name, r.address) for r in site_repo.same_code_sites(s, site_id)]


def kept_sites(ctx: AppContext, site_ids: set[str]) -> dict[str, tuple[str, str]]:
    """site id -> (id, name) of the site it shows under: itself, or the end of its chain of
    merges (core.site_chain: followed to its end; a cycle ends at its smallest id)."""
    out: dict[str, tuple[str, str]] = {}
    with ctx.db.read() as s:
        ends = site_chain.chain_ends(site_repo.merge_links(s), site_ids)
        for sid, end in ends.items():
            home = site_repo.find_site(s, end) or site_repo.get_site(s, sid)
            out[sid] = (home.id, home.name)
    return out


def merge_sites(ctx: AppContext, keep_id: str, other_id: str, *, actor_id: str) -> MergeResult:
    """Merge other into keep (same 统一社会信用代码); every record and signature is kept."""
    with ctx.db.transaction() as s:
        keep = site_repo.get_site(s, keep_id)
        other = site_repo.get_site(s, other_id)
        ends = site_chain.chain_ends(site_repo.merge_links(s), [keep.id, other.id])
        uscc = _check(keep, other, ends)
        now = clock.now()
        earlier = site_repo.merged_into(s, other.id)
        counts = queries.records_at_sites(s, [other.id, *(r.id for r in earlier)])
        result = MergeResult(
            keep_id=keep.id,
            other_id=other.id,
            uscc=uscc,
            inspections=counts["inspections"],
            findings=counts["findings"],
            notices=counts["notices"],
            also_moved=tuple(r.id for r in earlier),
        )
        for site in [other, *earlier]:  # one level: a merged site always names a live one
            merged = site.model_copy(update={"merged_into": keep.id})
            site_repo.save_site(s, merged, now)
            record_change(
                s,
                actor_id=actor_id,
                action="site.merge",
                entity="site",
                record=merged,
                audit_payload={
                    "into": keep.id,
                    "uscc": uscc,
                    "inspections": result.inspections,
                    "findings": result.findings,
                    "notices": result.notices,
                },
            )
    return result
