# SPDX-License-Identifier: Apache-2.0
"""Read queries: the site register, inspections and the ledger (台账)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, text
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from fieldcheck.core.terms import Level, MajorStatus
from fieldcheck.storage import outbox, site_chains
from fieldcheck.storage.tables import (
    OPEN_SQL,
    FindingRow,
    InspectionRow,
    ItemResultRow,
    NoticeRow,
    PersonRow,
    PhotoRow,
    SignatureRow,
    SiteRow,
)


def at_site(s: Session, column: Any, site_id: str) -> ColumnElement[bool]:
    """column names the site, or a site whose merged_into chain ends there (whose records
    show under it)."""
    return col(column).in_(site_chains.shown_at(s, site_id))


def _live(s: Session) -> ColumnElement[bool]:
    """A site of the register: not merged, or kept as the end of a cycle of merges."""
    kept = site_chains.kept_in_cycles(s)
    unmerged = col(SiteRow.merged_into).is_(None)
    return or_(unmerged, col(SiteRow.id).in_(kept)) if kept else unmerged


def sites_by_uscc(s: Session, codes: Sequence[str]) -> dict[str, SiteRow]:
    """The registered site for each of codes that has one (一企一档: one site per code)."""
    if not codes:
        return {}
    rows = s.exec(select(SiteRow).where(col(SiteRow.uscc).in_(list(codes)), _live(s))).all()
    return {r.uscc: r for r in rows if r.uscc}


def same_code_sites(s: Session, site: SiteRow) -> Sequence[SiteRow]:
    """The other registered (not merged) sites with site's 统一社会信用代码."""
    if not site.uscc:
        return []
    q = select(SiteRow).where(SiteRow.uscc == site.uscc, SiteRow.id != site.id, _live(s))
    return s.exec(q.order_by(col(SiteRow.created_at))).all()


def merged_into(s: Session, site_id: str) -> Sequence[SiteRow]:
    """The sites merged into site_id."""
    return s.exec(select(SiteRow).where(SiteRow.merged_into == site_id)).all()


def records_at_sites(s: Session, site_ids: Sequence[str]) -> dict[str, int]:
    """Inspections, current findings and documents recorded at these sites."""
    ids = list(site_ids)
    findings = select(func.count()).where(col(FindingRow.site_id).in_(ids), current_finding())
    return {
        "inspections": int(
            s.exec(select(func.count()).where(col(InspectionRow.site_id).in_(ids))).one()
        ),
        "findings": int(s.exec(findings).one()),
        "notices": int(s.exec(select(func.count()).where(col(NoticeRow.site_id).in_(ids))).one()),
    }


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_sites(s: Session, text: str, jurisdiction: str | None, limit: int) -> Sequence[SiteRow]:
    q = select(SiteRow).where(_live(s))  # a merged site shows as the site it became
    if text:
        pat = _like(text)
        q = q.where(
            or_(
                col(SiteRow.name).like(pat, escape="\\"),
                col(SiteRow.address).like(pat, escape="\\"),
                col(SiteRow.uscc).like(pat, escape="\\"),
            )
        )
    if jurisdiction:
        q = q.where(SiteRow.jurisdiction == jurisdiction)
    return s.exec(q.order_by(col(SiteRow.name)).limit(limit)).all()


def people(s: Session, role: str | None) -> Sequence[PersonRow]:
    q = select(PersonRow)
    if role:
        q = q.where(PersonRow.role == role)
    return s.exec(q.order_by(col(PersonRow.name))).all()


def item_result(
    s: Session, inspection_id: str, checklist_id: str, item_id: str
) -> ItemResultRow | None:
    return s.exec(
        select(ItemResultRow).where(
            ItemResultRow.inspection_id == inspection_id,
            ItemResultRow.checklist_id == checklist_id,
            ItemResultRow.item_id == item_id,
        )
    ).first()


def item_results(s: Session, inspection_id: str) -> Sequence[ItemResultRow]:
    return s.exec(select(ItemResultRow).where(ItemResultRow.inspection_id == inspection_id)).all()


