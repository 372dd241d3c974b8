# SPDX-License-Identifier: Apache-2.0
"""Use cases for the site register (被检查单位) and the people who work with it."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from fieldcheck.core import clock
from fieldcheck.core.errors import DuplicateSiteError, FrozenError, InvalidValueError
from fieldcheck.core.models import Person, Site
from fieldcheck.core.phone import phone_problem
from fieldcheck.services.context import AppContext
from fieldcheck.services.journal import record_change
from fieldcheck.storage import queries, site_repo
from fieldcheck.storage.db import Session


def _validated(model: type[Site] | type[Person], data: dict[str, Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or model.__name__
        raise InvalidValueError(field, err.get("input"), err["msg"]) from None


def check_phone(field: str, value: str) -> None:
    """Refuse a phone number that is neither a mobile nor a landline with area code."""
    if (problem := phone_problem(value)) is not None:
        raise InvalidValueError(field, value, problem)


def check_unique_uscc(s: Session, site: Site) -> None:
    """一企一档: refuse a second site with a code that is already registered."""
    if site.uscc is None:
        return
    existing = site_repo.sites_by_uscc(s, [site.uscc]).get(site.uscc)
    if existing is not None and existing.id != site.id:
        raise DuplicateSiteError(site.uscc, existing.id, existing.name)


def register_site(ctx: AppContext, data: dict[str, Any], *, actor_id: str) -> Site:
    """Add a site to the register; its 统一社会信用代码 must be valid and not yet registered."""
    site: Site = _validated(Site, data)
    check_phone("contact_phone", site.contact_phone)
    with ctx.db.transaction() as s:
        check_unique_uscc(s, site)
        site_repo.add_site(s, site, clock.now())
        record_change(s, actor_id=actor_id, action="site.register", entity="site", record=site)
    return site


def update_site(ctx: AppContext, site_id: str, changes: dict[str, Any], *, actor_id: str) -> Site:
    """Change some fields of a site; the whole record is re-validated."""
    with ctx.db.transaction() as s:
        old = site_repo.get_site(s, site_id)
        site: Site = _validated(Site, {**old.model_dump(), **changes, "id": site_id})
        if site.contact_phone != old.contact_phone:
            check_phone("contact_phone", site.contact_phone)
        if site.uscc != old.uscc:
            check_unique_uscc(s, site)
        signed = {"name", "uscc"} & {k for k in changes if getattr(site, k) != getattr(old, k)}
        if signed and queries.signed_findings_at_site(s, site_id):
            raise FrozenError(
                f"site {site_id}: {' and '.join(sorted(signed))} are covered by signatures on its "
                "major hazards and cannot be changed; register the renamed unit as a new site"
            )
        site_repo.save_site(s, site, clock.now())
        record_change(
            s,
            actor_id=actor_id,
            action="site.update",
            entity="site",
            record=site,
            audit_payload={"changed": sorted(changes)},  # no personal data in the audit text
        )
    return site


def get_site(ctx: AppContext, site_id: str) -> Site:
    with ctx.db.read() as s:
        return site_repo.get_site(s, site_id)


def search_sites(
    ctx: AppContext, text: str = "", *, jurisdiction: str | None = None, limit: int = 200
) -> list[Site]:
    """Sites whose name, address or code contains text, by name."""
    with ctx.db.read() as s:
        return site_repo.search_sites(s, text, jurisdiction, limit)


def add_person(ctx: AppContext, data: dict[str, Any], *, actor_id: str) -> Person:
    """Register an inspector, expert, supervisor or site representative."""
    person: Person = _validated(Person, data)
    with ctx.db.transaction() as s:
        site_repo.add_person(s, person, clock.now())
        record_change(
            s,
            actor_id=actor_id,
            action="person.add",
            entity="person",
            record=person,
            audit_payload={"name": person.name, "role": person.role.value},
        )
    return person


def get_person(ctx: AppContext, person_id: str) -> Person:
    with ctx.db.read() as s:
        return site_repo.get_person(s, person_id)


def list_people(ctx: AppContext, role: str | None = None) -> list[Person]:
    with ctx.db.read() as s:
        return site_repo.people(s, role)
