# SPDX-License-Identifier: Apache-2.0
from __future__ import annotations

from datetime import date

import pytest

from fieldcheck.core.errors import TransitionError
from fieldcheck.core.loop import (
    TRANSITIONS,
    Action,
    Status,
    allowed_actions,
    is_overdue,
    next_status,
)


def test_the_whole_loop_in_order() -> None:
    s = Status.FOUND
    for action in (
        Action.ASSIGN,
        Action.REPORT_RECTIFICATION,
        Action.VERIFY_PASS,
        Action.CLOSE,
        Action.REVISIT,
        Action.REOPEN,
    ):
        s = next_status("f1", s, action)
    assert s is Status.ASSIGNED


def test_close_before_verification_names_finding_status_and_allowed() -> None:
    with pytest.raises(TransitionError) as err:
        next_status("f-42", Status.ASSIGNED, Action.CLOSE)
    text = str(err.value)
    assert "f-42" in text and "assigned" in text and "已交办" in text
    assert "report_rectification" in text and "verify_pass" in text


def test_every_status_is_reachable_from_found() -> None:
    seen = {Status.FOUND}
    frontier = [Status.FOUND]
    while frontier:
        s = frontier.pop()
        for a in allowed_actions(s):
            t = TRANSITIONS[(s, a)]
            if t not in seen:
                seen.add(t)
                frontier.append(t)
    assert seen == set(Status)


def test_overdue_is_derived_and_ends_at_verification() -> None:
    today = date(2026, 11, 25)
    assert is_overdue(Status.ASSIGNED, date(2026, 11, 24), today)
    assert not is_overdue(Status.ASSIGNED, date(2026, 11, 25), today)
    assert not is_overdue(Status.VERIFIED, date(2026, 1, 1), today)
    assert not is_overdue(Status.ASSIGNED, None, today)
