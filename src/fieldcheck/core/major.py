# SPDX-License-Identifier: Apache-2.0
"""The major-hazard workflow (重大事故隐患) as a state machine, beside the loop.

suspected → confirmed / downgraded / sent back → the site's signature or refusal →
the expert's acceptance (验收). The state is derived from what is recorded (the
finding's ``major_status``, its latest major-hazard event, whether the site signed or
refused), never stored on its own; the steps are the events the history records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from fieldcheck.core.errors import CloseApprovalNeededError, TransitionError
from fieldcheck.core.loop import Action, Status, allowed_actions
from fieldcheck.core.tasks import Escalation


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


def finding_actions(
    status: Status, major_status: str | None, close_waits: Sequence[Escalation] = ()
) -> list[Action]:
    """The loop's steps a person may be offered for a finding, with the expert rules
    applied: a confirmed major hazard is never fixed on the spot (its 验收 is the
    expert's signed acceptance); and a major hazard under 挂牌督办 is not struck off
    (销号) while a listing level's approval is missing (``close_waits``)."""
    steps = allowed_actions(status)
    if major_status == "confirmed":
        steps = [a for a in steps if a is not Action.FIX_ON_SPOT]
    if close_waits:
        steps = [a for a in steps if a is not Action.CLOSE]
    return steps


# ---- 分级销号: a major hazard under 挂牌督办 closes with the listing level's approval

LEVEL_ZH = {"township": "乡镇（街道）", "county": "县（区）", "city": "市"}
ESCALATION_ZH = {"supervise": "督办", "listed": "挂牌督办"}


def approval_covers(escalation: Escalation, hazard_id: str, statement: Mapping[str, Any]) -> bool:
    """A verified approval statement consents to this hazard's 销号 for this listing: it
    names the hazard and the listing, and it was given at the listing's own level and area
    (an approver of another level or area does not count, whatever it says)."""
    return (
        statement.get("purpose") == "close_approval"
        and statement.get("hazard_id") == hazard_id
        and statement.get("escalation_id") == escalation.id
        and statement.get("level") == escalation.level
        and statement.get("level_code") == escalation.level_code
    )


def close_waits(
    level: str,
    hazard_id: str,
    escalations: Iterable[Escalation],
    statements: Sequence[Mapping[str, Any]],
) -> list[Escalation]:
    """The 挂牌督办 listings of a major hazard whose level has not approved its 销号
    (``statements``: the approvals that verified against the pinned server key). A general
    hazard never waits: it keeps the inspector's own 销号."""
    if level != "major":
        return []
    return [
        e
        for e in escalations
        if e.kind == "listed"
        and e.hazard_id == hazard_id
        and not any(approval_covers(e, hazard_id, st) for st in statements)
    ]


def waits_text(waits: Sequence[Escalation]) -> str:
    """Why 销号 waits, in words: 销号待县（区）审批（挂牌督办，责任领导：王副区长）."""
    parts = [
        f"{LEVEL_ZH.get(e.level, e.level)}审批（挂牌督办，责任领导：{e.leader}）" for e in waits
    ]
    return "销号待" + "、".join(parts) if parts else ""


def require_close_approved(finding_id: str, waits: Sequence[Escalation]) -> None:
    """CloseApprovalNeededError when a listing level's approval is missing."""
    if waits:
        levels = ", ".join(f"{e.level} {e.level_code}" for e in waits)
        raise CloseApprovalNeededError(
            f"finding {finding_id} is a major hazard under 挂牌督办: its 销号 waits for the "
            f"signed approval of the listing level ({levels}); {waits_text(waits)}. The "
            "approval is given in the console and arrives at the next sync"
        )
