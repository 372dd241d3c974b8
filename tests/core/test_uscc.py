# SPDX-License-Identifier: Apache-2.0
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldcheck.core.models import Site
from fieldcheck.core.uscc import ALPHABET, make_uscc, uscc_problem


def test_published_code_is_valid() -> None:
    # A code printed on a real business licence (GB 32100 worked example shape).
    assert uscc_problem("91350100M000100Y43") is None


def test_wrong_check_character_is_named() -> None:
    problem = uscc_problem("91350100M000100Y44")
    assert problem is not None and "check character" in problem and "'3'" in problem


@pytest.mark.parametrize(
    ("code", "words"),
    [("9135010", "18 characters"), ("91350100M000100YI3", "not allowed"), ("", "18 characters")],
)
def test_malformed_codes_are_refused_with_reason(code: str, words: str) -> None:
    problem = uscc_problem(code)
    assert problem is not None and words in problem


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17))
def test_completed_code_always_validates_and_any_other_check_fails(first17: str) -> None:
    code = make_uscc(first17)
    assert uscc_problem(code) is None
    for other in ALPHABET:
        if other != code[-1]:
            assert uscc_problem(first17 + other) is not None


def test_site_refuses_invalid_code() -> None:
    with pytest.raises(ValueError, match="统一社会信用代码"):
        Site(name="x", address="y", jurisdiction="1", uscc="91350100M000100Y44")


def test_site_normalises_lower_case_code() -> None:
    site = Site(name="x", address="y", jurisdiction="1", uscc="91350100m000100y43")
    assert site.uscc == "91350100M000100Y43"
