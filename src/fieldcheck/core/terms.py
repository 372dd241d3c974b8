# SPDX-License-Identifier: Apache-2.0
"""The terms of the domain: the enumerations records use, with their Chinese labels.

Risk levels, roles, inspection kinds, item outcomes, hazard levels, the expert's major
status, photo kinds, document kinds, and what a finding event records (a loop step, a
major-hazard step or a `Change`), and the checked text types records share (`USCC`,
a 统一社会信用代码; `NonEmpty`). The enumeration values are the strings stored and
synced; they never change. The records built from these terms live in `core.models`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field

from fieldcheck.core.loop import Action
from fieldcheck.core.major import MajorStep
from fieldcheck.core.uscc import uscc_problem


def _check_uscc(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    value = value.strip().upper()
    problem = uscc_problem(value)
    if problem:
        raise ValueError(f"统一社会信用代码 {value!r}: {problem}")
    return value


USCC = Annotated[str | None, AfterValidator(_check_uscc)]
NonEmpty = Annotated[str, Field(min_length=1, max_length=2000)]


class RiskLevel(StrEnum):
    """Site risk grading used to plan visits."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    MAJOR = "major"


class Role(StrEnum):
    """What a person does in the loop."""

    GRID = "grid"  # 网格员
    ENFORCEMENT = "enforcement"  # 执法人员
    EXPERT = "expert"  # 技术专家
    SUPERVISOR = "supervisor"  # 监管
    SITE_REP = "site_rep"  # 被检查单位负责人


ROLE_LABELS_ZH: dict[Role, str] = {
    Role.GRID: "网格员",
    Role.ENFORCEMENT: "执法人员",
    Role.EXPERT: "技术专家",
    Role.SUPERVISOR: "监管人员",
    Role.SITE_REP: "单位负责人",
}


class InspectionKind(StrEnum):
    """日常/专项/复查/回头看."""

    ROUTINE = "routine"  # 日常检查
    SPECIAL = "special"  # 专项检查
    REINSPECTION = "reinspection"  # 复查
    REVISIT = "revisit"  # 回头看


INSPECTION_KIND_ZH: dict[InspectionKind, str] = {
    InspectionKind.ROUTINE: "日常检查",
    InspectionKind.SPECIAL: "专项检查",
    InspectionKind.REINSPECTION: "复查",
    InspectionKind.REVISIT: "回头看",
}


class ItemOutcome(StrEnum):
    """合格/不合格/不适用/未检."""

    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "na"
    NOT_CHECKED = "unchecked"


ITEM_OUTCOME_ZH: dict[ItemOutcome, str] = {
    ItemOutcome.PASS: "合格",
    ItemOutcome.FAIL: "不合格",
    ItemOutcome.NOT_APPLICABLE: "不适用",
    ItemOutcome.NOT_CHECKED: "未检",
}


class Level(StrEnum):
    """一般/重大事故隐患."""

    GENERAL = "general"
    MAJOR = "major"


LEVEL_ZH: dict[Level, str] = {Level.GENERAL: "一般隐患", Level.MAJOR: "重大隐患"}
# A major hazard the inspector suspects and no expert has ruled on yet: papers say so.
SUSPECTED_MAJOR_ZH = "疑似重大隐患"


class MajorStatus(StrEnum):
    """Where a (suspected) major hazard stands with the expert."""

    SUSPECTED = "suspected"  # the inspector thinks it is major
    CONFIRMED = "confirmed"  # an expert confirmed and signed
    DOWNGRADED = "downgraded"  # an expert judged it general


def is_suspected_major(level: str, major_status: str | None) -> bool:
    """A major hazard no expert has confirmed or downgraded yet: nothing calls it major
    (重大隐患) until the expert rules; papers say 疑似重大隐患, the window 疑似重大，待专家确认."""
    return level == Level.MAJOR and major_status == MajorStatus.SUSPECTED


def level_zh(level: str, major_status: str | None = None) -> str:
    """一般隐患 / 重大隐患; a major hazard no expert has confirmed yet is 疑似重大隐患."""
    if is_suspected_major(level, major_status):
        return SUSPECTED_MAJOR_ZH
    known = {lv.value: text for lv, text in LEVEL_ZH.items()}
    return known.get(level, level)


class Change(StrEnum):
    """A recorded change of a finding that is not a step of the loop or the major-hazard
    workflow."""

    RECORD = "record"  # 排查: the finding was recorded
    EDIT = "edit"  # facts edited in place (nothing covered them yet)
    CORRECT = "correct"  # a new version that corrects a frozen one


# What a finding event records: a loop step, a major-hazard step, or a change. The
# values are the strings stored and synced; they never change.
EventAction = Action | MajorStep | Change


class PhotoKind(StrEnum):
    """Evidence of the hazard, proof of its rectification, or what a 回头看 saw."""

    EVIDENCE = "evidence"
    RECTIFICATION = "rectification"
    REVISIT = "revisit"  # taken at a 回头看 of a closed hazard (held or come back)


class NoticeKind(StrEnum):
    """The documents fieldcheck issues."""

    RECORD = "record"  # 现场检查记录
    RECTIFICATION = "rectification"  # 隐患整改通知书 (township)
    ORDER = "order"  # 责令限期整改指令书 (enforcement)
    REVIEW = "review"  # 整改复查意见书
