# SPDX-License-Identifier: Apache-2.0
"""Render one hazard found at 2026-12-01 16:30 UTC in the four places people read times.

python tz_child.py HOME prints JSON {window, pdf, xlsx, caption}; the test runs it under
TZ=UTC and TZ=Asia/Shanghai and expects the same text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication

from fieldcheck.core import clock
from fieldcheck.core.terms import NoticeKind, Role
from fieldcheck.photos.watermark import BandInfo, format_time
from fieldcheck.services.context import open_context
from fieldcheck.services.documents import documents, notices
from fieldcheck.services.findings import export, findings, ledger
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites
from fieldcheck.ui.findings.ledger_model import LedgerModel

FOUND = datetime(2026, 12, 1, 16, 30, tzinfo=UTC)  # 2026年12月2日 00:30 in Beijing


def main(home: Path) -> None:
    _app = QCoreApplication([])
    clock.set_clock(lambda: FOUND)
    ctx = open_context(home)
    me = sites.add_person(
        ctx,
        {"name": "李建国", "role": Role.GRID, "unit": "文化路街道", "certificate_no": "豫0107"},
        actor_id="t",
    ).id
    site = sites.register_site(
        ctx,
        {
            "name": "老王烧烤店",
            "address": "农业路18号",
            "legal_rep": "王强",
            "jurisdiction": "4101",
        },
        actor_id=me,
    )
    insp = inspections.start_inspection(ctx, site_id=site.id, inspector_ids=[me], actor_id=me)
    findings.record_finding(ctx, inspection_id=insp.id, description="灭火器过期", actor_id=me)
    inspections.finish_inspection(ctx, insp.id, actor_id=me)
    notice = notices.issue_notice(ctx, insp.id, NoticeKind.RECORD, me)

    model = LedgerModel(ctx)
    model.set_filter(ledger.ledger_filter())
    column = LedgerModel.COLUMNS.index("found")
    window = model.data(model.index(0, column))

    pdf = home / "record.pdf"
    documents.render_notice(ctx, notice.id, pdf, unsigned=True)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    dates = sorted({line.strip() for line in text.splitlines() if "2026年12月" in line})

    xlsx = home / "ledger.xlsx"
    export.export_ledger(ctx, xlsx)
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    header = next(r for r in sheet.iter_rows(values_only=True) if "发现日期" in r)
    row = next(r for r in sheet.iter_rows() if any(c.value == "灭火器过期" for c in r))
    cell = row[list(header).index("发现日期")]
    xlsx_text = f"{cell.value:%Y-%m-%d} {cell.number_format}"

    caption = format_time(
        BandInfo("老王烧烤店", FOUND.replace(tzinfo=None), "+00:00", None, None, [], "0" * 64)
    )
    print(json.dumps({"window": window, "pdf": dates, "xlsx": xlsx_text, "caption": caption}))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
