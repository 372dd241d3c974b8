# SPDX-License-Identifier: Apache-2.0
"""Substring search over clauses and checklist items with a character n-gram index.

Chinese has no spaces, so a word index does not help; instead every character and
every pair of adjacent characters points at the entries containing it. A query of
one or two characters is a single lookup; a longer one starts from its rarest pair
and confirms the substring in each candidate.
"""

from __future__ import annotations

import heapq
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass


def normalize(text: str) -> str:
    """Fold full-/half-width forms and case so （一） finds (一) and Ａ finds a."""
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True, slots=True)
class Entry:
    """One searchable thing: a clause of a set or an item of a checklist."""

    set_id: str
    set_title: str
    set_kind: str  # criteria / law / standard / checklist
    ref: str  # clause ref, or checklist item id
    text: str  # clause text, or item prompt
    detail: str = ""  # category, or how to check and measures
    status: str = ""  # the set's status (superseded sets rank last)
    major_hazard: bool = False


@dataclass(frozen=True)
class SearchHit:
    """An entry that matched, with its score (higher is better)."""

    entry: Entry
    score: float

    @property
    def set_id(self) -> str:
        return self.entry.set_id

    @property
    def ref(self) -> str:
        return self.entry.ref


def _grams(text: str) -> set[str]:
    grams = set(text)
    grams.update(text[i : i + 2] for i in range(len(text) - 1))
    return grams


class SearchIndex:
    """An immutable index over entries; build once, query many times."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = list(entries)
        self._texts: list[str] = []
        self._primary: list[int] = []  # length of the normalized primary text
        self._static: list[float] = []
        postings: dict[str, array[int]] = {}
        for n, entry in enumerate(self.entries):
            primary = normalize(entry.text)
            text = primary + "\n" + normalize(entry.detail)
            self._texts.append(text)
            self._primary.append(len(primary))
            self._static.append(_static_score(entry, len(primary)))
            for gram in _grams(text):
                posting = postings.get(gram)
                if posting is None:
                    posting = postings[gram] = array("i")
                posting.append(n)
        # one flat array and (start, stop) spans: thousands of small arrays unpickle slowly
        self._flat: array[int] = array("i")
        self._spans: dict[str, tuple[int, int]] = {}
        for gram, posting in postings.items():
            self._spans[gram] = (len(self._flat), len(self._flat) + len(posting))
            self._flat.extend(posting)

    def _count(self, gram: str) -> int:
        start, stop = self._spans.get(gram, (0, 0))
        return stop - start

    def _posting(self, gram: str) -> array[int]:
        start, stop = self._spans.get(gram, (0, 0))
        return self._flat[start:stop]

    def __len__(self) -> int:
        return len(self.entries)

    def _candidates(self, term: str) -> Iterable[int]:
        if len(term) <= 2:
            return self._posting(term)
        pairs = [term[i : i + 2] for i in range(len(term) - 1)]
        rarest = min(pairs, key=self._count)
        texts = self._texts
        return (n for n in self._posting(rarest) if term in texts[n])

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Entries containing every space-separated term of query, best first."""
        terms = sorted(set(normalize(query).split()), key=len, reverse=True)
        if not terms or limit <= 0:
            return []
        texts = self._texts
        found: Iterable[int] = self._candidates(terms[0])
        for term in terms[1:]:
            found = [n for n in found if term in texts[n]]
        best = heapq.nlargest(limit, found, key=lambda n: self._score(n, terms))
        return [SearchHit(self.entries[n], round(self._score(n, terms), 3)) for n in best]

    def _score(self, n: int, terms: list[str]) -> float:
        text = self._texts[n]
        primary = self._primary[n]
        score = self._static[n]
        for term in terms:
            pos = text.find(term)
            if pos < primary:
                score += 100.0 + 20.0 * (1.0 - pos / max(primary, 1))
            else:
                score += 40.0
            score += 5.0 * min(text.count(term, 0, primary), 4)
        return score - n * 1e-9  # stable: earlier entries win ties


def _static_score(entry: Entry, length: int) -> float:
    score = 10.0 * 60.0 / (60.0 + length)  # a short clause that matches is more on point
    # a clause outranks a checklist item that words the same situation: the clause is the
    # authority, and the checklists paraphrase it
    if entry.set_kind == "criteria":
        score += 10.0
    elif entry.set_kind == "checklist":
        score += 8.0
    if entry.major_hazard:
        score += 10.0
    if entry.status == "superseded":
        score -= 500.0  # history: always after every current hit
    return score