def inspections_of_site(s: Session, site_id: str) -> Sequence[InspectionRow]:
    return s.exec(
        select(InspectionRow)
        .where(at_site(s, InspectionRow.site_id, site_id))
        .order_by(col(InspectionRow.started_at).desc())
    ).all()


@dataclass(frozen=True)
class LedgerFilter:
    """What the ledger (台账) is narrowed to; all conditions must hold."""

    status: str | None = None
    site_id: str | None = None
    level: str | None = None
    # True: only the major hazards no expert has ruled on yet (疑似重大，待专家确认);
    # False: none of those (so level "major" means the confirmed ones). None: either.
    suspected_major: bool | None = None
    overdue_on: date | None = None  # only hazards overdue on this day
    due_by: date | None = None  # open hazards due on or before this day (and not overdue)
    due_from: date | None = None
    found_from: datetime | None = None  # recorded at or after this instant
    found_before: datetime | None = None  # recorded before this instant
    text: str = ""
    jurisdiction: str | None = None
    limit: int | None = None
    offset: int = 0
    sort: str = ""  # a key of SORTABLE; "" for the default order
    descending: bool = False


LEDGER_COLUMNS: tuple[Any, ...] = (
    FindingRow.id,
    FindingRow.site_id,
    SiteRow.name,
    FindingRow.description,
    FindingRow.place,
    FindingRow.status,
    FindingRow.level,
    FindingRow.major_status,
    FindingRow.clause_ref,
    FindingRow.deadline,
    FindingRow.found_at,
    FindingRow.criteria_id,
)
# Columns people may sort the ledger by (the paged view sorts in the database).
SORTABLE: dict[str, Any] = {
    "site": SiteRow.name,
    "description": FindingRow.description,
    "place": FindingRow.place,
    "level": FindingRow.level,
    "status": FindingRow.status,
    "clause": FindingRow.clause_ref,
    "found": FindingRow.found_at,
    "deadline": FindingRow.deadline,
}


def _finding_conditions(s: Session, f: LedgerFilter) -> list[Any]:
    """The conditions of f that concern the finding row alone."""
    cond: list[Any] = [current_finding()]
    if f.status:
        cond.append(col(FindingRow.status) == f.status)
    if f.site_id:
        cond.append(at_site(s, FindingRow.site_id, f.site_id))
    if f.level:
        cond.append(col(FindingRow.level) == f.level)
    if f.suspected_major is not None:
        cond.append(_suspected_major() if f.suspected_major else ~_suspected_major())
    if f.overdue_on is not None:
        cond += [text(OPEN_SQL), col(FindingRow.deadline) < f.overdue_on]
    if f.due_by is not None:
        cond += [text(OPEN_SQL), col(FindingRow.deadline) <= f.due_by]
    if f.due_from is not None:
        cond.append(col(FindingRow.deadline) >= f.due_from)
    if f.found_from is not None:
        cond.append(col(FindingRow.found_at) >= f.found_from)
    if f.found_before is not None:
        cond.append(col(FindingRow.found_at) < f.found_before)
    return cond


def _site_conditions(f: LedgerFilter) -> list[Any]:
    """The conditions of f that need the site row (or search text across both)."""
    cond: list[Any] = []
    if f.jurisdiction:
        cond.append(col(SiteRow.jurisdiction) == f.jurisdiction)
    if f.text:
        pat = _like(f.text)
        cond.append(
            or_(
                col(FindingRow.description).like(pat, escape="\\"),
                col(FindingRow.place).like(pat, escape="\\"),
                col(SiteRow.name).like(pat, escape="\\"),
                col(FindingRow.clause_ref).like(pat, escape="\\"),
            )
        )
    return cond


def _ledger_query(s: Session, f: LedgerFilter) -> Any:
    # Plain columns, not ORM entities: the ledger is read-only and hydrating
    # objects would cost more than the query itself.
    return (
        sa_select(*LEDGER_COLUMNS)
        .join(SiteRow, col(SiteRow.id) == col(FindingRow.site_id))
        .where(*_finding_conditions(s, f), *_site_conditions(f))
    )


