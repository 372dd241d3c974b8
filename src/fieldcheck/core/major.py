# SPDX-License-Identifier: Apache-2.0
"""The major-hazard workflow (重大事故隐患) as a state machine, beside the loop.

suspected → confirmed / downgraded / sent back → the site's signature or refusal →
the expert's acceptance (验收). The state is derived from what is recorded (the
finding's ``major_status``, its latest major-hazard event, whether the site signed or
refused), never stored on its own; the steps are the events the history records.
"""

from __future__ import annotations

from enum import StrEnum

from fieldcheck.core.errors import TransitionError
from fieldcheck.core.loop import Action, Status, allowed_actions


class MajorState(StrEnum):
    """Where a finding stands in the major-hazard workflow."""

    NONE = "none"  # not flagged as a suspected major hazard
    SUSPECTED = "suspected"  # flagged, waiting for an expert's decision
    SENT_BACK = "sent_back"  # an expert returned it to the inspector
    CONFIRMED = "confirmed"  # an expert confirmed it; the site signs or refuses next
    DOWNGRADED = "downgraded"  # an expert judged it a general hazard
    ACKNOWLEDGED = "acknowledged"  # confirmed, and the site signed or refused (挂牌督办)


MAJOR_STATE_ZH: dict[MajorState, str] = {
    MajorState.NONE: "未标记重大隐患",
    MajorState.SUSPECTED: "疑似重大隐患，待专家审核",
    MajorState.SENT_BACK: "专家已退回，待检查人员补充",
    MajorState.CONFIRMED: "专家已确认，待单位负责人签字",
    MajorState.DOWNGRADED: "专家改判为一般隐患",
    MajorState.ACKNOWLEDGED: "单位已签字或拒签，挂牌督办",
}


class MajorStep(StrEnum):
    """A recorded step of the workflow; the value is the finding event's action."""

    FLAG = "major_flag"  # the inspector flags it under a criteria clause
    CONFIRM = "major_confirm"  # the expert confirms, signed
    DOWNGRADE = "major_downgrade"  # the expert judges it general, signed
    SEND_BACK = "major_send_back"  # the expert returns it to the inspector, signed
    SITE_SIGN = "site_sign"  # the site's person signed by hand (the inspector's key covers it)
    SITE_REFUSE = "site_refuse"  # 拒签, with a witness


MAJOR_STEP_ZH: dict[MajorStep | Action, str] = {
    MajorStep.FLAG: "标记疑似重大隐患",
    MajorStep.CONFIRM: "专家确认",
    MajorStep.DOWNGRADE: "专家改判为一般隐患",
    MajorStep.SEND_BACK: "专家退回",
    MajorStep.SITE_SIGN: "单位负责人签字",
    MajorStep.SITE_REFUSE: "单位负责人拒签",
    Action.VERIFY_PASS: "专家验收",
}

# The expert's acceptance is the loop's 验收 (verify_pass), signed by an expert; the
# workflow allows it once confirmed and does not move (the loop's status does).
ACCEPT = Action.VERIFY_PASS

MAJOR_TRANSITIONS: dict[tuple[MajorState, MajorStep | Action], MajorState] = {
    (MajorState.NONE, MajorStep.FLAG): MajorState.SUSPECTED,
    (MajorState.SENT_BACK, MajorStep.FLAG): MajorState.SUSPECTED,
    (MajorState.SUSPECTED, MajorStep.CONFIRM): MajorState.CONFIRMED,
    (MajorState.SUSPECTED, MajorStep.DOWNGRADE): MajorState.DOWNGRADED,
    (MajorState.SUSPECTED, MajorStep.SEND_BACK): MajorState.SENT_BACK,
    (MajorState.CONFIRMED, MajorStep.SITE_SIGN): MajorState.ACKNOWLEDGED,
    (MajorState.CONFIRMED, MajorStep.SITE_REFUSE): MajorState.ACKNOWLEDGED,
    (MajorState.CONFIRMED, ACCEPT): MajorState.CONFIRMED,
    (MajorState.ACKNOWLEDGED, ACCEPT): MajorState.ACKNOWLEDGED,
}

# Why a step is refused in a state, in words a person can act on.
_WHY: dict[MajorState, str] = {
    MajorState.NONE: "it is not flagged as a suspected major hazard",
    MajorState.SUSPECTED: "it is already waiting for an expert's review",
    MajorState.SENT_BACK: (
        "it was sent back to the inspector; it must be flagged again (or corrected) "
        "before an expert decides"
    ),
    MajorState.CONFIRMED: "an expert already decided (confirmed)",
    MajorState.DOWNGRADED: "an expert already decided (downgraded)",
    MajorState.ACKNOWLEDGED: "the site's signature or refusal is already recorded",
}
# Site steps before the expert's confirmation: the rule people know.
_SITE_TOO_EARLY = (
    "it is not an expert-confirmed major hazard; the site signs after the expert confirms"
)
_SITE_STEPS = frozenset({MajorStep.SITE_SIGN, MajorStep.SITE_REFUSE})


class MajorStepError(TransitionError):
    """A major-hazard step the workflow does not allow from the finding's state."""

    def __init__(
        self, finding_id: str, state: MajorState, step: MajorStep | Action, why: str
    ) -> None:
        allowed = [f"{a.value} ({MAJOR_STEP_ZH[a]})" for a in allowed_major_steps(state)]
        current = f"{state.value} ({MAJOR_STATE_ZH[state]})"
        super().__init__(finding_id, current, step.value, allowed, why)
        self.state = state
        self.step = step


def major_state(
    major_status: str | None, last_major_step: str | None, acknowledged: bool
) -> MajorState:
    """The workflow state of what is recorded: the finding's major_status, the action
    of its latest major_* event, and whether the site signed or refused."""
    if major_status is None:
        return MajorState.NONE
    if major_status == "suspected":
        return (
            MajorState.SENT_BACK if last_major_step == MajorStep.SEND_BACK else MajorState.SUSPECTED
        )
    if major_status == "downgraded":
        return MajorState.DOWNGRADED
    return MajorState.ACKNOWLEDGED if acknowledged else MajorState.CONFIRMED


def allowed_major_steps(state: MajorState) -> list[MajorStep | Action]:
    """The steps the workflow allows from state, in workflow order."""
    return [step for (s, step) in MAJOR_TRANSITIONS if s == state]


def next_major_state(finding_id: str, state: MajorState, step: MajorStep | Action) -> MajorState:
    """The state after step, or MajorStepError naming the finding, its state, why, and
    the steps allowed instead."""
    try:
        return MAJOR_TRANSITIONS[(state, step)]
    except KeyError:
        if step in _SITE_STEPS and state is not MajorState.ACKNOWLEDGED:
            why = _SITE_TOO_EARLY
        elif step is ACCEPT:
            why = "it is not a confirmed major hazard"
        else:
            why = _WHY[state]
        raise MajorStepError(finding_id, state, step, why) from None


def finding_actions(status: Status, major_status: str | None) -> list[Action]:
    """The loop's steps a person may be offered for a finding, with the expert rules
    applied: a confirmed major hazard is never fixed on the spot (its 验收 is the
    expert's signed acceptance)."""
    steps = allowed_actions(status)
    if major_status == "confirmed":
        steps = [a for a in steps if a is not Action.FIX_ON_SPOT]
    return steps
