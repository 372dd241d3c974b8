# SPDX-License-Identifier: Apache-2.0
"""Property tests: the loader never crashes, and valid documents round-trip."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldcheck.checklists.loader import read_files
from fieldcheck.checklists.problems import Problem

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates(),
    st.sampled_from(["criteria", "checklist", "law", "第一条"]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "kind",
                    "id",
                    "title",
                    "version",
                    "items",
                    "clauses",
                    "ref",
                    "text",
                    "prompt",
                    "deadline_days",
                    "status",
                    "criteria",
                    "x",
                ]
            ),
            inner,
            max_size=6,
        ),
    ),
    max_leaves=25,
)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load(data: bytes) -> list[Problem]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.yaml"
        path.write_bytes(data)
        loaded = read_files([path])
        for p in loaded.problems:
            assert p.where == str(path) and p.message
            assert p.line >= 1 and p.column >= 1
        assert bool(loaded.docs) != bool(loaded.problems)
        return loaded.problems


@SETTINGS
@given(documents)
def test_random_documents_give_problems_with_places_never_exceptions(doc: object) -> None:
    _load(yaml.safe_dump(doc, allow_unicode=True).encode("utf-8"))


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_never_crash_the_loader(data: bytes) -> None:
    _load(data)


@SETTINGS
@given(st.text(max_size=300))
def test_random_text_never_crashes_the_loader(text: str) -> None:
    _load(text.encode("utf-8", "surrogatepass"))


item_ids = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
prompts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
)


@SETTINGS
@given(
    st.lists(
        st.tuples(item_ids, prompts, st.integers(0, 365)),
        min_size=1,
        max_size=8,
        unique_by=lambda t: t[0],
    )
)
def test_valid_checklists_round_trip_through_yaml(items: list[tuple[str, str, int]]) -> None:
    doc = {
        "kind": "checklist",
        "id": "round-trip",
        "title": "往返",
        "version": "1.0",
        "items": [{"id": i, "prompt": p, "deadline_days": d} for i, p, d in items],
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.yaml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        loaded = read_files([path])
        assert loaded.problems == []
        checklist = loaded.docs[0].doc
        assert [(i.id, i.prompt, i.deadline_days) for i in checklist.items] == items
