# SPDX-License-Identifier: Apache-2.0
"""Looking up a major-hazard criteria clause, word for word, for flagging and review."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from fieldcheck import paths
from fieldcheck.checklists.models import CriteriaSet, SetStatus
from fieldcheck.checklists.validate import Located, validate_document
from fieldcheck.checklists.yamlread import read
from fieldcheck.core.citation import book_title, cite
from fieldcheck.core.errors import FieldcheckError, InvalidValueError, NotFoundError


@dataclass(frozen=True)
class ClauseText:
    """A clause as shown to the inspector and the expert."""

    criteria_id: str
    set_title: str  # e.g. 《工贸企业重大事故隐患判定标准》
    document_number: str
    ref: str  # e.g. 第十一条第（一）项
    text: str
    lead: str  # the article's lead sentence (有下列情形之一的…), when the clause is an item
    truncated: bool  # our source breaks off inside this clause
    status: str  # in_force / trial / unverified / superseded

    def citation(self) -> str:
        """How a document cites it: 《标题》第X条第（Y）项."""
        return cite(self.set_title, self.ref)


@lru_cache(maxsize=32)
def _load(path: Path) -> CriteriaSet | None:
    parsed = read(path)
    if not hasattr(parsed, "data"):
        return None  # a Problem: the checklists validator reports it, not us
    located = validate_document(str(path), parsed)  # type: ignore[arg-type]
    if not isinstance(located, Located) or not isinstance(located.doc, CriteriaSet):
        return None
    return located.doc


def criteria_set(criteria_id: str) -> CriteriaSet:
    """The bundled criteria set with this id; NotFoundError when there is none."""
    if not criteria_id or "/" in criteria_id or "\\" in criteria_id or criteria_id.startswith("."):
        raise InvalidValueError("criteria", criteria_id, "not a criteria set id")
    path = paths.checklists_dir() / "criteria" / f"{criteria_id}.yaml"
    doc = _load(path) if path.is_file() else None
    if doc is None or doc.id != criteria_id:
        raise NotFoundError("criteria set", criteria_id)
    return doc


def find_clause(criteria_id: str, clause_ref: str) -> ClauseText:
    """The clause clause_ref of set criteria_id, with its text and the article's lead."""
    doc = criteria_set(criteria_id)
    by_ref = {c.ref: c for c in doc.clauses}
    clause = by_ref.get(clause_ref.strip())
    if clause is None:
        near = [c.ref for c in doc.clauses if c.major_hazard and c.ref.startswith(clause_ref[:3])]
        hint = f"; e.g. {', '.join(near[:5])}" if near else ""
        raise InvalidValueError("clause", clause_ref, f"{doc.cite_title} has no such clause{hint}")
    article = clause.ref.split("第（", 1)[0]  # 第十一条第（一）项 -> 第十一条
    lead = by_ref[article].text if article != clause.ref and article in by_ref else ""
    return ClauseText(
        criteria_id=doc.id,
        set_title=doc.cite_title,
        document_number=doc.document_number,
        ref=clause.ref,
        text=clause.text,
        lead=lead,
        truncated=clause.truncated,
        status=doc.status.value,
    )


def major_clause(criteria_id: str, clause_ref: str) -> ClauseText:
    """A clause that may ground a new major-hazard finding; refuse lead-ins and old sets."""
    doc = criteria_set(criteria_id)
    if doc.status is SetStatus.SUPERSEDED:
        newer = f"; use {doc.superseded_by}" if doc.superseded_by else ""
        raise InvalidValueError(
            "criteria", criteria_id, f"{doc.cite_title} is superseded and not cited anew{newer}"
        )
    found = find_clause(criteria_id, clause_ref)
    clause = next(c for c in doc.clauses if c.ref == found.ref)
    if not clause.major_hazard:
        items = [c.ref for c in doc.clauses if c.major_hazard and c.ref.startswith(found.ref)]
        hint = f"; pick one of its items, e.g. {', '.join(items[:4])}" if items else ""
        raise InvalidValueError(
            "clause",
            clause_ref,
            f"{doc.cite_title}{found.ref} does not itself state a major hazard situation{hint}",
        )
    return found


def item_citation(
    checklist_id: str,
    item_id: str,
    *,
    library: Any = None,
    home: paths.Home | None = None,
    title: str | None = None,
) -> str:
    """A checklist item as people cite it: 《九小场所消防安全检查表》第17项.

    The number is the item's place in its checklist (as printed on the paper form),
    never its internal id; an item the library no longer has keeps the title alone.
    """
    from fieldcheck.services.inspections.checklists import load_library

    try:
        lib = library if library is not None else load_library(home)
        checklist = lib.checklist(checklist_id)
    except FieldcheckError:
        return book_title(title) if title else "检查表"
    name = title or checklist.title
    position = next((n for n, it in enumerate(checklist.items, 1) if it.id == item_id), None)
    head = book_title(name)
    return f"{head}第{position}项" if position else head
