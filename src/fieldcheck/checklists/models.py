# SPDX-License-Identifier: Apache-2.0
"""The YAML formats: criteria sets (criteria, laws, local standards) and checklists.

These models are the single definition of the data; the JSON Schema under
``checklists/`` is generated from them (see schema.py).
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, computed_field, model_validator

from fieldcheck.core.terms import Level

SetId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")]
ItemId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
Line = Annotated[str, Field(min_length=1, max_length=300)]
Text = Annotated[str, Field(max_length=20000)]
VERSION_RE = re.compile(r"^\d+(\.\d+){0,3}$")
EARLIEST = date(1949, 10, 1)  # no PRC regulation predates this
LATEST = date(2100, 1, 1)


class Strict(BaseModel):
    """Unknown fields are errors; instances never change once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class SetKind(StrEnum):
    """What a set of clauses is."""

    CRITERIA = "criteria"  # 重大事故隐患判定标准
    LAW = "law"  # 法律、法规、规章 (articles cited as legal basis)
    STANDARD = "standard"  # other inspection standards, e.g. local 九小场所 rules


class SetStatus(StrEnum):
    """Whether a set may be used for current determinations."""

    IN_FORCE = "in_force"  # 现行
    TRIAL = "trial"  # 试行
    SUPERSEDED = "superseded"  # 已废止/被替代: viewable, never cited anew
    UNVERIFIED = "unverified"  # status not confirmed from a source we hold


class Completeness(StrEnum):
    """How much of the official text the set holds."""

    COMPLETE = "complete"
    PARTIAL = "partial"  # part of the text could not be obtained
    EXCERPT = "excerpt"  # selected articles on purpose (laws)
    REFERENCED = "referenced"  # a standard not ours to copy: number, title, dates, clause numbers


class Clause(Strict):
    """One article or item, word for word; ``label`` is its number as printed."""

    ref: Line  # citation form, e.g. 第十三条第（一）项
    label: str = Field(default="", max_length=60)  # printed prefix, e.g. "（一）"
    text: str = Field(default="", max_length=20000)  # empty only in a referenced set
    category: str = Field(default="", max_length=200)  # e.g. 专项类/有限空间
    major_hazard: bool = False  # the clause itself states a 重大事故隐患 situation
    truncated: bool = False  # our source breaks off inside this clause
    single_source: bool = False  # only one source holds this text; not cross-checked


class CriteriaSet(Strict):
    """A criteria standard, a law excerpt or a local standard, with its provenance."""

    kind: Literal["criteria", "law", "standard"]
    id: SetId
    title: Line
    short_title: str = Field(default="", max_length=100)  # e.g. 《安全生产法》
    issuing_body: str = Field(default="", max_length=200)
    document_number: str = Field(default="", max_length=300)  # 文号
    issued: date | None = None
    issued_note: str = Field(default="", max_length=500)
    effective: date | None = None
    effective_note: str = Field(default="", max_length=500)
    status: SetStatus
    status_note: Text = ""
    superseded_by: SetId | None = None
    supersedes: tuple[SetId, ...] = ()  # bundled sets this one replaces (each names it back)
    supplements: tuple[SetId, ...] = ()  # sets this one adds to, to be read together
    supplemented_by: tuple[SetId, ...] = ()  # the other way round
    caution: Text = ""  # shown wherever a finding cites this set (e.g. a possible successor)
    decided_by: str = Field(default="", max_length=200)  # referenced sets: who decides instead
    completeness: Completeness
    completeness_note: Text = ""
    source: Annotated[str, Field(min_length=1, max_length=20000)]
    preamble: Text = ""  # verbatim text before the first clause (令, title lines)
    clauses: tuple[Clause, ...] = Field(default=(), max_length=5000)

    @model_validator(mode="after")
    def _consistent(self) -> CriteriaSet:
        for name in ("issued", "effective"):
            value = getattr(self, name)
            if value is not None and not EARLIEST <= value < LATEST:
                raise ValueError(f"{name} {value} is not a possible date for a regulation")
        if self.issued and self.effective and self.effective < self.issued:
            raise ValueError(f"effective {self.effective} is before issued {self.issued}")
        if self.status is SetStatus.SUPERSEDED and not (self.superseded_by or self.status_note):
            raise ValueError("a superseded set needs superseded_by or a status_note saying by what")
        if self.superseded_by is not None and self.status is not SetStatus.SUPERSEDED:
            raise ValueError("superseded_by is set but status is not superseded")
        if self.superseded_by == self.id or self.id in self.supersedes:
            raise ValueError("a set cannot supersede itself")
        referenced = self.completeness is Completeness.REFERENCED
        for clause in self.clauses:
            if referenced and clause.text:
                raise ValueError(f"{clause.ref}: a referenced set records clause numbers, no text")
            if not referenced and not clause.text:
                raise ValueError(f"{clause.ref}: the clause has no text")
        if not referenced and not self.clauses:
            raise ValueError("clauses: a set with text needs at least one clause")
        if referenced and not self.decided_by:
            raise ValueError("a referenced set needs decided_by: who decides without the text")
        return self

    @property
    def bundled(self) -> bool:
        """Whether the set holds any text at all (a referenced set holds none)."""
        return self.completeness is not Completeness.REFERENCED

    @property
    def cite_title(self) -> str:
        """The title as cited in a legal basis, with book-title marks."""
        return self.short_title or f"《{self.title}》"


