# SPDX-License-Identifier: Apache-2.0
"""The ledger (隐患台账) and the counts a dashboard and `status` show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from fieldcheck.core import clock
from fieldcheck.core.loop import Status, is_overdue
from fieldcheck.core.terms import Level
from fieldcheck.services.context import AppContext
from fieldcheck.services.sync.audit_anchor import anchor_problem
from fieldcheck.storage import audit, queries
from fieldcheck.storage.queries import LedgerFilter

__all__ = ["LedgerEntry", "LedgerFilter", "audit_verify", "counts", "ledger", "ledger_filter"]


@dataclass(frozen=True)
class LedgerEntry:
    """One hazard as the ledger shows it."""

    id: str
    site_id: str
    site_name: str
    description: str
    place: str
    status: str
    level: str
    major_status: str | None
    clause_ref: str | None
    deadline: date | None
    found_at: str
    overdue: bool
    criteria_id: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "site_id": self.site_id,
            "site": self.site_name,
            "description": self.description,
            "place": self.place,
            "status": self.status,
            "level": self.level,
            "major_status": self.major_status,
            "clause": self.clause_ref,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "found_at": self.found_at,
            "overdue": self.overdue,
        }


def _china_midnight(day: date) -> datetime:
    """The start of a day in China, as the UTC instant found_at is compared with."""
    return datetime.combine(day, time(0), tzinfo=clock.CHINA_TZ).astimezone(UTC)


def ledger_filter(
    *,
    status: str | None = None,
    level: str | None = None,
    suspected_major: bool | None = None,
    site_id: str | None = None,
    overdue: bool = False,
    due_within_days: int | None = None,
    text: str = "",
    jurisdiction: str | None = None,
    found_from: date | None = None,
    found_to: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> LedgerFilter:
    """A filter from the options people use; validates status and level.

    suspected_major True keeps only the major hazards awaiting the expert (疑似重大，待专家
    确认), False leaves them out: level "major" with False is the confirmed ones."""
    if status is not None:
        Status(status)
    if level is not None:
        Level(level)
    today = clock.today()
    return LedgerFilter(
        status=status,
        level=level,
        suspected_major=suspected_major,
        site_id=site_id,
        overdue_on=today if overdue else None,
        due_by=today + timedelta(days=due_within_days) if due_within_days is not None else None,
        due_from=today if due_within_days is not None else None,
        found_from=_china_midnight(found_from) if found_from else None,
        found_before=_china_midnight(found_to + timedelta(days=1)) if found_to else None,
        text=text.strip(),
        jurisdiction=jurisdiction,
        limit=limit,
        offset=offset,
    )


def ledger(ctx: AppContext, f: LedgerFilter | None = None) -> list[LedgerEntry]:
    """The hazards matching f, newest first."""
    today = clock.today()
    with ctx.db.read() as s:
        rows = queries.ledger(s, f or LedgerFilter())
        return [
            LedgerEntry(
                id=fid,
                site_id=site_id,
                site_name=site_name,
                description=desc,
                place=place,
                status=status,
                level=level,
                major_status=major,
                clause_ref=clause,
                deadline=deadline,
                found_at=found_at.isoformat(),
                overdue=is_overdue(Status(status), deadline, today),
                criteria_id=criteria_id,
            )
            for (
                fid,
                site_id,
                site_name,
                desc,
                place,
                status,
                level,
                major,
                clause,
                deadline,
                found_at,
                criteria_id,
            ) in rows
        ]


def ledger_size(ctx: AppContext, f: LedgerFilter | None = None) -> int:
    with ctx.db.read() as s:
        return queries.ledger_count(s, f or LedgerFilter())


def counts(ctx: AppContext) -> dict[str, Any]:
    """Totals, findings by status and level (and how many of the major ones are only
    suspected), overdue, and what is not yet synced."""
    with ctx.db.read() as s:
        totals = queries.totals(s)
        by_status = {st.value: 0 for st in Status}
        by_level = {lv.value: 0 for lv in Level}
        for (status, level), n in queries.counts_by_status_level(s).items():
            by_status[status] = by_status.get(status, 0) + n
            by_level[level] = by_level.get(level, 0) + n
        overdue = queries.overdue_count(s, clock.today())
        suspected = queries.suspected_major_count(s)
    return {
        "sites": totals["sites"],
        "inspections": totals["inspections"],
        "findings": totals["findings"],
        "photos": totals["photos"],
        "by_status": by_status,
        "by_level": by_level,
        # of by_level's major, those no expert has ruled on yet (疑似重大隐患)
        "suspected_major": suspected,
        "overdue": overdue,
        "unsynced": {"changes": totals["unsynced"]},
    }


def audit_verify(ctx: AppContext) -> tuple[int, str | None]:
    """Entries checked and the first break in the audit chain (None when intact)."""
    with ctx.db.read() as s:
        count, problem = audit.verify(s)
        if problem is not None:
            return count, str(problem)
        return count, anchor_problem(s)  # a recomputed chain no longer holds the anchor
