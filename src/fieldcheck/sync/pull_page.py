# SPDX-License-Identifier: Apache-2.0
"""A pulled page read record by record, so one record can never make the page unreadable.

The page is first read whole through its wire model (the quick path, taken by every
page that is fine). When that fails, the page's text is split into its records without
parsing them (a scan that keeps no stack, so a record nested 5000 levels deep costs no
recursion), and each record is read on its own. A record that is not an object, is
nested deeper than :data:`MAX_DEPTH`, holds a lone surrogate, names an unknown kind,
does not fit the record model or whose content's id overrides the record's id is set
aside by name with the reason; every other record of the page applies. Only an
envelope that does not read (cursor, more) makes the page unreadable.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from fieldcheck.sync.protocol import Entity, PulledRecord, PullResponse, WithheldRecord

MAX_DEPTH = 64  # a record's content nested deeper than this is never read
KEEP_CHARS = 65536  # of a set-aside record's text, kept for a person to look at
_NESTING = (dict, list)
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
# The id of a set-aside record that did not say its own: its place in the page.
UNNAMED = re.compile(r"record (\d+) of the page")


@dataclass(frozen=True)
class SetAside:
    """A record of the page that was not read, named as far as it could be, with why."""

    entity: str
    entity_id: str
    code: str  # too_deep, lone_surrogate, unknown_kind, not_object, not_record, id_override,
    # withheld (the server held it but did not send it)
    reason: str  # in English, the detail
    text: str  # the record as received (JSON text, cut at KEEP_CHARS)


@dataclass(frozen=True)
class Page:
    """A pulled page: the records that read, those set aside, and where to go on."""

    records: list[PulledRecord]
    cursor: int
    more: bool
    aside: list[SetAside] = field(default_factory=list)


def read(raw: bytes) -> Page:
    """The page in a /v1/pull answer; ValueError when even its envelope does not read."""
    try:
        whole = PullResponse.model_validate_json(raw)
    except ValidationError:
        return _one_by_one(raw.decode("utf-8"))
    good: list[PulledRecord] = []
    aside = [_withheld(w) for w in whole.withheld or []]
    for rec in whole.records:  # what the model reads can still be too deep or an override
        problem = _depth_problem(rec.content) or _override(rec)
        if problem is None:
            good.append(rec)
        else:
            aside.append(_aside(rec.entity.value, rec.entity_id, *problem, rec.model_dump_json()))
    return Page(good, whole.cursor, whole.more, aside)


Problem = tuple[str, str]  # (code, the detail in English)


def _aside(entity: str, entity_id: str, code: str, reason: str, text: str) -> SetAside:
    return SetAside(entity, entity_id, code, reason, text[:KEEP_CHARS])


def _withheld(w: WithheldRecord) -> SetAside:
    reason = f"withheld by server (feed position {w.seq}): {w.reason}"
    return _aside(_clean(w.entity), _clean(w.entity_id), "withheld", reason, w.model_dump_json())


def _envelope_withheld(head: dict[str, Any]) -> list[SetAside]:
    """What the page says the server withheld, when the page only reads record by record."""
    try:
        named = [WithheldRecord.model_validate(w) for w in head.get("withheld") or []]
    except (ValidationError, TypeError):
        return []  # the list itself does not read: nothing to name, the records go on
    return [_withheld(w) for w in named]


def _depth(value: dict[str, Any] | list[Any], limit: int) -> int:
    """How deep value nests (an object or list counts 1), looking no deeper than limit."""
    inner = value.values() if isinstance(value, dict) else value
    nested = [v for v in inner if type(v) in _NESTING]  # as JSON reads: scalars cost no call
    if not nested or limit <= 1:
        return 1 + (limit <= 1 and bool(nested))
    return 1 + max(_depth(v, limit - 1) for v in nested)


def _depth_problem(content: dict[str, Any]) -> Problem | None:
    if _depth(content, MAX_DEPTH + 1) > MAX_DEPTH:
        return "too_deep", f"nested deeper than {MAX_DEPTH} levels"
    return None


def _override(rec: PulledRecord) -> Problem | None:
    ident = rec.content.get("id")
    if ident is not None and str(ident) != rec.entity_id:
        return "id_override", (
            f"its content's id {str(ident)[:80]!r} overrides the record's id {rec.entity_id!r}"
        )
    return None


def _one_by_one(text: str) -> Page:
    envelope, parts = _split(text)
    head = json.loads(envelope)
    if not isinstance(head, dict):
        raise ValueError("the page is not an object")
    cursor, more = head.get("cursor"), head.get("more")
    if not isinstance(cursor, int) or not isinstance(more, bool):
        raise ValueError("the page has no cursor or no more")
    good: list[PulledRecord] = []
    aside = _envelope_withheld(head)
    for n, (raw, depth, shallow) in enumerate(parts):
        rec, (code, why) = _record(raw, depth, shallow)
        if rec is not None:
            good.append(rec)
            continue
        names = _names(shallow)
        entity = names.get("entity") if isinstance(names.get("entity"), str) else None
        ident = names.get("entity_id") if isinstance(names.get("entity_id"), str) else None
        where = f"record {n + 1} of the page"  # UNNAMED
        aside.append(
            _aside(
                _clean(entity or "unknown"), _clean(ident or where), code, f"{where}: {why}", raw
            )
        )
    return Page(good, cursor, more, aside)


def _clean(name: str) -> str:
    """A name as text a database takes (a lone surrogate shown as its escape)."""
    return name.encode("utf-8", "backslashreplace").decode("utf-8")[:200]


def _names(shallow: str) -> dict[str, Any]:
    try:
        value = json.loads(shallow)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _record(raw: str, depth: int, shallow: str) -> tuple[PulledRecord | None, Problem]:
    """One record of the page, or None and why it is set aside (code, detail)."""
    if not raw.startswith("{"):
        return None, ("not_object", "not an object")
    if depth - 1 > MAX_DEPTH:  # the record's own object is one level above its content
        return None, ("too_deep", f"nested {depth - 1} levels deep (at most {MAX_DEPTH})")
    if _SURROGATE.search(raw) and _lone_surrogate(json.loads(raw)):
        return None, ("lone_surrogate", "text with a lone surrogate (not valid Unicode)")
    entity = _names(shallow).get("entity")
    if entity not in {e.value for e in Entity}:
        return None, ("unknown_kind", f"unknown kind {str(entity)[:40]!r}")
    try:
        rec = PulledRecord.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        return None, ("not_record", f"does not fit the record model ({loc}: {first['msg']})")
    problem = _depth_problem(rec.content) or _override(rec)
    return (None, problem) if problem else (rec, ("", ""))


def _lone_surrogate(value: Any) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _split(text: str) -> tuple[str, list[tuple[str, int, str]]]:
    """The envelope with its records list emptied, and each record's text, depth and
    shallow text (each value nested below the record's own fields replaced by null).

    One pass over the characters counting brackets outside strings: no recursion."""
    parts: list[tuple[str, int, str]] = []
    depth = 0  # 1 inside the page object, 2 inside its records list, 3 inside a record
    in_string = escaped = in_records = False
    last_key, string_at, open_at, close_at = "", 0, -1, -1
    begin, deepest = 0, 2  # the record being read
    shallow: list[str] = []

    def end(at: int) -> None:
        raw = text[begin:at].strip()
        if raw:
            parts.append((raw, deepest - 2, "".join(shallow).strip()))

    for i, ch in enumerate(text):
        keep = in_records and depth <= 3
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
                if depth == 1:
                    last_key = text[string_at + 1 : i]
        elif ch == '"':
            in_string, string_at = True, i
        elif ch in "{[":
            depth += 1
            if depth == 2 and ch == "[" and last_key == "records" and open_at < 0:
                in_records, open_at, begin, deepest, shallow = True, i, i + 1, 2, []
                continue
            deepest = max(deepest, depth) if in_records else deepest
            keep = in_records and depth <= 3
            if in_records and depth == 4:
                shallow.append("null")
        elif ch in "}]":
            if in_records and depth == 2:  # the records list closes
                end(i)
                in_records, close_at = False, i
                keep = False
            depth -= 1
            if depth < 0:
                raise ValueError(f"the page's text closes more than it opened (at {i})")
        elif ch == "," and in_records and depth == 2:
            end(i)
            begin, deepest, shallow = i + 1, 2, []
            continue
        if keep:
            shallow.append(ch)
    if in_string or depth != 0 or close_at < 0:
        raise ValueError("the page's text ends inside a value, or has no records list")
    return text[:open_at] + "[]" + text[close_at + 1 :], parts
