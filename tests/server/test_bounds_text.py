# SPDX-License-Identifier: Apache-2.0
"""bounds.bounded: the content's canonical JSON is made once; a NUL is found by its JSON
escape without a second walk, and six characters that only read like one are not a NUL."""

from __future__ import annotations

import pytest

from fieldcheck.core.canonical import canonical_json
from fieldcheck.core.ids import new_id
from fieldcheck.server.bounds import bounded
from fieldcheck.server.scope import RecordProblem
from fieldcheck.sync import refusals
from fieldcheck.sync.protocol import Change, Entity, content_sha256


def _change(content: dict[str, object]) -> Change:
    return Change.model_construct(
        entity=Entity.SITE, entity_id=content["id"], content=content, sha256=content_sha256({})
    )


def _site(**extra: object) -> dict[str, object]:
    return {"id": new_id(), "name": "厂", **extra}


def test_the_canonical_text_is_returned_for_the_later_checks() -> None:
    content = _site(address="路 1 号", tags=["a", {"b": 1}])
    assert bounded(0, _change(content)) == canonical_json(content).encode("utf-8")


@pytest.mark.parametrize("text", ["\\u0000", "a\\\\u0000", "\\\\u0000b"])
def test_text_that_only_reads_like_a_nul_escape_is_kept(text: str) -> None:
    content = _site(address=text)
    assert bounded(0, _change(content)) == canonical_json(content).encode("utf-8")


@pytest.mark.parametrize(
    "content",
    [
        _site(address="a\x00b"),
        _site(tags=[{"deep": "\x00"}]),
        {"id": new_id(), "na\x00me": "厂"},
        _site(address="\x00", colour=float("nan")),  # the NUL is said first, as before
    ],
)
def test_a_nul_anywhere_is_refused_as_bad_text(content: dict[str, object]) -> None:
    with pytest.raises(RecordProblem, match="NUL character") as refused:
        bounded(3, _change(content))
    assert refused.value.code == refusals.BAD_TEXT and "changes[3]" in str(refused.value)


def test_nan_and_a_lone_surrogate_are_still_refused() -> None:
    with pytest.raises(RecordProblem, match="NaN"):
        bounded(0, _change(_site(colour=float("inf"))))
    with pytest.raises(RecordProblem, match="not valid Unicode"):
        bounded(0, _change(_site(address="\ud800")))


def _nested(levels: int, *, via_list: bool) -> object:
    """A value nesting ``levels`` containers deep, dicts or lists taking turns when via_list,
    each level beside scalars (which the depth check skips) and shallower containers."""
    value: object = "底"
    for n in range(levels):
        beside: object = [] if n else "x"  # an empty container is a level of its own
        if via_list and n % 2:
            value = [1, beside, value, None]
        else:
            value = {"a": 1, "b": beside, "deep": value, "d": None}
    return value


@pytest.mark.parametrize("via_list", [False, True])
def test_a_record_exactly_as_deep_as_allowed_passes_and_one_level_more_is_refused(
    via_list: bool,
) -> None:
    from fieldcheck.server.bounds import MAX_DEPTH

    # The record itself is the first level.
    ok = _site(extra=_nested(MAX_DEPTH - 1, via_list=via_list))
    assert bounded(0, _change(ok)) == canonical_json(ok).encode("utf-8")
    deep = _site(extra=_nested(MAX_DEPTH, via_list=via_list))
    with pytest.raises(RecordProblem) as caught:
        bounded(3, _change(deep))
    assert caught.value.code == refusals.TOO_DEEP
    assert str(caught.value).startswith(f"changes[3] (site {deep['id']}): nested deeper than")
