# SPDX-License-Identifier: Apache-2.0
"""Domain words (status, level, action, role) as shown in the window, translatable."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QLocale, QTime
from PySide6.QtGui import QColor

from fieldcheck.core import timefmt
from fieldcheck.core.loop import (
    ACTION_LABELS_ZH,
    REVISIT_OUTCOME_ZH,
    STATUS_LABELS_ZH,
    Action,
    RevisitOutcome,
    Status,
)
from fieldcheck.core.terms import (
    INSPECTION_KIND_ZH,
    ITEM_OUTCOME_ZH,
    LEVEL_ZH,
    ROLE_LABELS_ZH,
    InspectionKind,
    ItemOutcome,
    Level,
    MajorStatus,
    NoticeKind,
    Role,
    is_suspected_major,
)
from fieldcheck.reports.wording import TITLES

MAJOR_STATUS_ZH = {
    MajorStatus.SUSPECTED: "疑似重大，待专家确认",
    MajorStatus.CONFIRMED: "专家已确认",
    MajorStatus.DOWNGRADED: "专家判定为一般",
}

MAJOR_SHORT_ZH = {
    MajorStatus.SUSPECTED: "疑似重大",
    MajorStatus.CONFIRMED: "重大（已确认）",
    MajorStatus.DOWNGRADED: "一般（专家改判）",
}

# The core's labels, repeated here only so that pyside6-lupdate sees them; a test
# checks that this list and the core's dictionaries never drift apart.
MARKED = (
    QT_TRANSLATE_NOOP("domain", "已排查"),
    QT_TRANSLATE_NOOP("domain", "已交办"),
    QT_TRANSLATE_NOOP("domain", "整改中"),
    QT_TRANSLATE_NOOP("domain", "已验收"),
    QT_TRANSLATE_NOOP("domain", "验收未通过"),
    QT_TRANSLATE_NOOP("domain", "已销号"),
    QT_TRANSLATE_NOOP("domain", "回头看"),
    QT_TRANSLATE_NOOP("domain", "交办"),
    QT_TRANSLATE_NOOP("domain", "报告整改"),
    QT_TRANSLATE_NOOP("domain", "当场整改"),
    QT_TRANSLATE_NOOP("domain", "验收通过"),
    QT_TRANSLATE_NOOP("domain", "验收不通过"),
    QT_TRANSLATE_NOOP("domain", "销号"),
    QT_TRANSLATE_NOOP("domain", "回头看：未反弹"),
    QT_TRANSLATE_NOOP("domain", "回头看：反弹，重新交办"),
    QT_TRANSLATE_NOOP("domain", "未反弹"),
    QT_TRANSLATE_NOOP("domain", "反弹"),
    QT_TRANSLATE_NOOP("domain", "已作废"),
    QT_TRANSLATE_NOOP("domain", "作废"),
    QT_TRANSLATE_NOOP("domain", "一般隐患"),
    QT_TRANSLATE_NOOP("domain", "重大隐患"),
    QT_TRANSLATE_NOOP("domain", "网格员"),
    QT_TRANSLATE_NOOP("domain", "执法人员"),
    QT_TRANSLATE_NOOP("domain", "技术专家"),
    QT_TRANSLATE_NOOP("domain", "监管人员"),
    QT_TRANSLATE_NOOP("domain", "单位负责人"),
    QT_TRANSLATE_NOOP("domain", "日常检查"),
    QT_TRANSLATE_NOOP("domain", "专项检查"),
    QT_TRANSLATE_NOOP("domain", "复查"),
    QT_TRANSLATE_NOOP("domain", "合格"),
    QT_TRANSLATE_NOOP("domain", "不合格"),
    QT_TRANSLATE_NOOP("domain", "不适用"),
    QT_TRANSLATE_NOOP("domain", "未检"),
    QT_TRANSLATE_NOOP("domain", "疑似重大，待专家确认"),
    QT_TRANSLATE_NOOP("domain", "专家已确认"),
    QT_TRANSLATE_NOOP("domain", "专家判定为一般"),
    QT_TRANSLATE_NOOP("domain", "疑似重大"),
    QT_TRANSLATE_NOOP("domain", "重大（已确认）"),
    QT_TRANSLATE_NOOP("domain", "一般（专家改判）"),
    QT_TRANSLATE_NOOP("domain", "现场检查记录"),
    QT_TRANSLATE_NOOP("domain", "隐患整改通知书"),
    QT_TRANSLATE_NOOP("domain", "责令限期整改指令书"),
    QT_TRANSLATE_NOOP("domain", "整改复查意见书"),
)


def _t(text: str) -> str:
    return QCoreApplication.translate("domain", text)


def status_label(status: str) -> str:
    return _t(STATUS_LABELS_ZH[Status(status)])


def level_label(level: str) -> str:
    return _t(LEVEL_ZH[Level(level)])


def action_label(action: Action) -> str:
    return _t(ACTION_LABELS_ZH[action])


def revisit_outcome_label(outcome: RevisitOutcome) -> str:
    """未反弹 / 反弹 in the window's language."""
    return _t(REVISIT_OUTCOME_ZH[outcome])


