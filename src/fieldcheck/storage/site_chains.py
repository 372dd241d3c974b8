# SPDX-License-Identifier: Apache-2.0
"""Merged sites on this device: which site each shows under (core.site_chain's rules).

A merge here re-points the sites merged before, but versions synced from devices that
were offline can still form chains (A into B, B into C) or a cycle (A into B, B into
A). The few merged sites are read at once and their chains followed in Python.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from fieldcheck.core.site_chain import chain_ends
from fieldcheck.storage.tables import SiteRow


def links(s: Session) -> dict[str, str]:
    """Every merged site -> the site its record names."""
    q = select(SiteRow.id, SiteRow.merged_into).where(col(SiteRow.merged_into).is_not(None))
    return {str(i): str(into) for i, into in s.exec(q)}


def shown_at(s: Session, site_id: str) -> list[str]:
    """site_id and every merged site whose chain ends there (their records show there)."""
    ends = chain_ends(links(s))
    return [site_id, *sorted(m for m, end in ends.items() if end == site_id and m != site_id)]


def kept_in_cycles(s: Session) -> list[str]:
    """The merged sites that are kept all the same: the smallest id of each cycle."""
    return sorted(m for m, end in chain_ends(links(s)).items() if end == m)
