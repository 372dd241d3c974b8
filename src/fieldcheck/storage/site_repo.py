# SPDX-License-Identifier: Apache-2.0
"""The site register and the people who work with it, as core models.

Services read and write sites and people through here; the rows stay in storage.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session

from fieldcheck.core.models import Person, Site
from fieldcheck.storage import queries, site_chains
from fieldcheck.storage.records import (
    get_row,
    person_from_row,
    person_to_row,
    site_from_row,
    site_to_row,
)
from fieldcheck.storage.tables import PersonRow, SiteRow


def get_site(s: Session, site_id: str) -> Site:
    """The site, or NotFoundError."""
    return site_from_row(get_row(s, SiteRow, site_id, "site"))


def find_site(s: Session, site_id: str) -> Site | None:
    """The site, or None when this device does not have it."""
    row = s.get(SiteRow, site_id)
    return None if row is None else site_from_row(row)


def add_site(s: Session, site: Site, now: datetime) -> None:
    s.add(site_to_row(site, now))


def save_site(s: Session, site: Site, now: datetime) -> None:
    """Write a changed site over its stored version (NotFoundError if there is none)."""
    s.add(site_to_row(site, now, get_row(s, SiteRow, site.id, "site")))


def get_person(s: Session, person_id: str) -> Person:
    """The person, or NotFoundError."""
    return person_from_row(get_row(s, PersonRow, person_id, "person"))


def add_person(s: Session, person: Person, now: datetime) -> None:
    s.add(person_to_row(person, now))


def search_sites(s: Session, text: str, jurisdiction: str | None, limit: int) -> list[Site]:
    """Sites whose name, address or code contains text, by name."""
    return [site_from_row(r) for r in queries.search_sites(s, text, jurisdiction, limit)]


def sites_by_uscc(s: Session, codes: Sequence[str]) -> dict[str, Site]:
    """The registered site for each of codes that has one (一企一档: one site per code)."""
    return {code: site_from_row(r) for code, r in queries.sites_by_uscc(s, codes).items()}


def people(s: Session, role: str | None = None) -> list[Person]:
    """Everyone registered, or everyone in one role."""
    return [person_from_row(r) for r in queries.people(s, role)]


def same_code_sites(s: Session, site_id: str) -> list[Site]:
    """The other registered (not merged) sites with site_id's 统一社会信用代码."""
    row = get_row(s, SiteRow, site_id, "site")
    return [site_from_row(r) for r in queries.same_code_sites(s, row)]


def merged_into(s: Session, site_id: str) -> list[Site]:
    """The sites merged into site_id."""
    return [site_from_row(r) for r in queries.merged_into(s, site_id)]


def merge_links(s: Session) -> dict[str, str]:
    """Every merged site -> the site its record names (core.site_chain follows them)."""
    return site_chains.links(s)
