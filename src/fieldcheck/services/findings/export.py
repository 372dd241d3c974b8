# SPDX-License-Identifier: Apache-2.0
"""Exports for offices: the 隐患台账 as an Excel/WPS workbook, one row per hazard."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from fieldcheck.core import clock, timefmt
from fieldcheck.core.citation import cite
from fieldcheck.core.errors import FieldcheckError, ReadOnlyStorageError
from fieldcheck.core.loop import (
    REVISIT_OUTCOME_ZH,
    STATUS_LABELS_ZH,
    Action,
    Status,
    is_overdue,
    revisit_outcome,
)
from fieldcheck.core.models import Basis, Finding, FindingEvent
from fieldcheck.core.terms import LEVEL_ZH, Level, is_suspected_major
from fieldcheck.reports.ledger_xlsx import LedgerRow, write_ledger
from fieldcheck.services.context import AppContext
from fieldcheck.services.documents.notice_data import criteria_title
from fieldcheck.services.inspections.clauses import item_citation
from fieldcheck.storage import notice_repo

# Which event's date fills which step column; the latest such event wins.
STEP_ACTIONS = {
    "assigned": {Action.ASSIGN.value, Action.REOPEN.value},
    "rectified": {Action.REPORT_RECTIFICATION.value, Action.FIX_ON_SPOT.value},
    "verified": {Action.VERIFY_PASS.value, Action.FIX_ON_SPOT.value},
    "closed": {Action.CLOSE.value},
    "revisited": {Action.REVISIT.value},
}


def _day(ev: FindingEvent) -> date:
    return timefmt.local_date(ev.at)


def _basis(basis: Basis, cite_item: Callable[[str, str], str]) -> str:
    parts = []
    if basis.clause_ref:
        parts.append(cite(criteria_title(basis.criteria_id), basis.clause_ref))
    if basis.legal_basis:
        parts.append(basis.legal_basis)
    if basis.checklist_id and basis.item_id and not parts:
        parts.append(cite_item(basis.checklist_id, basis.item_id))
    return "；".join(parts)


def _level(f: Finding) -> str:
    """重大隐患 only once an expert confirmed it; a suspected one says it waits."""
    if is_suspected_major(f.level, f.major_status):
        return "疑似重大，待专家判定"
    return LEVEL_ZH[Level(f.level)]


def _item_citer(ctx: AppContext) -> Callable[[str, str], str]:
    """item_citation over one library loaded once (None: titles are not to be had)."""
    from fieldcheck.services.inspections.checklists import load_library

    try:
        lib: Any = load_library(ctx.home)
    except FieldcheckError:
        lib = None

    def cite_one(checklist_id: str, item_id: str) -> str:
        if lib is None:
            return "检查表"
        return item_citation(checklist_id, item_id, library=lib)

    return cite_one


def ledger_rows(ctx: AppContext) -> list[LedgerRow]:
    """Every current hazard with its site, step dates and notice numbers."""
    today = clock.today()
    cite_item = _item_citer(ctx)
    with ctx.db.read() as s:
        pairs = notice_repo.ledger_pairs(s)
        events = notice_repo.events_by_finding(s)
        numbers = notice_repo.numbers_by_finding(s)
        rows = []
        for f, site in pairs:
            steps: dict[str, date | None] = dict.fromkeys(STEP_ACTIONS)
            outcome = ""
            for ev in events.get(f.id, []):
                for step, actions in STEP_ACTIONS.items():
                    if ev.action in actions:
                        steps[step] = _day(ev)
                if (found := revisit_outcome(ev.action)) is not None:
                    outcome = REVISIT_OUTCOME_ZH[found]
            status = Status(f.status)
            rows.append(
                LedgerRow(
                    site=site.name,
                    uscc=site.uscc or "",
                    description=f.description,
                    place=f.place,
                    basis=_basis(f.basis, cite_item),
                    level=_level(f),
                    measures=f.measures,
                    responsible=f.responsible,
                    funds=f.funds,
                    safety_plan=f.safety_plan,
                    found=timefmt.local_date(f.found_at),
                    deadline=f.deadline,
                    status=STATUS_LABELS_ZH[status],
                    overdue=is_overdue(status, f.deadline, today),
                    notices="\n".join(numbers.get(f.id, [])),
                    revisit_outcome=outcome,
                    **steps,
                )
            )
    return rows


def export_ledger(ctx: AppContext, out: str | Path) -> int:
    """Write the ledger workbook to out (atomically); the number of hazards written."""
    rows = ledger_rows(ctx)
    path = Path(out)
    title = f"隐患排查治理台账（导出于{timefmt.date_text(clock.today())}）"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".fieldcheck-", suffix=".xlsx", dir=path.parent)
        os.close(fd)
        write_ledger(rows, Path(tmp), title=title)
        os.replace(tmp, path)
    except OSError as exc:
        raise ReadOnlyStorageError(f"{path}: cannot write the workbook ({exc.strerror})") from exc
    return len(rows)