def role_label(role: str) -> str:
    return _t(ROLE_LABELS_ZH[Role(role)])


def kind_label(kind: str) -> str:
    return _t(INSPECTION_KIND_ZH[InspectionKind(kind)])


def outcome_label(outcome: ItemOutcome) -> str:
    return _t(ITEM_OUTCOME_ZH[outcome])


def major_label(major_status: str | None) -> str:
    return _t(MAJOR_STATUS_ZH[MajorStatus(major_status)]) if major_status else ""


def level_words(level: str, major_status: str | None) -> list[str]:
    """A hazard's level, then what the expert said of it: [重大隐患, 专家已确认]; one
    awaiting the expert is [疑似重大，待专家确认] alone, never called major."""
    if is_suspected_major(level, major_status):
        return [major_label(major_status)]
    return [level_label(level)] + ([major_label(major_status)] if major_status else [])


# Dates in the window's language. The Chinese window keeps core.timefmt's forms (the
# ones papers and the CLI print); a translation of these Qt date formats ("d MMM yyyy")
# makes the window write its dates in the installed locale (QLocale's default, set by
# install_translators), e.g. "3 Dec 2026 16:33".
_DATE_FORM = "yyyy年M月d日"
_DATETIME_FORM = "yyyy年M月d日 HH:mm"


def date_text(value: date | datetime | None, blank: str = "") -> str:
    """2026年12月1日 (3 Dec 2026 in English), the day on the device's clock."""
    if value is None:
        return blank
    form = QCoreApplication.translate("dates", "yyyy年M月d日")
    if form == _DATE_FORM:
        return timefmt.date_text(value)
    d = timefmt.local_date(value)
    return QLocale().toString(QDate(d.year, d.month, d.day), form)


def wall_text(value: datetime) -> str:
    """2026年12月1日 09:30 as value's own clock reads it (no zone: a camera's clock)."""
    form = QCoreApplication.translate("dates", "yyyy年M月d日 HH:mm")
    if form == _DATETIME_FORM:
        return f"{value.year}年{value.month}月{value.day}日 {value.hour:02d}:{value.minute:02d}"
    when = QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))
    return QLocale().toString(when, form)


def datetime_text(value: datetime | str | None, blank: str = "") -> str:
    """2026年12月1日 09:30 (1 Dec 2026 09:30 in English) on the device's clock."""
    if value is None or value == "":
        return blank
    return wall_text(timefmt.local(timefmt.parse(value) if isinstance(value, str) else value))


def notice_kind_label(kind: str) -> str:
    """The document's title (现场检查记录, 隐患整改通知书...) in the window's language."""
    return _t(TITLES[NoticeKind(kind)])