class ClauseLink(Strict):
    """A pointer at one clause of one set."""

    criteria_id: SetId
    ref: Line

    def __str__(self) -> str:
        return f"{self.criteria_id} {self.ref}"


class Scope(Strict):
    """Where a checklist applies; used to suggest checklists for a site."""

    kinds_of_place: tuple[Line, ...] = ()
    industries: tuple[Line, ...] = ()


class ChecklistItem(Strict):
    """One thing to check on site, with what makes it major and what to demand."""

    id: ItemId
    group: str = Field(default="", max_length=100)
    prompt: Annotated[str, Field(min_length=1, max_length=1000)]
    how_to_check: str = Field(default="", max_length=2000)
    # the hazard as written when the item fails (pre-fills the finding), in the sources' words
    finding: str = Field(default="", max_length=1000)
    default_level: Level = Level.GENERAL
    criteria: tuple[ClauseLink, ...] = ()  # clauses that make it a 重大事故隐患
    law: tuple[ClauseLink, ...] = ()  # articles that are its legal basis
    references: tuple[ClauseLink, ...] = ()  # other texts it follows (local standards)
    measures: str = Field(default="", max_length=2000)
    # referenced sets (text not bundled) that decide whether this item is a major hazard
    missing_criteria: tuple[SetId, ...] = ()
    deadline_days: int = Field(ge=0, le=365)  # 0: fix at once (立即/当场整改)
    _legal_basis: str = PrivateAttr(default="")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def legal_basis(self) -> str:
        """The cited law articles as text, filled in by the loader from ``law``."""
        return self._legal_basis

    @model_validator(mode="after")
    def _major_needs_criteria(self) -> ChecklistItem:
        if self.default_level is Level.MAJOR and not self.criteria:
            raise ValueError("a major item needs at least one criteria link saying why")
        return self


class Checklist(Strict):
    """A versioned checklist (检查表) for a kind of place."""

    kind: Literal["checklist"]
    id: SetId
    title: Line
    version: Annotated[str, Field(pattern=VERSION_RE.pattern)]
    scope: Scope = Scope()
    author: str = Field(default="", max_length=200)  # 编制单位
    notes: Text = ""
    missing_criteria: tuple[SetId, ...] = ()  # as on items, for every item of the checklist
    items: tuple[ChecklistItem, ...] = Field(min_length=1, max_length=2000)

    @property
    def version_key(self) -> tuple[int, ...]:
        """The version as numbers, so that 2026.10 sorts after 2026.9."""
        return tuple(int(part) for part in self.version.split("."))

    def item(self, item_id: str) -> ChecklistItem | None:
        """The item with this id, if any."""
        return next((i for i in self.items if i.id == item_id), None)


Document = CriteriaSet | Checklist
