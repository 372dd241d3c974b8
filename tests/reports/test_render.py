# SPDX-License-Identifier: Apache-2.0
"""Documents render from data: wording, fonts, page furniture, long content, odd characters."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from report_samples import HAZARDS, document, pdftotext

from fieldcheck.core.terms import NoticeKind
from fieldcheck.reports.model import Hazard
from fieldcheck.reports.qr import b64url, parse_qr_text, qr_text, seal_message
from fieldcheck.reports.render import render_pdf

KINDS = [
    (NoticeKind.RECORD, False, ["现场检查记录", "安全生产检查人员李建国", "举一反三"]),
    (
        NoticeKind.RECTIFICATION,
        False,
        ["隐患整改通知书", "将依法上报郑州市金水区应急管理局进行查处", "一式两份"],
    ),
    (
        NoticeKind.ORDER,
        True,
        [
            "责令限期整改指令书",
            "在60日内向郑州市金水区人民政府",
            "在6个月内依法向郑州铁路运输法院提起行政诉讼",
            "（印章）",
        ],
    ),
    (
        NoticeKind.REVIEW,
        True,
        ["整改复查意见书", "A3F9-0003号", "以下隐患未整改合格", "2026年4月15日前整改完毕"],
    ),
]


def _flat(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(("kind", "enforcement", "phrases"), KINDS)
def test_each_kind_renders_with_its_standard_wording(
    tmp_path: Path, kind: NoticeKind, enforcement: bool, phrases: list[str]
) -> None:
    data, images = document(kind, enforcement=enforcement)
    out = render_pdf(data, images, seal="AAAA")
    path = tmp_path / "doc.pdf"
    path.write_bytes(out.pdf)
    text = _flat(pdftotext(path))
    for phrase in phrases:
        assert _flat(phrase) in text, phrase
    assert f"共{out.pages}页第1页" in text
    assert "重大事故隐患（判定依据：《工贸企业重大事故隐患判定标准》第十一条第（十）项）" in text


def test_fonts_are_embedded_as_subsets(tmp_path: Path) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils (pdffonts) is not installed")
    data, images = document(NoticeKind.ORDER, enforcement=True)
    path = tmp_path / "doc.pdf"
    path.write_bytes(render_pdf(data, images, seal=None).pdf)
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    cjk = [line for line in lines if "Noto" in line or "WenQuanYi" in line]
    assert cjk, lines
    for line in cjk:
        name, *_rest, emb, sub, uni, _obj, _gen = line.split()
        assert name[6] == "+" and (emb, sub, uni) == ("yes", "yes", "yes"), line


def test_thirty_five_long_hazards_flow_over_pages_with_header_and_numbers(tmp_path: Path) -> None:
    long = "配电箱前堆放大量可燃纸箱和木托盘，" * 12
    hazards = [
        h.model_copy(update={"finding_id": f"f{i}", "description": f"{long}（第{i + 1}处）"})
        for i, h in enumerate(HAZARDS * 9)
    ][:35]
    data, images = document(NoticeKind.ORDER, enforcement=True, hazards=hazards)
    out = render_pdf(data, images, seal="AAAA")
    assert out.pages >= 5
    path = tmp_path / "long.pdf"
    path.write_bytes(out.pdf)
    pages = pdftotext(path).split("\f")
    for n, page in enumerate(pages[: out.pages], start=1):
        flat = _flat(page)
        assert f"共{out.pages}页第{n}页" in flat
        if n > 1:
            assert "责令限期整改指令书（续页）" in flat and _flat(data.number) in flat
    assert "（第35处）" in _flat(pdftotext(path))


def test_rare_name_uses_a_font_that_has_it_and_unknown_characters_are_reported() -> None:
    rare = "\U00020bb7"  # 𠮷: in Noto Serif SC, not in Micro Hei
    absent = "\U0003134a"  # CJK Extension G: in neither bundled font
    data, images = document(NoticeKind.RECORD, enforcement=False)
    data = data.model_copy(update={"legal_rep": f"{rare}{absent}强"})
    out = render_pdf(data, images, seal=None)
    assert rare not in out.missing_chars
    assert absent in out.missing_chars
    assert "U+3134A" in out.glyph_warnings()[0]


def test_photos_are_downscaled_so_a_two_page_notice_stays_small() -> None:
    data, images = document(NoticeKind.ORDER, enforcement=True, n_photos=4)
    out = render_pdf(data, images, seal="AAAA")
    assert out.pages == 2
    assert len(out.pdf) < 600 * 1024


def test_qr_text_round_trips_and_its_seal_checks_with_the_public_key() -> None:
    key = Ed25519PrivateKey.generate()
    digest = "ab" * 32
    seal = b64url(key.sign(seal_message("（金水）整改〔2026〕X-0001号", "李建国", digest)))
    text = qr_text(
        number="（金水）整改〔2026〕X-0001号",
        issuer="李建国",
        digest=digest,
        page=2,
        total=3,
        seal=seal,
    )
    qr = parse_qr_text(text)
    assert (qr.number, qr.issuer, qr.page, qr.total) == (
        "（金水）整改〔2026〕X-0001号",
        "李建国",
        2,
        3,
    )
    assert digest.startswith(qr.digest_prefix)
    assert qr.seal is not None
    key.public_key().verify(qr.seal, seal_message(qr.number, qr.issuer, digest))


def test_voided_document_is_marked_on_every_page(tmp_path: Path) -> None:
    data, images = document(NoticeKind.RECORD, enforcement=False)
    out = render_pdf(data, images, seal=None, voided=True, void_reason="编号错误")
    path = tmp_path / "void.pdf"
    path.write_bytes(out.pdf)
    for page in pdftotext(path).split("\f")[: out.pages]:
        assert "本文书已作废：编号错误" in _flat(page)


def test_same_data_gives_same_digest_and_changed_data_a_different_one() -> None:
    data, _ = document(NoticeKind.ORDER, enforcement=True)
    again, _ = document(NoticeKind.ORDER, enforcement=True)
    assert data.digest() == again.digest()
    changed = data.model_copy(
        update={"hazards": [*data.hazards[:-1], Hazard(finding_id="x", description="另一个隐患")]}
    )
    assert changed.digest() != data.digest()