def ledger(s: Session, f: LedgerFilter) -> Sequence[Any]:
    """Current (not superseded) findings as rows of LEDGER_COLUMNS, newest first."""
    q = _ledger_query(s, f)
    if f.sort in SORTABLE:
        key = col(SORTABLE[f.sort])
        q = q.order_by(key.desc() if f.descending else key.asc(), col(FindingRow.id))
    elif f.overdue_on is not None or f.due_by is not None:
        # Deadline lists: most urgent first (served by ix_finding_open_deadline).
        q = q.order_by(col(FindingRow.deadline), col(FindingRow.id))
    else:
        q = q.order_by(col(FindingRow.found_at).desc(), col(FindingRow.id).desc())
    q = q.offset(f.offset)
    if f.limit is not None:
        q = q.limit(f.limit)
    return s.exec(q).all()  # type: ignore[no-any-return]


def ledger_count(s: Session, f: LedgerFilter) -> int:
    """How many rows ledger(f) matches, ignoring limit and offset."""
    if not _site_conditions(f):
        # Nothing asks about the site: count the finding index alone, no join.
        q = select(func.count()).select_from(FindingRow).where(*_finding_conditions(s, f))
        return int(s.exec(q).one())
    sub = _ledger_query(s, f).subquery()
    return int(s.exec(select(func.count()).select_from(sub)).one())


def current_finding() -> ColumnElement[bool]:
    """A finding's current version: no correction replaced it. The one spelling of that
    condition, so every count and list means the same findings."""
    return col(FindingRow.superseded_by).is_(None)


def counts_by_status_level(s: Session) -> dict[tuple[str, str], int]:
    """Current findings counted per (status, level), from the partial index alone."""
    rows = s.exec(
        select(FindingRow.status, FindingRow.level, func.count())
        .where(current_finding())
        .group_by(col(FindingRow.status), col(FindingRow.level))
    ).all()
    return {(str(st), str(lv)): int(n) for st, lv, n in rows}


def _suspected_major() -> ColumnElement[bool]:
    """A major finding no expert has confirmed or downgraded yet (never NULL)."""
    return and_(
        col(FindingRow.level) == Level.MAJOR.value,
        func.coalesce(col(FindingRow.major_status), "") == MajorStatus.SUSPECTED.value,
    )


def suspected_major_count(s: Session) -> int:
    """Current major findings no expert has confirmed or downgraded yet."""
    return s.exec(
        select(func.count()).select_from(FindingRow).where(current_finding(), _suspected_major())
    ).one()


def overdue_count(s: Session, today: date) -> int:
    return s.exec(
        select(func.count())
        .select_from(FindingRow)
        .where(current_finding(), text(OPEN_SQL), col(FindingRow.deadline) < today)
    ).one()


def table_count(s: Session, table: type) -> int:
    return s.exec(select(func.count()).select_from(table)).one()


def totals(s: Session) -> dict[str, int]:
    """Record counts of the main tables (current findings only)."""
    return {
        "sites": s.exec(select(func.count()).select_from(SiteRow).where(_live(s))).one(),
        "inspections": table_count(s, InspectionRow),
        "findings": s.exec(
            select(func.count()).select_from(FindingRow).where(current_finding())
        ).one(),
        "photos": table_count(s, PhotoRow),
        "unsynced": outbox.pending_count(s),
    }


def signed_findings_at_site(s: Session, site_id: str) -> int:
    """How many findings at the site carry a signature (which covers the site's name and code)."""
    q = (
        select(func.count(func.distinct(SignatureRow.subject_id)))
        .join(FindingRow, col(FindingRow.id) == col(SignatureRow.subject_id))
        .where(col(SignatureRow.subject_kind) == "finding", col(FindingRow.site_id) == site_id)
    )
    return int(s.exec(q).one())
