# SPDX-License-Identifier: Apache-2.0
"""The major-hazard workflow's state machine (core.major)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from fieldcheck.core.errors import TransitionError
from fieldcheck.core.loop import Action, Status
from fieldcheck.core.major import (
    ACCEPT,
    MAJOR_TRANSITIONS,
    MajorState,
    MajorStep,
    MajorStepError,
    allowed_major_steps,
    finding_actions,
    major_state,
    next_major_state,
)
from fieldcheck.core.models import FindingEvent
from fieldcheck.core.terms import Change


def test_the_whole_workflow_in_order() -> None:
    s = MajorState.NONE
    for step in (
        MajorStep.FLAG,
        MajorStep.SEND_BACK,
        MajorStep.FLAG,
        MajorStep.CONFIRM,
        MajorStep.SITE_REFUSE,
        ACCEPT,
    ):
        s = next_major_state("f1", s, step)
    assert s is MajorState.ACKNOWLEDGED


def test_every_state_is_reachable_from_none() -> None:
    seen = {MajorState.NONE}
    frontier = [MajorState.NONE]
    while frontier:
        s = frontier.pop()
        for step in allowed_major_steps(s):
            t = MAJOR_TRANSITIONS[(s, step)]
            if t not in seen:
                seen.add(t)
                frontier.append(t)
    assert seen == set(MajorState)


def test_a_decision_on_a_sent_back_finding_names_finding_state_why_and_allowed() -> None:
    with pytest.raises(MajorStepError) as err:
        next_major_state("f-7", MajorState.SENT_BACK, MajorStep.CONFIRM)
    text = str(err.value)
    assert "f-7" in text and "major_confirm" in text and "sent_back" in text
    assert "sent back to the inspector" in text  # why, in words
    assert "allowed from here: major_flag" in text
    assert isinstance(err.value, TransitionError)  # the window's words for a refused step
    assert err.value.allowed == ["major_flag (标记疑似重大隐患)"]


@pytest.mark.parametrize(
    ("state", "step", "why"),
    [
        (MajorState.SUSPECTED, MajorStep.FLAG, "already waiting for an expert"),
        (MajorState.CONFIRMED, MajorStep.FLAG, "already decided"),
        (MajorState.DOWNGRADED, MajorStep.CONFIRM, "already decided"),
        (MajorState.NONE, MajorStep.CONFIRM, "not flagged"),
        (MajorState.SUSPECTED, MajorStep.SITE_SIGN, "after the expert confirms"),
        (MajorState.DOWNGRADED, MajorStep.SITE_REFUSE, "after the expert confirms"),
        (MajorState.ACKNOWLEDGED, MajorStep.SITE_SIGN, "already recorded"),
        (MajorState.SUSPECTED, ACCEPT, "not a confirmed major hazard"),
    ],
)
def test_refusals_say_why(state: MajorState, step: MajorStep | Action, why: str) -> None:
    with pytest.raises(MajorStepError, match=why):
        next_major_state("f1", state, step)


def test_the_state_is_derived_from_what_is_recorded() -> None:
    assert major_state(None, None, False) is MajorState.NONE
    assert major_state("suspected", "major_flag", False) is MajorState.SUSPECTED
    assert major_state("suspected", None, False) is MajorState.SUSPECTED  # flagged at record
    assert major_state("suspected", "major_send_back", False) is MajorState.SENT_BACK
    assert major_state("confirmed", "major_confirm", False) is MajorState.CONFIRMED
    assert major_state("confirmed", "major_confirm", True) is MajorState.ACKNOWLEDGED
    assert major_state("downgraded", "major_downgrade", False) is MajorState.DOWNGRADED


def test_a_confirmed_major_hazard_is_never_offered_fix_on_the_spot() -> None:
    assert Action.FIX_ON_SPOT in finding_actions(Status.FOUND, None)
    assert Action.FIX_ON_SPOT in finding_actions(Status.FOUND, "suspected")
    assert finding_actions(Status.FOUND, "confirmed") == [Action.ASSIGN, Action.WITHDRAW]


def test_finding_event_actions_are_typed_and_keep_their_stored_strings() -> None:
    at = datetime(2026, 12, 2, 8, tzinfo=UTC)
    for raw, kind in (("assign", Action), ("major_send_back", MajorStep), ("record", Change)):
        ev = FindingEvent(
            finding_id="f1", action=raw, from_status=None, to_status=Status.FOUND,
            actor_id="p1", at=at,
        )  # fmt: skip
        assert isinstance(ev.action, kind)
        assert ev.model_dump(mode="json")["action"] == raw
        assert f"finding.{ev.action}" == f"finding.{raw}"
    with pytest.raises(ValidationError):
        FindingEvent(
            finding_id="f1", action="shredded", from_status=None, to_status=Status.FOUND,
            actor_id="p1", at=at,
        )  # fmt: skip
