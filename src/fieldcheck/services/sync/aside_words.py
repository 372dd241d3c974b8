# SPDX-License-Identifier: Apache-2.0
"""What a person reads about a record set aside: plain words by its reason code (a pulled
record this device could not apply, or one of its own the server refused).

The words are Chinese. The command line prints them as they are; the window passes
``QCoreApplication.translate`` in as ``tr`` (context "setaside"): resources/translations/
build.py reads this file beside the window's, so its English is kept in the .ts too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fieldcheck.storage import quarantine
from fieldcheck.sync import pull_page


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the mark lupdate reads
    return text


KINDS: dict[str, str] = {
    "site": QT_TRANSLATE_NOOP("setaside", "单位记录"),
    "person": QT_TRANSLATE_NOOP("setaside", "人员记录"),
    "inspection": QT_TRANSLATE_NOOP("setaside", "一次检查的记录"),
    "item_result": QT_TRANSLATE_NOOP("setaside", "检查项结果"),
    "finding": QT_TRANSLATE_NOOP("setaside", "隐患记录"),
    "finding_event": QT_TRANSLATE_NOOP("setaside", "隐患处理记录"),
    "photo": QT_TRANSLATE_NOOP("setaside", "照片记录"),
    "notice": QT_TRANSLATE_NOOP("setaside", "文书记录"),
    "signature": QT_TRANSLATE_NOOP("setaside", "签名记录"),
    "person_key": QT_TRANSLATE_NOOP("setaside", "签名密钥"),
    "key_attestation": QT_TRANSLATE_NOOP("setaside", "密钥证明"),
}
UNKNOWN_KIND = QT_TRANSLATE_NOOP("setaside", "未知类型的记录")

# By quarantine code (sync/pull_page.py, storage/quarantine.code_of and the errors that
# carry an aside_code); each says what happened to the record, in a grid worker's words.
WHY: dict[str, str] = {
    "too_deep": QT_TRANSLATE_NOOP("setaside", "记录嵌套超过 64 层，已搁置"),
    "lone_surrogate": QT_TRANSLATE_NOOP("setaside", "记录里有无法识别的乱码文字，已搁置"),
    "unknown_kind": QT_TRANSLATE_NOOP("setaside", "本机不认识这种记录（可能要升级本软件），已搁置"),
    "not_object": QT_TRANSLATE_NOOP("setaside", "收到的内容不是一条完整的记录，已搁置"),
    "not_record": QT_TRANSLATE_NOOP("setaside", "记录缺少必要内容或格式不对，已搁置"),
    "id_override": QT_TRANSLATE_NOOP(
        "setaside", "记录内容里的编号和记录本身的编号不一致，已搁置，本机数据未被改动"
    ),
    "wrong_fields": QT_TRANSLATE_NOOP(
        "setaside", "记录的内容不符合要求（多了、少了或填错了栏目），已搁置"
    ),
    "missing_parent": QT_TRANSLATE_NOOP(
        "setaside", "记录所属的单位、检查或人员本机还没有，已搁置；收到后会自动补上"
    ),
    "duplicate": QT_TRANSLATE_NOOP(
        "setaside", "记录和本机已有的记录重复（例如文书编号相同），已搁置"
    ),
    "missing_original": QT_TRANSLATE_NOOP(
        "setaside", "服务器没有发来原件（照片、手写签名或文书），已搁置；收到后会自动补上"
    ),
    "bad_attestation": QT_TRANSLATE_NOOP(
        "setaside", "这份密钥证明无效（内容不全，或不是本服务器出具的），已搁置，没有采用"
    ),
    "key_replaced": QT_TRANSLATE_NOOP(
        "setaside", "记录要换掉本机已有的签名密钥，密钥不能更换，已搁置"
    ),
    "moved_site_ack": QT_TRANSLATE_NOOP(
        "setaside", "单位签收被另一个签名认领，签收不能改换签名，已搁置"
    ),
    "not_applied": QT_TRANSLATE_NOOP("setaside", "记录本机无法保存，已搁置"),
    "withheld": QT_TRANSLATE_NOOP(
        "setaside", "服务器上保存的这条记录已损坏，服务器没有发来，已搁置；请告诉县里的管理员"
    ),
}
# A record that did not say its id is named by its place in the page (sync/pull_page.py).
PLACE = QT_TRANSLATE_NOOP("setaside", "编号不明（收到的一页中第 %1 条）")
# %1 the kind, %2 the record's id, %3 what happened (WHY).
SENTENCE = QT_TRANSLATE_NOOP("setaside", "%1 %2：%3。其余记录已照常同步。")

# By the code of a record of this device the server refused (sync/refusals.py): why, in
# a grid worker's words. The record stays on this device, set aside, and can be sent again.
REFUSED: dict[str, str] = {
    "too_large": QT_TRANSLATE_NOOP("setaside", "记录太大，超过服务器能接收的大小"),
    "hash_mismatch": QT_TRANSLATE_NOOP(
        "setaside", "记录的内容和它的校验值对不上（本机数据可能被改动过）"
    ),
    "too_deep": QT_TRANSLATE_NOOP("setaside", "记录嵌套的层数太多"),
    "bad_text": QT_TRANSLATE_NOOP("setaside", "记录里有服务器无法保存的文字（乱码或空字符）"),
    "wrong_fields": QT_TRANSLATE_NOOP(
        "setaside",
        "记录的内容不符合服务器的要求（多了、少了或填错了栏目；本软件可能比服务器新）",
    ),
    "server_only": QT_TRANSLATE_NOOP("setaside", "这种记录只能由服务器出具"),
    "role_forbidden": QT_TRANSLATE_NOOP("setaside", "本机登记的身份不能上报这种记录"),
    "outside_jurisdiction": QT_TRANSLATE_NOOP("setaside", "记录属于本机辖区以外的地方"),
    "major_only": QT_TRANSLATE_NOOP("setaside", "专家只能处理重大隐患的记录"),
    "key_refused": QT_TRANSLATE_NOOP(
        "setaside", "服务器不认可这把签名密钥（身份不符、已有别的密钥或时间不对）"
    ),
    "signature_refused": QT_TRANSLATE_NOOP(
        "setaside", "签名没有通过服务器的核验（密钥未经认可、身份不符或签名不对）"
    ),
    "reference_missing": QT_TRANSLATE_NOOP("setaside", "记录引用的检查、隐患或文书服务器上没有"),
    "duplicate": QT_TRANSLATE_NOOP(
        "setaside",
        "文书编号已被另一份文书使用（本机可能是复制或恢复来的，请重新登记本机后再出具文书）",
    ),
    "depends_on_refused": QT_TRANSLATE_NOOP(
        "setaside", "它所属的记录被服务器拒收，这条也一起留在本机"
    ),
}
REFUSED_OTHER = QT_TRANSLATE_NOOP("setaside", "服务器拒收了这条记录")
# %1 the words of a reason code, %2 the code itself.
CODE_WORDS = QT_TRANSLATE_NOOP("setaside", "%1（%2）")
# %1 the kind, %2 the record's id, %3 why (REFUSED).
REFUSED_SENTENCE = QT_TRANSLATE_NOOP(
    "setaside",
    "%1 %2：服务器拒收：%3。记录留在本机，没有删除；其余记录已照常同步。"
    "原因排除后（例如服务器升级后）可以重新发送。",
)


def _same(text: str) -> str:
    return text


def kind(entity: str, tr: Callable[[str], str] = _same) -> str:
    return tr(KINDS.get(entity, UNKNOWN_KIND))


def shown_id(entity_id: str, tr: Callable[[str], str] = _same) -> str:
    """The record's id, or its place in the page when it did not say one."""
    place = pull_page.UNNAMED.fullmatch(entity_id)
    return tr(PLACE).replace("%1", place.group(1)) if place else entity_id[:80]


