# SPDX-License-Identifier: Apache-2.0
"""A hazard under 督办 carries its escalation (level, kind, leader) onto the documents that
name it; a hazard nobody escalated prints as before."""

from __future__ import annotations

import subprocess
from pathlib import Path

from report_samples import Visit, pdftotext, soon

from fieldcheck.core import clock
from fieldcheck.core.terms import NoticeKind
from fieldcheck.services.documents import documents, notices
from fieldcheck.storage import task_repo

LINE = "督办：县（区）挂牌督办，责任领导：王副区长（副区长）"


def test_the_notice_names_the_escalation_of_its_hazard(visit: Visit, tmp_path: Path) -> None:
    first = visit.finding_ids[0]
    with visit.ctx.db.transaction() as s:
        task_repo.replace_escalations(
            s,
            [
                {
                    "id": "e1",
                    "target_kind": "hazard",
                    "target_id": first,
                    "hazard_id": first,
                    "kind": "listed",
                    "level": "county",
                    "level_code": "410105",
                    "leader": "王副区长",
                    "leader_post": "副区长",
                    "created_at": clock.now(),
                }
            ],
        )
    n = notices.issue_notice(
        visit.ctx, visit.inspection_id, NoticeKind.RECTIFICATION, visit.grid, deadline=soon()
    )
    out = documents.render_notice(visit.ctx, n.id, tmp_path / "n.pdf", unsigned=True)
    text = "".join(pdftotext(out.path).split())
    assert text.count(LINE) == 1  # under the first hazard only
    assert text.index(LINE) < text.index("2．")
    png = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", str(out.path), str(png)], check=True
    )
    assert list(tmp_path.glob("page*.png"))
