# SPDX-License-Identifier: Apache-2.0
"""Standard wording of the four documents, from ../shared/reference/criteria/wenshu-*.txt.

Fixed sentences are copied word for word from the stored forms:
- township (乡镇/街道, non-执法): wenshu-xiangzhen-jiandu-format.txt (现场检查记录,
  限期整改意见书, 整改复查意见书);
- enforcement: wenshu-anjian-zhifa-format.txt (现场检查记录, 责令限期整改指令书,
  整改复查意见书) with the post-2018 应急 details of wenshu-yingji-2019-format.txt
  (per-item 整改完成时限, full names of the review bodies and court).
Where a stored form hard-codes a place (无锡市惠山区, 区安全生产监督管理局, 南京市人民政府) the
text here takes the issuing unit's own value instead. Grid workers are not 行政执法人员, so
their record introduces them with the township forms' own title 安全生产检查人员.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from fieldcheck.core import timefmt
from fieldcheck.core.terms import NoticeKind

SERIES = {True: "安全生产行政执法文书", False: "安全生产监督检查文书"}

TITLES = {
    NoticeKind.RECORD: "现场检查记录",
    NoticeKind.RECTIFICATION: "隐患整改通知书",
    NoticeKind.ORDER: "责令限期整改指令书",
    NoticeKind.REVIEW: "整改复查意见书",
}
# The short code each kind carries in its number (检记 / 整改 / 责改 / 复查).
NUMBER_CODES = {
    NoticeKind.RECORD: "检记",
    NoticeKind.RECTIFICATION: "整改",
    NoticeKind.ORDER: "责改",
    NoticeKind.REVIEW: "复查",
}

OPENING = "经查，你单位存在下列问题："
# The stored forms print 其中事故隐患第【 】项属于重大隐患; the sentence uses the statutory
# term instead (《安全生产法》 and the 判定标准 say 重大事故隐患), and only for hazards an
# expert confirmed: a suspected one is listed as 疑似重大事故隐患，待专家判定 (docs/documents.md).
MAJOR_LINE = "其中第{items}项为重大事故隐患。"
SUSPECTED_NOTE = "疑似重大事故隐患，待专家判定"
MAJOR_NOTE = "重大事故隐患"

RECORD_INTRO_ENFORCEMENT = (
    "我们是{unit}行政执法人员{names}，证件号码为{certs}，这是我们的证件（出示证件）。"
    "现依法对你单位进行现场检查，请予以配合。"
)
RECORD_INTRO_TOWNSHIP = (
    "我们是{unit}安全生产检查人员{names}，证件号码为{certs}，这是我们的证件（出示证件）。"
    "现依法对你单位进行现场检查，请予以配合。"
)
RECORD_FOUND = "经检查以下检查项存在隐患："
RECORD_NONE = "经检查，本次检查未发现事故隐患。"
RECORD_SCOPE = (
    "本现场检查记录，仅限针对本次检查过程中已发现的安全生产情况和问题。企业（单位）应举一反三，"
    "主要负责人应当严格履职，对在生产经营活动中存在的其他安全生产问题，对照安全生产相关法律法规、"
    "规章和标准组织自查自纠。"
)

NOTICE_DEMAND_ONE = (
    "现要求你单位对上述问题于{deadline}前整改完毕，达到有关法律法规规章和标准规定的要求。"
)
NOTICE_DEMAND_EACH = (
    "现要求你单位对上述问题按各项所列期限整改完毕，达到有关法律法规规章和标准规定的要求。"
)
NOTICE_ESCALATE = (
    "逾期不整改或达不到要求的，将依法上报{escalate_to}进行查处；"
    "由此造成事故的，依法追究有关人员的责任。"
)

ORDER_DEMAND_ONE = (
    "现责令你单位对上述第{items}项问题于{deadline}前整改完毕，达到有关法律法规规章和标准规定的要求。"
    "由此造成事故的，依法追究有关人员的责任。"
)
ORDER_DEMAND_EACH = (  # 2019 wording; the list comes first here, so 下述 reads 上述
    "现责令你单位对上述{count}项问题按上述规定的时间期限整改完毕，达到有关法律法规规章和标准规定的要求。"
    "由此造成事故的，依法追究有关人员的责任。"
)
ORDER_DURING = (
    "整改期间，你单位应当采取措施，确保安全生产。对安全生产违法行为，将依法予以行政处罚。"
)
ORDER_APPEAL = (
    "如果不服本指令，可以依法在60日内向{government}或者{department}申请行政复议，"
    "或者在6个月内依法向{court}提起行政诉讼，但本指令不停止执行，法律另有规定的除外。"
)

REVIEW_INTRO_ENFORCEMENT = (
    "本机关于{date}作出了{title}的决定［{number}］，经对你单位整改情况进行复查，提出如下意见："
)
REVIEW_INTRO_TOWNSHIP = (
    "本机关于{date}对你单位提出了限期整改的意见［{number}］，"
    "经对你单位整改情况进行复查，提出如下意见："
)
REVIEW_FIXED = "以下隐患已整改合格，符合安全要求："
REVIEW_UNFIXED = "以下隐患未整改合格："
REVIEW_NEW_DEADLINE = "对未整改项要求于{deadline}前整改完毕。"
REVIEW_NONE = "无。"

SIGN_INSPECTOR = {True: "安全生产监管行政执法人员", False: "安全生产检查人员"}
SIGN_RECORD_INSPECTOR = "检查人员"
SIGN_RECORD_SITE = "被检查单位现场负责人"
SIGN_SITE = "被检查单位负责人"
SIGN_REVIEW_SITE = "被复查单位负责人"
SITE_LABELS = frozenset({SIGN_RECORD_SITE, SIGN_SITE, SIGN_REVIEW_SITE})
SEAL = "{unit}（印章）"
REFUSED = "拒签"
SIGNED_ON = "签收日期"
WITNESS = "见证人"

COPIES = {
    NoticeKind.RECTIFICATION: "本文书一式两份：一份由{unit}备案，一份交被检查单位。",
    NoticeKind.ORDER: "本文书一式两份：一份由{unit}备案，一份交被检查单位。",
    NoticeKind.REVIEW: "本文书一式两份：一份由{unit}备案，一份交被复查单位。",
}
# How many copies the document says it is made in (一式两份): what the print dialog offers.
COPY_COUNT = {kind: 2 for kind in COPIES}
PAGE_FOOTER = "共{total}页 第{page}页"
PHOTO_APPENDIX = "附件：隐患照片"
VOID_MARK = "作废"
DRAFT_MARK = "样稿"
DRAFT_NOTE = "样稿：未编号、未签名，出具并签名后方为正式文书"


def cn_date(value: date | datetime | None) -> str:
    """2026年3月5日 on the device's clock (core.timefmt)."""
    return timefmt.date_text(value, blank="    年  月  日")


def cn_time(value: datetime | None) -> str:
    """2026年3月5日9时30分 on the device's clock (core.timefmt)."""
    return timefmt.paper_time(value)


def copies(kind: NoticeKind) -> int:
    """The number of copies the document says it is made in (1 when it says none)."""
    return COPY_COUNT.get(kind, 1)


# Half-width marks people type into descriptions, as the full-width marks of GB/T 15834.
_FULL = str.maketrans(
    {",": "，", ";": "；", "(": "（", ")": "）", "[": "［", "]": "］", "?": "？", "!": "！"}
)
_COLON = re.compile(r"(?<![0-9]):|:(?![0-9])")  # 10:30 keeps its colon
_STOP = re.compile(r"(?<=[\u3400-\u9fff）》」』】])\.(?![0-9])")  # a sentence stop after Chinese


def fullwidth(text: str) -> str:
    """Text with no half-width punctuation; digits' 10:30, 3.5 and 0371-6332 stay as they are."""
    return _STOP.sub("。", _COLON.sub("：", text.translate(_FULL)))
