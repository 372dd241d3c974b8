# SPDX-License-Identifier: Apache-2.0
"""The closed loop 排查→交办→整改→验收→销号→回头看 as a state machine."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from fieldcheck.core.errors import TransitionError


class Status(StrEnum):
    """Where a finding stands in the loop."""

    FOUND = "found"  # 排查
    ASSIGNED = "assigned"  # 交办
    RECTIFYING = "rectifying"  # 整改
    VERIFIED = "verified"  # 验收通过
    FAILED_VERIFICATION = "failed_verification"  # 验收未通过
    CLOSED = "closed"  # 销号
    REVISIT = "revisit"  # 回头看
    WITHDRAWN = "withdrawn"  # 作废: recorded in error (e.g. twice); kept, never deleted


STATUS_LABELS_ZH: dict[Status, str] = {
    Status.FOUND: "已排查",
    Status.ASSIGNED: "已交办",
    Status.RECTIFYING: "整改中",
    Status.VERIFIED: "已验收",
    Status.FAILED_VERIFICATION: "验收未通过",
    Status.CLOSED: "已销号",
    Status.REVISIT: "回头看",
    Status.WITHDRAWN: "已作废",
}


class Action(StrEnum):
    """A step a person takes on a finding."""

    ASSIGN = "assign"  # 交办: tell the site to fix it by a deadline
    REPORT_RECTIFICATION = "report_rectification"  # 整改: the site reports work / after-photos
    FIX_ON_SPOT = "fix_on_spot"  # 当场整改: fixed during the visit, with after-photos
    VERIFY_PASS = "verify_pass"  # 验收 passed
    VERIFY_FAIL = "verify_fail"  # 验收 failed: back to the site with a new deadline
    CLOSE = "close"  # 销号
    REVISIT = "revisit"  # 回头看: a later spot check of a closed hazard
    REVISIT_CONFIRM = "revisit_confirm"  # the spot check found it still fixed
    REOPEN = "reopen"  # the spot check found it back: the loop starts again
    WITHDRAW = "withdraw"  # 作废: a record made in error, with a reason; stays in the history


ACTION_LABELS_ZH: dict[Action, str] = {
    Action.ASSIGN: "交办",
    Action.REPORT_RECTIFICATION: "报告整改",
    Action.FIX_ON_SPOT: "当场整改",
    Action.VERIFY_PASS: "验收通过",
    Action.VERIFY_FAIL: "验收不通过",
    Action.CLOSE: "销号",
    Action.REVISIT: "回头看",
    Action.REVISIT_CONFIRM: "回头看：未反弹",
    Action.REOPEN: "回头看：反弹，重新交办",
    Action.WITHDRAW: "作废",
}

TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status.FOUND, Action.ASSIGN): Status.ASSIGNED,
    (Status.FOUND, Action.FIX_ON_SPOT): Status.VERIFIED,
    (Status.ASSIGNED, Action.REPORT_RECTIFICATION): Status.RECTIFYING,
    (Status.ASSIGNED, Action.VERIFY_PASS): Status.VERIFIED,
    (Status.ASSIGNED, Action.VERIFY_FAIL): Status.FAILED_VERIFICATION,
    (Status.RECTIFYING, Action.REPORT_RECTIFICATION): Status.RECTIFYING,
    (Status.RECTIFYING, Action.VERIFY_PASS): Status.VERIFIED,
    (Status.RECTIFYING, Action.VERIFY_FAIL): Status.FAILED_VERIFICATION,
    (Status.FAILED_VERIFICATION, Action.ASSIGN): Status.ASSIGNED,
    (Status.FAILED_VERIFICATION, Action.REPORT_RECTIFICATION): Status.RECTIFYING,
    (Status.VERIFIED, Action.CLOSE): Status.CLOSED,
    (Status.CLOSED, Action.REVISIT): Status.REVISIT,
    (Status.REVISIT, Action.REVISIT_CONFIRM): Status.CLOSED,
    (Status.REVISIT, Action.REOPEN): Status.ASSIGNED,
    # A hazard recorded in error can be withdrawn while it is still open.
    (Status.FOUND, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.ASSIGNED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.RECTIFYING, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.FAILED_VERIFICATION, Action.WITHDRAW): Status.WITHDRAWN,
}


class RevisitOutcome(StrEnum):
    """What a 回头看 found: the fix held, or the hazard came back (反弹)."""

    HELD = "held"  # 未反弹: struck off again
    REBOUND = "rebound"  # 反弹: assigned again with a new deadline, the loop starts over


REVISIT_OUTCOME_ZH: dict[RevisitOutcome, str] = {
    RevisitOutcome.HELD: "未反弹",
    RevisitOutcome.REBOUND: "反弹",
}
# The loop step that records each outcome after the 回头看 itself; these event names
# travel in sync unchanged (protocol 1), and the console counts 反弹 by "reopen".
REVISIT_OUTCOME_ACTION: dict[RevisitOutcome, Action] = {
    RevisitOutcome.HELD: Action.REVISIT_CONFIRM,
    RevisitOutcome.REBOUND: Action.REOPEN,
}


def revisit_outcome(action: str) -> RevisitOutcome | None:
    """The 回头看 outcome an event records, if it records one."""
    for outcome, step in REVISIT_OUTCOME_ACTION.items():
        if action == step.value:
            return outcome
    return None


# Before 验收 a deadline can lapse; after it the hazard is no longer the site's to fix.
OPEN_STATUSES = frozenset(
    {Status.FOUND, Status.ASSIGNED, Status.RECTIFYING, Status.FAILED_VERIFICATION}
)
# Actions that set a (new) deadline for the site.
DEADLINE_ACTIONS = frozenset({Action.ASSIGN, Action.VERIFY_FAIL, Action.REOPEN})


def allowed_actions(status: Status) -> list[Action]:
    """The actions the loop allows from status, in loop order."""
    return [a for (s, a) in TRANSITIONS if s == status]


def next_status(finding_id: str, status: Status, action: Action) -> Status:
    """The status after action, or TransitionError naming what is allowed instead."""
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        allowed = [f"{a.value} ({ACTION_LABELS_ZH[a]})" for a in allowed_actions(status)]
        raise TransitionError(
            finding_id, f"{status.value} ({STATUS_LABELS_ZH[status]})", action.value, allowed
        ) from None


def is_overdue(status: Status, deadline: date | None, today: date) -> bool:
    """逾期: the deadline passed before 验收. Derived, never stored."""
    return deadline is not None and status in OPEN_STATUSES and deadline < today
