# SPDX-License-Identifier: Apache-2.0
"""Validation of parsed documents: fields and types, then links across all files."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from fieldcheck.checklists.models import Checklist, CriteriaSet, Document, SetKind, SetStatus
from fieldcheck.checklists.problems import Problem
from fieldcheck.checklists.yamlread import Parsed, Path_, Pos

KINDS: dict[str, type[CriteriaSet] | type[Checklist]] = {
    "criteria": CriteriaSet,
    "law": CriteriaSet,
    "standard": CriteriaSet,
    "checklist": Checklist,
}


@dataclass(frozen=True)
class Located:
    """A valid document and a way to find where any part of it was written."""

    doc: Document
    where: str
    locate: Callable[[Path_], Pos]


def _dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


def _fields(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """Field names of the model that loc[:-1] points into (for did-you-mean hints)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        args = getattr(info.annotation, "__args__", None) or (info.annotation,)
        current = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _message(model: type[BaseModel], err: Any) -> str:
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "missing":
        return f"{_dotted(loc[:-1])}: missing field {loc[-1]!r}"
    if kind == "extra_forbidden":
        hint = difflib.get_close_matches(str(loc[-1]), _fields(model, loc), n=1)
        tip = f" (did you mean {hint[0]!r}?)" if hint else ""
        return f"{_dotted(loc[:-1])}: unknown field {loc[-1]!r}{tip}"
    msg = str(err["msg"]).removeprefix("Value error, ")
    shown = repr(err.get("input"))
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    got = "" if isinstance(err.get("input"), dict | list) else f" (got {shown})"
    return f"{_dotted(loc)}: {msg}{got}"


def validate_document(where: str, parsed: Parsed) -> Located | list[Problem]:
    """The document in parsed, or every problem with its fields and types."""

    def at(loc: Path_, message: str, *, key: bool = False) -> Problem:
        line, col = parsed.position(loc, key=key)
        return Problem(where, line, col, message)

    data = parsed.data
    if not isinstance(data, dict):
        return [at((), "the file must be a mapping with kind, id, title, ...")]
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        options = ", ".join(KINDS)
        return [at(("kind",), f"kind must be one of {options} (got {kind!r})")]
    model = KINDS[kind]
    try:
        doc = model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        deeper = [tuple(e["loc"]) for e in errors]
        # an invalid item also empties its list; only the item's own error is news
        return [
            at(tuple(e["loc"]), _message(model, e), key=e["type"] == "extra_forbidden")
            for e in errors
            if not (e["type"] == "too_short" and any(_below(tuple(e["loc"]), d) for d in deeper))
        ]
    return Located(doc, where, parsed.position)


def _below(parent: Path_, loc: Path_) -> bool:
    return len(loc) > len(parent) and loc[: len(parent)] == parent


def _duplicates(docs: Sequence[Located]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[tuple[str, str], Located] = {}
    for d in docs:
        key = (d.doc.id, d.doc.version if isinstance(d.doc, Checklist) else "")
        if key in seen:
            first = seen[key].where
            what = f"{key[0]} version {key[1]}" if key[1] else key[0]
            problems.append(_at(d, ("id",), f"id {what} is already defined in {first}"))
        else:
            seen[key] = d
        parts: Sequence[Any] = d.doc.items if isinstance(d.doc, Checklist) else d.doc.clauses
        field_name = "items" if isinstance(d.doc, Checklist) else "clauses"
        names: dict[str, int] = {}
        for i, part in enumerate(parts):
            name = part.id if isinstance(d.doc, Checklist) else part.ref
            if name in names:
                label = "item id" if field_name == "items" else "clause ref"
                problems.append(
                    _at(
                        d,
                        (field_name, i),
                        f"{label} {name!r} is already used at index {names[name]}",
                    )
                )
            names.setdefault(name, i)
    return problems


def _at(d: Located, loc: Path_, message: str) -> Problem:
    line, col = d.locate(loc)
    return Problem(d.where, line, col, message)


def cross_check(docs: Sequence[Located]) -> list[Problem]:
    """Problems between documents: duplicate ids, dangling or unsuitable links."""
    problems = _duplicates(docs)
    sets = {d.doc.id: d.doc for d in docs if isinstance(d.doc, CriteriaSet)}
    for d in docs:
        doc = d.doc
        if isinstance(doc, CriteriaSet):
            problems.extend(_relation_problems(d, doc, sets))
            continue
        for j, set_id in enumerate(doc.missing_criteria):
            if message := _missing_problem(set_id, sets):
                problems.append(_at(d, ("missing_criteria", j), message))
        for i, item in enumerate(doc.items):
            for j, set_id in enumerate(item.missing_criteria):
                if message := _missing_problem(set_id, sets):
                    problems.append(_at(d, ("items", i, "missing_criteria", j), message))
            for field_name in ("criteria", "law", "references"):
                for j, link in enumerate(getattr(item, field_name)):
                    message = _link_problem(field_name, link.criteria_id, link.ref, sets)
                    if message:
                        problems.append(_at(d, ("items", i, field_name, j), message))
    return problems


# each relation and the field of the other set that must name this one back
RELATIONS = {
    "superseded_by": "supersedes",
    "supersedes": "superseded_by",
    "supplements": "supplemented_by",
    "supplemented_by": "supplements",
}


def _relation_problems(d: Located, doc: CriteriaSet, sets: dict[str, CriteriaSet]) -> list[Problem]:
    """Links between sets must point at loaded sets that name this one back."""
    problems = []
    for field_name, back in RELATIONS.items():
        value = getattr(doc, field_name)
        targets = (value,) if isinstance(value, str) else (value or ())
        for target_id in targets:
            target = sets.get(target_id)
            if target is None:
                message = f"{field_name}: no criteria set {target_id!r}"
            else:
                named = getattr(target, back)
                named = (named,) if isinstance(named, str) else (named or ())
                if doc.id in named:
                    continue
                message = f"{field_name}: {target_id} does not name {doc.id} in its {back}"
            problems.append(_at(d, (field_name,), message))
    return problems


def _missing_problem(set_id: str, sets: dict[str, CriteriaSet]) -> str:
    target = sets.get(set_id)
    if target is None:
        return f"missing_criteria: no criteria set {set_id!r}"
    if target.bundled:
        return f"missing_criteria: {set_id} holds its text; link its clauses instead"
    return ""


def _link_problem(field_name: str, set_id: str, ref: str, sets: dict[str, CriteriaSet]) -> str:
    target = sets.get(set_id)
    if target is None:
        close = difflib.get_close_matches(set_id, list(sets), n=1)
        tip = f" (did you mean {close[0]!r}?)" if close else ""
        return f"{field_name}: no criteria set {set_id!r}{tip}"
    clause = next((c for c in target.clauses if c.ref == ref), None)
    if clause is None:
        close = difflib.get_close_matches(ref, [c.ref for c in target.clauses], n=1)
        tip = f" (did you mean {close[0]!r}?)" if close else ""
        return f"{field_name}: {set_id} has no clause {ref!r}{tip}"
    if target.status is SetStatus.SUPERSEDED:
        successor = f"; cite {target.superseded_by}" if target.superseded_by else ""
        return f"{field_name}: {set_id} is superseded{successor}"
    if field_name == "criteria":
        if target.kind != SetKind.CRITERIA.value:
            return f"criteria: {set_id} is a {target.kind} set; put it under law or references"
        if not clause.major_hazard:
            return f"criteria: {set_id} {ref} does not itself state a major hazard"
    if field_name == "law" and target.kind != SetKind.LAW.value:
        return f"law: {set_id} is a {target.kind} set, not a law; use criteria or references"
    return ""
