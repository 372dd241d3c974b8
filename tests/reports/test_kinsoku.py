# SPDX-License-Identifier: Apache-2.0
"""Chinese line-breaking rules (标点禁则): how a line may start, how it may end, the last line."""

from __future__ import annotations

import itertools

import pytest
from reportlab.platypus import Paragraph

from fieldcheck.reports.kinsoku import CHINESE_CANNOT_END, CHINESE_CANNOT_START, MIN_LAST_LINE
from fieldcheck.reports.parts import Writer
from fieldcheck.reports.styles import sheet


def _lines(para: Paragraph, width: float) -> list[str]:
    para.wrap(width, 10_000)
    return [
        "".join(w.text if hasattr(w, "text") else str(w) for w in line.words)
        if hasattr(line, "words")
        else "".join(line[1])
        for line in para.blPara.lines
    ]


SENTENCES = [
    "立即组织整改，落实专人负责，整改完成后报告复查；整改完成时限：2026年12月22日前。" * 6,
    "本机关于2026年2月20日作出了责令限期整改指令书的决定［（金水）应急责改〔2026〕A3F9-0003号］，"
    "经对你单位整改情况进行复查，提出如下意见：",
    "重大事故隐患（判定依据：《工贸企业重大事故隐患判定标准》第十一条第（十）项）；"
    "整改措施：停止砂光作业，清理积尘；整改完成时限：2026年4月1日前。",
]


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("style", ["flush", "body", "item_note"])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(
    text: str, style: str
) -> None:
    st = sheet()[style]
    for width in range(120, 460, 7):  # many widths, so some break lands beside each mark
        lines = _lines(Paragraph(text, st), width)
        assert "".join(lines) == text, width  # nothing lost or doubled
        for line in lines[1:]:
            assert line and line[0] not in CHINESE_CANNOT_START, (width, line)
        for line in lines[:-1]:
            assert line[-1] not in CHINESE_CANNOT_END, (width, line)


@pytest.mark.parametrize("style", ["body", "item_note"])
def test_the_last_line_is_never_a_lone_qian(style: str) -> None:
    w = Writer()
    text = (
        "法律依据：《中华人民共和国消防法》第二十八条；整改要求：立即清理杂物；"
        "整改完成时限：2026年4月1日前。"
    )
    widows = 0
    for width in range(100, 460, 3):
        lines = _lines(w.p(text, style), width)
        if len(lines) > 1:
            assert len(lines[-1].strip()) >= MIN_LAST_LINE, (width, lines)
            widows += lines[-1] == "前。"
    assert widows == 0


def test_a_paragraph_in_one_run_and_in_several_wrap_alike() -> None:
    """The one-run shortcut of ReportLab no longer bypasses the rules."""
    st = sheet()["body"]
    text = SENTENCES[1]
    mixed = text.replace("复查", '<font color="#000000">复查</font>')
    for width in range(150, 400, 11):
        assert _lines(Paragraph(text, st), width) == _lines(Paragraph(mixed, st), width)


def _number_splits(text: str, style: str) -> int:
    from fieldcheck.reports.kinsoku import NUMBER_UNITS

    st = sheet()[style]
    splits = 0
    for width in range(120, 460, 3):
        lines = _lines(Paragraph(text, st), width)
        assert "".join(lines) == text, width
        for above, below in itertools.pairwise(lines):
            if above[-1].isdigit() and (below[0].isdigit() or below[0] in NUMBER_UNITS):
                splits += 1
    return splits


@pytest.mark.parametrize("style", ["flush", "body", "item_note"])
def test_a_number_is_never_split_from_itself_or_its_unit(
    style: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen in a 样稿: "2026年12" at a line's end and "月29日前" on the next."""
    from fieldcheck.reports import kinsoku

    text = SENTENCES[0] + "其中第3项为重大事故隐患，共12处，限于2026年12月29日前整改完毕。"
    assert _number_splits(text, style) == 0
    with monkeypatch.context() as m:  # without the rule these widths do split numbers
        m.setattr(kinsoku, "_splits_number", lambda u_list, i: False)
        assert _number_splits(text, style) > 0
