# SPDX-License-Identifier: Apache-2.0
"""English counts agree with their number: "1 document", not "1 documents" (Qt's %n plural
forms, tr(source, "", n)); one photo's caption reads "Hazard", not "Hazards"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication


def tr(context: str, source: str, n: int = -1) -> str:
    return QCoreApplication.translate(context, source, None, n)


@pytest.mark.parametrize(
    ("context", "source", "one", "two"),
    [
        ("SyncStatus", "%n 条隐患", "1 hazard", "2 hazards"),
        ("SyncStatus", "%n 张照片", "1 photo", "2 photos"),
        ("SyncStatus", "%n 份文书", "1 document", "2 documents"),
        (
            "NoticesView",
            "共 %n 份文书（其中作废 %1 份）",
            "1 document (%1 voided)",
            "2 documents (%1 voided)",
        ),
        ("LedgerView", "共 %n 项隐患", "1 hazard", "2 hazards"),
        (
            "messages",
            "%n 张照片没有保存，隐患和其余照片已保存：",
            "1 photo was not kept; the hazard and the other photos are saved:",
            "2 photos were not kept; the hazard and the other photos are saved:",
        ),
        ("SyncProofDialog", "记录 %n 条：%1", "1 record: %1", "2 records: %1"),
        ("SyncProofDialog", "照片文件 %n 个：%1", "1 photo file: %1", "2 photo files: %1"),
        ("SitesView", "共 %n 家", "1 site", "2 sites"),
        ("LedgerView", "已导出 %n 行到 %1", "Exported 1 row to %1", "Exported 2 rows to %1"),
        (
            "TodayView",
            "%1：尚有 %n 家未查（%2 至 %3）",
            "%1: 1 site not yet visited (%2 to %3)",
            "%1: 2 sites not yet visited (%2 to %3)",
        ),
        ("DashboardView", "单位 %n 家", "1 site", "2 sites"),
        ("DashboardView", "照片 %n 张", "1 photo", "2 photos"),
        ("DashboardView", "检查 %n 次", "1 inspection", "2 inspections"),
        ("WalkPage", "检查 %n 项", "1 item checked", "2 items checked"),
        ("TaskBox", "群众照片 %n 张", "1 citizen photo", "2 citizen photos"),
        (
            "DocumentDialog",
            "已送去打印，共 %n 页。",
            "Sent to the printer, 1 page.",
            "Sent to the printer, 2 pages.",
        ),
        (
            "DocumentDialog",
            "已签名（PAdES），共 %n 页。PDF：%2",
            "Signed (PAdES), 1 page. PDF: %2",
            "Signed (PAdES), 2 pages. PDF: %2",
        ),
        (
            "ChecklistPage",
            "%1（%n 项，版本 %3）",
            "%1 (1 item, version %3)",
            "%1 (2 items, version %3)",
        ),
        (
            "SiteImportDialog",
            "%1：%n 家单位可以导入。请核对后点“导入”；导入要么全部成功，要么一家也不导入。",
            "%1: 1 site can be imported. Check it, then press “Import”.",
            "%1: 2 sites can be imported. Check them, then press “Import”: either every site "
            "is imported or none.",
        ),
        (
            "SiteImportDialog",
            "%1：有 %n 处问题，一家也没有导入。请在表格中改正下列单元格后重新导入。",
            "%1: 1 problem; no site was imported. Correct this cell in the spreadsheet and "
            "import it again.",
            "%1: 2 problems; no site was imported. Correct these cells in the spreadsheet and "
            "import it again.",
        ),
        ("WalkPage", "发现隐患 %n 项", "1 hazard found", "2 hazards found"),
        ("SyncStatus", "冲突 %n 条…", "1 conflict", "2 conflicts"),
        ("ConflictsDialog", "文书", "Document", "Documents"),
        ("ConflictsDialog", "检查", "Inspection", "Inspections"),
    ],
)
def test_counts_take_the_number_s_form(
    english: None, context: str, source: str, one: str, two: str
) -> None:
    assert (tr(context, source, 1), tr(context, source, 2)) == (one, two)


def test_chinese_counts_read_the_number(qapp: QApplication) -> None:
    assert tr("SyncStatus", "%n 份文书", 1) == "1 份文书"


def test_one_photo_is_a_hazard_photo(english: None) -> None:
    assert tr("PhotoArea", "隐患") == "Hazard" and tr("AcceptDialog", "隐患") == "Hazard"
    assert tr("SiteRecord", "隐患") == "Hazards"  # a tab listing a site's hazards


def test_a_column_of_one_site_per_row_is_site(english: None) -> None:
    for context in ("LedgerModel", "NoticeTable", "HazardTable", "ConflictsDialog"):
        assert tr(context, "单位") == "Site", context
    assert tr("MainWindow", "单位") == "Sites"  # the page of every site
