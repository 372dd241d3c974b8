# SPDX-License-Identifier: Apache-2.0
"""Papers say only what is established: suspected majors, clause citations, punctuation."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from report_samples import Visit, document, pdftotext, soon

from fieldcheck.core.citation import cite, clause_ref
from fieldcheck.core.models import Basis, Finding
from fieldcheck.core.terms import Level, MajorStatus, NoticeKind
from fieldcheck.reports.render import render_pdf
from fieldcheck.reports.wording import copies, fullwidth
from fieldcheck.services.documents import documents, notices
from fieldcheck.services.documents.notice_data import hazard


def _flat(text: str) -> str:
    return "".join(text.split())


def test_a_suspected_major_hazard_prints_as_awaiting_the_expert(
    visit: Visit, tmp_path: Path
) -> None:
    """Issued before the expert decides: no 【重大】, no major sentence, no 判定依据."""
    ctx = visit.ctx
    for kind in (NoticeKind.RECORD, NoticeKind.RECTIFICATION):
        n = notices.issue_notice(ctx, visit.inspection_id, kind, visit.grid, deadline=soon())
        out = documents.render_notice(ctx, n.id, tmp_path / f"{kind.value}.pdf", unsigned=True)
        text = _flat(pdftotext(out.path))
        assert "疑似重大事故隐患，待专家判定" in text
        # Every mention of 重大事故隐患 is the one that says it is only suspected.
        assert text.count("重大事故隐患") == text.count("疑似重大事故隐患，待专家判定") == 1
        assert "重大隐患" not in text and "【重大】" not in text
        assert "判定依据" not in text and "为重大事故隐患" not in text


def _finding(status: MajorStatus | None, level: Level) -> Finding:
    return Finding(
        inspection_id="i",
        site_id="s",
        description="除尘器周边积尘",
        basis=Basis(criteria_id="gongmao-2023", clause_ref="第十一条（十）"),
        level=level,
        major_status=status,
        found_at=datetime(2026, 3, 2, tzinfo=UTC),
        found_by="p",
        responsible="赵强（厂长）",
        funds="2万元",
        safety_plan="停止砂光作业，设警戒区",
    )


def test_only_a_confirmed_major_hazard_is_called_one_with_its_five_points() -> None:
    confirmed = hazard(_finding(MajorStatus.CONFIRMED, Level.MAJOR), date(2026, 4, 1))
    assert confirmed.major and not confirmed.suspected
    assert confirmed.clause_ref == "第十一条第（十）项"
    assert (confirmed.responsible, confirmed.funds) == ("赵强（厂长）", "2万元")
    suspected = hazard(_finding(MajorStatus.SUSPECTED, Level.MAJOR), None)
    assert suspected.suspected and not suspected.major and suspected.clause_ref == ""
    assert suspected.responsible == ""  # the 五落实 is a major hazard's, once established
    downgraded = hazard(_finding(MajorStatus.DOWNGRADED, Level.GENERAL), None)
    assert not downgraded.major and not downgraded.suspected


def test_the_major_sentence_uses_the_official_form(tmp_path: Path) -> None:
    data, images = document(NoticeKind.RECTIFICATION, enforcement=False)
    path = tmp_path / "n.pdf"
    path.write_bytes(render_pdf(data, images, seal=None).pdf)
    text = _flat(pdftotext(path))
    assert "其中第2项为重大事故隐患。" in text
    assert "《工贸企业重大事故隐患判定标准》第十一条第（十）项" in text
    assert "属于重大隐患" not in text


@pytest.mark.parametrize(
    ("ref", "cited"),
    [
        ("第三条（二）", "第三条第（二）项"),
        ("第三条第（二）项", "第三条第（二）项"),
        ("第三条(二)", "第三条第（二）项"),
        ("第三条第(二)项", "第三条第（二）项"),
        ("第三条", "第三条"),
    ],
)
def test_clauses_are_cited_one_way(ref: str, cited: str) -> None:
    assert clause_ref(ref) == cited
    assert cite("工贸企业重大事故隐患判定标准", ref) == f"《工贸企业重大事故隐患判定标准》{cited}"


HALF_WIDTH = re.compile(r"[,;()\[\]?!]|(?<![0-9]):|:(?![0-9])")


@pytest.mark.parametrize("kind", list(NoticeKind))
@pytest.mark.parametrize("enforcement", [False, True])
def test_no_document_prints_half_width_punctuation(
    tmp_path: Path, kind: NoticeKind, enforcement: bool
) -> None:
    data, images = document(kind, enforcement=enforcement, refused=kind is NoticeKind.RECORD)
    path = tmp_path / "d.pdf"
    path.write_bytes(render_pdf(data, images, seal=None).pdf)
    text = pdftotext(path)
    assert not HALF_WIDTH.findall(text), [m for m in text.splitlines() if HALF_WIDTH.search(m)]


def test_typed_half_width_marks_become_full_width() -> None:
    assert fullwidth("电线(仓库),未穿管;见[附件]:现场10:30检查,长3.5米.") == (
        "电线（仓库），未穿管；见［附件］：现场10:30检查，长3.5米。"
    )


def test_copies_follow_what_the_document_says() -> None:
    assert copies(NoticeKind.RECTIFICATION) == copies(NoticeKind.REVIEW) == 2
    assert copies(NoticeKind.RECORD) == 1
