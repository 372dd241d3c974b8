# SPDX-License-Identifier: Apache-2.0
"""Document numbers carry the server-issued serial, and the wizard can show an example."""

from __future__ import annotations

from pathlib import Path

from fieldcheck.core.terms import NoticeKind
from fieldcheck.services.context import open_context
from fieldcheck.services.documents import numbering


def test_format_and_example_follow_the_serial(tmp_path: Path) -> None:
    assert (
        numbering.format_number(
            prefix="金水", kind=NoticeKind.RECTIFICATION, year=2026, device="07", seq=2
        )
        == "（金水）整改〔2026〕07-0002号"
    )
    with open_context(tmp_path / "h") as ctx:
        before = numbering.example_number(ctx)
        assert before.endswith("-0001号") and "〔" in before
        with ctx.db.transaction() as s:
            numbering.take_serial(s, 7)
        assert "〕07-0001号" in numbering.example_number(ctx)
