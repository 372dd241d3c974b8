# SPDX-License-Identifier: Apache-2.0
"""The loaded, cross-checked library of criteria sets and checklists."""

from __future__ import annotations

from collections.abc import Iterable

from fieldcheck.checklists.models import Checklist, ChecklistItem, Clause, CriteriaSet
from fieldcheck.checklists.problems import Problem
from fieldcheck.checklists.search import Entry, SearchHit, SearchIndex, normalize
from fieldcheck.core.errors import NotFoundError


def legal_basis_text(item: ChecklistItem, sets: dict[str, CriteriaSet]) -> str:
    """《Law》第X条、第Y条；《Other》第Z条 for the item's law links."""
    grouped: dict[str, list[str]] = {}
    for link in item.law:
        grouped.setdefault(link.criteria_id, []).append(link.ref)
    parts = []
    for set_id, refs in grouped.items():
        target = sets.get(set_id)
        parts.append((target.cite_title if target else set_id) + "、".join(refs))
    return "；".join(parts)


def _entries(sets: Iterable[CriteriaSet], checklists: Iterable[Checklist]) -> Iterable[Entry]:
    for s in sets:
        for c in s.clauses:
            yield Entry(s.id, s.title, s.kind, c.ref, c.text, c.category, s.status, c.major_hazard)
    for cl in checklists:
        for item in cl.items:
            detail = "\n".join(x for x in (item.group, item.how_to_check, item.measures) if x)
            major = item.default_level == "major"
            yield Entry(cl.id, cl.title, "checklist", item.id, item.prompt, detail, "", major)


class Library:
    """Every valid criteria set and checklist version, with lookups and search.

    >>> lib.clause("gongmao-2023", "第十三条第（一）项").major_hazard
    True
    """

    def __init__(
        self,
        sets: Iterable[CriteriaSet],
        checklists: Iterable[Checklist],
        sources: dict[str, str] | None = None,
    ) -> None:
        self._sets = {s.id: s for s in sets}
        self._clauses = {(s.id, c.ref): c for s in self._sets.values() for c in s.clauses}
        versions: dict[str, list[Checklist]] = {}
        for cl in checklists:
            for item in cl.items:
                item._legal_basis = legal_basis_text(item, self._sets)
            versions.setdefault(cl.id, []).append(cl)
        for found in versions.values():
            found.sort(key=lambda c: c.version_key)
        self._versions = versions
        self.sources = dict(sources or {})  # id (and id@version) -> file it came from
        self.skipped: list[Problem] = []  # a county's files left out, with their problems
        self._index = SearchIndex(_entries(self._sets.values(), self.checklists()))

    def criteria_sets(self) -> list[CriteriaSet]:
        """Every criteria set, law and standard, superseded ones included."""
        return list(self._sets.values())

    def checklists(self) -> list[Checklist]:
        """The newest version of each checklist."""
        return [found[-1] for found in self._versions.values()]

    def checklist_versions(self, checklist_id: str) -> list[Checklist]:
        """Every loaded version of a checklist, oldest first."""
        return list(self._versions.get(checklist_id, []))

    def checklist(self, checklist_id: str, version: str | None = None) -> Checklist:
        """A checklist by id: the newest version, or exactly ``version``."""
        found = self._versions.get(checklist_id)
        if not found:
            raise NotFoundError("checklist", checklist_id)
        if version is None:
            return found[-1]
        for cl in found:
            if cl.version == version:
                return cl
        raise NotFoundError("checklist", f"{checklist_id} version {version}")

    def criteria(self, criteria_id: str) -> CriteriaSet:
        """A criteria set (or law, or standard) by id, superseded or not."""
        found = self._sets.get(criteria_id)
        if found is None:
            raise NotFoundError("criteria set", criteria_id)
        return found

    def clause(self, criteria_id: str, ref: str) -> Clause:
        """One clause, e.g. clause("gongmao-2023", "第十三条第（一）项")."""
        found = self._clauses.get((criteria_id, ref))
        if found is None:
            self.criteria(criteria_id)
            raise NotFoundError("clause", f"{criteria_id} {ref}")
        return found

    def notices(
        self,
        *,
        criteria_id: str | None = None,
        checklist_id: str | None = None,
        item_id: str | None = None,
    ) -> list[str]:
        """What a window must say about the criteria behind a finding or checklist item.

        For criteria we only reference (their text is not bundled) it says so and who
        decides; for a cited set with a caution (e.g. a possible successor) it shows it.
        """
        wanted: list[str] = []
        if checklist_id and checklist_id in self._versions:
            checklist = self.checklist(checklist_id)
            wanted.extend(checklist.missing_criteria)
            item = checklist.item(item_id) if item_id else None
            if item is not None:
                wanted.extend(item.missing_criteria)
        if criteria_id:
            wanted.append(criteria_id)
        out: list[str] = []
        for set_id in dict.fromkeys(wanted):
            found = self._sets.get(set_id)
            if found is not None and found.caution and found.caution not in out:
                out.append(found.caution)
        return out

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Clauses and items containing the query (substring, any length), best first."""
        return self._index.search(query, limit)

    def suggest(self, industry: str, kind_of_place: str) -> list[Checklist]:
        """Checklists whose scope fits the site, best fit first (place over industry)."""
        ranked: list[tuple[int, str, Checklist]] = []
        for cl in self.checklists():
            score = 2 * _fits(kind_of_place, cl.scope.kinds_of_place)
            score += _fits(industry, cl.scope.industries)
            if score:
                ranked.append((-score, cl.id, cl))
        return [cl for _, _, cl in sorted(ranked, key=lambda r: r[:2])]


def _fits(value: str, scope: Iterable[str]) -> int:
    wanted = normalize(value).strip()
    if not wanted:
        return 0
    return int(any(wanted in (s := normalize(entry)) or s in wanted for entry in scope))
