# SPDX-License-Identifier: Apache-2.0
"""The site a merged site shows under (合并重复单位): the end of its merged_into chain.

One rule for the desktop and the server's console. A device merges a duplicate into a
kept site; devices offline can still merge the kept site again elsewhere (A into B,
then B into C) or into each other (A into B on one, B into A on another). A chain is
followed to its end, however long. A chain that comes back on itself (a cycle) ends at
the site of the cycle with the smallest id (ids are uuid7, so the one registered
first): that site is kept, though its own record names another. A chain that ends at a
site not known here ends at that id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping


def end_of_chain(start: str, merged_into: Callable[[str], str | None]) -> str:
    """The site ``start``'s chain ends at; ``merged_into(id)`` is the site that one names
    (None when kept or unknown). A cycle ends at its smallest id."""
    path = [start]
    while (into := merged_into(path[-1])) is not None:
        if into in path:
            return min(path[path.index(into) :])
        path.append(into)
    return path[-1]


def chain_ends(links: Mapping[str, str], starts: Iterable[str] | None = None) -> dict[str, str]:
    """site id -> the end of its chain, for ``starts`` (every merged site of ``links``
    when None); ``links`` maps each merged site to the site it names."""
    return {s: end_of_chain(s, links.get) for s in (links if starts is None else starts)}
