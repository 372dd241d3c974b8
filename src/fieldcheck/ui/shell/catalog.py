# SPDX-License-Identifier: Apache-2.0
"""The checklist and criteria library of the open data directory, for the window."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from fieldcheck import paths

if TYPE_CHECKING:  # loading the library is work for the first use, not for start-up
    from fieldcheck.checklists.library import Library
    from fieldcheck.checklists.models import Checklist
    from fieldcheck.checklists.search import Entry, SearchHit

_home: list[paths.Home] = []  # the open data directory: its county checklists and cache


def set_home(home: paths.Home) -> None:
    """Use home's county checklists and cache from now on."""
    _home[:] = [home]
    library.cache_clear()


@cache
def library() -> Library:
    """The loaded library (suggest, search, checklist, clause)."""
    from fieldcheck.services.inspections.checklists import load_library

    return load_library(_home[0] if _home else None)


def suggest(industry: str, kind_of_place: str) -> list[Checklist]:
    """Checklists that fit a site, best first."""
    return list(library().suggest(industry, kind_of_place))


def all_checklists() -> list[Checklist]:
    return list(library().checklists())


def search(query: str, limit: int = 50, prefer: list[str] | None = None) -> list[SearchHit]:
    """Clauses and items containing query, best first; the sets in prefer first of all."""
    if not query.strip():
        return []
    hits = list(library().search(query.strip(), limit))
    rank = {set_id: n for n, set_id in enumerate(prefer or [])}
    return sorted(hits, key=lambda h: rank.get(h.entry.set_id, len(rank)))  # stable


def preferred_sets(industry: str, kind_of_place: str) -> list[str]:
    """The checklists that fit a site, then the criteria and laws their items cite."""
    fitting = library().suggest(industry, kind_of_place)
    out: list[str] = [c.id for c in fitting]
    for checklist in fitting:
        for item in checklist.items:
            for link in (*item.criteria, *item.law):
                if link.criteria_id not in out:
                    out.append(link.criteria_id)
    return out


def entry_title(entry: Entry) -> str:
    """A search entry as people cite it: 《九小场所消防安全检查表》第17项, 《标题》第十一条."""
    if entry.set_kind == "checklist":
        from fieldcheck.services.inspections.clauses import item_citation

        return item_citation(entry.set_id, entry.ref, library=library(), title=entry.set_title)
    title = entry.set_title if entry.set_title.startswith("《") else f"《{entry.set_title}》"
    return f"{title}{entry.ref}"


def notices(
    *, criteria_id: str | None = None, checklist_id: str | None = None, item_id: str | None = None
) -> list[str]:
    """What to say about criteria behind a finding or item that we do not hold, or that
    may have been succeeded (e.g. the fire criteria GB 35181-2025, 化工 2017 after AQ 3067)."""
    found = library().notices(criteria_id=criteria_id, checklist_id=checklist_id, item_id=item_id)
    return list(found)
