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