def sentence(
    local: dict[str, object], entity: str, entity_id: str, tr: Callable[[str], str] = _same
) -> str:
    """The one sentence about a set-aside record, from its conflict's local side (one set
    aside before codes were stored reads by its reason: storage/quarantine.code_in)."""
    why = tr(WHY.get(quarantine.code_in(local), WHY["not_applied"]))
    parts = {"1": kind(entity, tr), "2": shown_id(entity_id, tr), "3": why}
    return re.sub(r"%([123])", lambda m: parts[m.group(1)], tr(SENTENCE))


def code_words(code: str, refused: bool, tr: Callable[[str], str] = _same) -> str:
    """A reason code as its words with the code after in brackets: 记录嵌套超过 64 层，
    已搁置（too_deep）. refused: the server refused a record of this device (REFUSED),
    else a pulled record did not apply here (WHY)."""
    words, other = (REFUSED, REFUSED_OTHER) if refused else (WHY, WHY["not_applied"])
    return tr(CODE_WORDS).replace("%1", tr(words.get(code, other))).replace("%2", code)


def refused_why(local: dict[str, object], tr: Callable[[str], str] = _same) -> str:
    """Why the server refused a record of this device, from its conflict's local side."""
    return tr(REFUSED.get(str(local.get(quarantine.CODE) or ""), REFUSED_OTHER))


def refused_sentence(
    local: dict[str, object], entity: str, entity_id: str, tr: Callable[[str], str] = _same
) -> str:
    """The one sentence about a record of this device the server refused."""
    why = refused_why(local, tr)
    parts = {"1": kind(entity, tr), "2": entity_id[:80], "3": why}
    return re.sub(r"%([123])", lambda m: parts[m.group(1)], tr(REFUSED_SENTENCE))
