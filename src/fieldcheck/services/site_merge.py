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

from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError
from fieldcheck.services.context import AppContext
from fieldcheck.services.journal import record_change
from fieldcheck.storage import queries
from fieldcheck.storage.records import get_row, site_from_row
from fieldcheck.storage.tables import SiteRow


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


def _check(keep: SiteRow, other: SiteRow) -> str:
    if keep.id == other.id:
        raise MergeRefused(f"site {keep.id}: a site cannot be merged into itself")
    for row in (keep, other):
        if row.merged_into is not None:
            raise MergeRefused(
                f"site {row.id} ({row.name}) was already merged into {row.merged_into}"
            )
    if not keep.uscc or keep.uscc != other.uscc:
        raise MergeRefused(
            f"sites {keep.id} ({keep.uscc or 'no code'}) and {other.id} "
            f"({other.uscc or 'no code'}): only sites with the same 统一社会信用代码 are merged"
        )
    return keep.uscc


def duplicates(ctx: AppContext, site_id: str) -> list[tuple[str, str, str]]:
    """(id, name, address) of the other registered sites with site_id's code."""
    with ctx.db.read() as s:
        row = get_row(s, SiteRow, site_id, "site")
        return [(r.id, r.name, r.address) for r in queries.same_code_sites(s, row)]


def merge_sites(ctx: AppContext, keep_id: str, other_id: str, *, actor_id: str) -> MergeResult:
    """Merge other into keep (same 统一社会信用代码); every record and signature is kept."""
    with ctx.db.transaction() as s:
        keep = get_row(s, SiteRow, keep_id, "site")
        other = get_row(s, SiteRow, other_id, "site")
        uscc = _check(keep, other)
        now = clock.now()
        earlier = list(queries.merged_into(s, other.id))
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
        for row in [other, *earlier]:  # one level: a merged site always names a live one
            row.merged_into = keep.id
            row.updated_at = now
            s.add(row)
            record_change(
                s,
                actor_id=actor_id,
                action="site.merge",
                entity="site",
                record=site_from_row(row),
                audit_payload={
                    "into": keep.id,
                    "uscc": uscc,
                    "inspections": result.inspections,
                    "findings": result.findings,
                    "notices": result.notices,
                },
            )
    return result
