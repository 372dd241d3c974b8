# SPDX-License-Identifier: Apache-2.0
"""The site a merged site counts under (合并重复单位): the end of its merged_into chain.

A device merges a duplicate into a kept site and re-points the sites merged into the
duplicate before; devices offline can still merge the kept site again elsewhere (A into
B, then B into C) or into each other (A into B on one, B into A on another). The console
keeps, per site, ``console_site.kept_id``: NULL when the site is kept itself, else the
last site of its merged_into chain; coverage, the summaries, the ranking, the ledger's
site name and a campaign's figures count a site's inspections and hazards there.

The rules are core.site_chain's (the desktop follows the same): a chain is followed to
its end, however long; a cycle ends at its smallest id, and every other site of the
cycle, and every site whose chain runs into it, counts there; a chain that ends at a
site the console does not have yet ends at that id, as merged_into did. ``repoint``
keeps the column right as each site version comes in; migration 0016 computed it for
the sites kept before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from fieldcheck.core.site_chain import end_of_chain
from fieldcheck.server.console.tables import HZ, SITE

CHUNK = 500


def _merged_into(conn: Connection, site_id: str) -> str | None:
    row = conn.execute(select(SITE.c.merged_into).where(SITE.c.id == site_id)).first()
    return row.merged_into if row is not None and row.merged_into else None


def followers(conn: Connection, site_ids: Iterable[str]) -> set[str]:
    """The sites whose merged_into chain runs through one of these (not these)."""
    start = set(site_ids)
    seen, frontier = set(start), sorted(start)
    while frontier:
        found: list[str] = []
        for i in range(0, len(frontier), CHUNK):
            part = frontier[i : i + CHUNK]
            found += [
                r.id
                for r in conn.execute(select(SITE.c.id).where(SITE.c.merged_into.in_(part)))
                if r.id not in seen
            ]
        seen.update(found)
        frontier = sorted(set(found))
    return seen - start


def repoint(
    conn: Connection, site_id: str, cache: dict[str, dict[str, Any]], hazards: dict[str, Any]
) -> None:
    """After this site's version is in (``cache[site_id]``, the batch's site dicts): its
    kept site and that of every site merged into it along a chain, and the ledger rows
    of their hazards name the kept site (name and 统一社会信用代码; not yet known: their
    own). ``hazards``: more values for this site's own hazards (its industry). A site
    that names no other is kept: its version sets ``kept_id`` NULL itself."""
    site = cache[site_id]
    after = followers(conn, [site_id])
    if not site.get("merged_into") and not after:  # kept, nothing merged into it: as ever
        values = {"site_name": site["name"], "uscc": site["uscc"], **hazards}
        conn.execute(update(HZ).where(HZ.c.site_id == site_id).values(**values))
        return
    conn.execute(update(HZ).where(HZ.c.site_id == site_id).values(**hazards))
    end = end_of_chain(
        site_id, lambda s: site.get("merged_into") if s == site_id else _merged_into(conn, s)
    )
    ids = sorted({site_id, *after})
    for kept_id in (None, end):  # the end itself is kept; the others count there
        part = [s for s in ids if (s == end) == (kept_id is None)]
        for i in range(0, len(part), CHUNK):
            chunk = part[i : i + CHUNK]
            conn.execute(update(SITE).where(SITE.c.id.in_(chunk)).values(kept_id=kept_id))
    for s in ids:
        if s in cache:
            cache[s]["kept_id"] = None if s == end else end
    kept = conn.execute(select(SITE.c.name, SITE.c.uscc).where(SITE.c.id == end)).first()
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        if kept is not None and kept.name:
            values = {"site_name": kept.name, "uscc": kept.uscc}
        else:  # the kept site is not here yet: each names itself
            own = select(SITE).where(SITE.c.id == HZ.c.site_id).correlate(HZ)
            values = {
                "site_name": own.with_only_columns(SITE.c.name).scalar_subquery(),
                "uscc": own.with_only_columns(SITE.c.uscc).scalar_subquery(),
            }
        conn.execute(update(HZ).where(HZ.c.site_id.in_(chunk)).values(**values))