def major_short(major_status: str) -> str:
    return _t(MAJOR_SHORT_ZH[MajorStatus(major_status)])


# History events that are not steps of the loop, as the finding's 经过 shows them.
EVENT_WORDS_ZH: dict[str, object] = {  # QT_TRANSLATE_NOOP is typed as object
    "record": QT_TRANSLATE_NOOP("domain", "记录"),
    "edit": QT_TRANSLATE_NOOP("domain", "修改"),
    "correct": QT_TRANSLATE_NOOP("domain", "更正"),
    "major_flag": QT_TRANSLATE_NOOP("domain", "标记疑似重大隐患"),
    "major_confirm": QT_TRANSLATE_NOOP("domain", "专家确认为重大隐患"),
    "major_downgrade": QT_TRANSLATE_NOOP("domain", "专家改判为一般隐患"),
    "major_send_back": QT_TRANSLATE_NOOP("domain", "专家退回补充"),
    "site_sign": QT_TRANSLATE_NOOP("domain", "单位负责人签字确认"),
    "site_refuse": QT_TRANSLATE_NOOP("domain", "单位负责人拒签"),
}


def event_label(action: str) -> str:
    """A history event's name in words: a loop step, or one of EVENT_WORDS_ZH."""
    try:
        return action_label(Action(action))
    except ValueError:
        pass
    if action in EVENT_WORDS_ZH:
        return _t(str(EVENT_WORDS_ZH[action]))
    return _t(str(QT_TRANSLATE_NOOP("domain", "其他记录")))


# Short forms for narrow table cells (今日, a site's history); the long ones stay in the
# finding editor and the ledger.
STATUS_SHORT_ZH: dict[str, object] = {  # QT_TRANSLATE_NOOP is typed as object
    "found": QT_TRANSLATE_NOOP("short", "已排查"),
    "assigned": QT_TRANSLATE_NOOP("short", "已交办"),
    "rectifying": QT_TRANSLATE_NOOP("short", "整改中"),
    "verified": QT_TRANSLATE_NOOP("short", "已验收"),
    "failed_verification": QT_TRANSLATE_NOOP("short", "未通过"),
    "closed": QT_TRANSLATE_NOOP("short", "已销号"),
    "revisit": QT_TRANSLATE_NOOP("short", "回头看"),
    "withdrawn": QT_TRANSLATE_NOOP("short", "已作废"),
}
LEVEL_SHORT_ZH: dict[str, object] = {
    "general": QT_TRANSLATE_NOOP("short", "一般"),
    "major": QT_TRANSLATE_NOOP("short", "重大"),
    "suspected": QT_TRANSLATE_NOOP("short", "疑似重大"),
}


def status_short(status: str) -> str:
    """The short form, or the full label for a status without one."""
    short = STATUS_SHORT_ZH.get(Status(status).value)
    return QCoreApplication.translate("short", str(short)) if short else status_label(status)


OVERDUE_COLOR = QColor("#b3261e")  # past its deadline and not yet done
MAJOR_COLOR = QColor("#8a4b00")  # a major hazard: recorded so, or confirmed by the expert
SUSPECTED_COLOR = QColor("#1f5fa8")  # flagged, awaiting the expert: not yet called major


def level_color(level: str, major_status: str | None) -> QColor | None:
    """The colour of a hazard's level in a list: the major colour only for a hazard that
    is major; one awaiting the expert's verdict has a colour of its own, as its words
    (疑似重大，待专家确认) are its own; a general or downgraded one none."""
    if is_suspected_major(level, major_status):
        return SUSPECTED_COLOR
    return MAJOR_COLOR if level == Level.MAJOR.value else None


def level_short(level: str, major_status: str | None = None) -> str:
    """一般 / 重大 / 疑似重大, for a cell a few characters wide."""
    key = "suspected" if is_suspected_major(level, major_status) else Level(level).value
    return QCoreApplication.translate("short", str(LEVEL_SHORT_ZH[key]))
