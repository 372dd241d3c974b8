# SPDX-License-Identifier: Apache-2.0
"""English that agrees with its number (Qt's %n plural forms: one, other) and the kind of
one record named in the singular ('Set aside · Document', not '· Documents')."""

EN: dict[str, str | tuple[str, ...]] = {
    # 同步冲突: each entry is one record (tr(word, "", 1)).
    "ConflictsDialog|隐患": ("Hazard", "Hazards"),
    "ConflictsDialog|单位": ("Site", "Sites"),
    "ConflictsDialog|检查": ("Inspection", "Inspections"),
    "ConflictsDialog|人员": ("Person", "People"),
    "ConflictsDialog|文书": ("Document", "Documents"),
    "ConflictsDialog|照片": ("Photo", "Photos"),
    # 逐条核对同步: the kind of each row's record.
    "SyncProofDialog|文书": "Document",
    "SyncProofDialog|检查": "Inspection",
    # The summary a finished walk stores when none was typed: “检查 5 项，发现隐患 1 项”.
    "WalkPage|%1，%2": "%1, %2",
    "WalkPage|检查 %n 项": ("%n item checked", "%n items checked"),
    "WalkPage|发现隐患 %n 项": ("%n hazard found", "%n hazards found"),
    "drafts|%1 · 开始于 %2 · 已查 %3/%4 项 · 隐患 %n 条": (
        "%1 · started %2 · checked %3/%4 · %n hazard",
        "%1 · started %2 · checked %3/%4 · %n hazards",
    ),
    # A 随手拍 task's photos on 今日
    "TaskBox|群众照片 %n 张": ("%n citizen photo", "%n citizen photos"),
    # A checklist to choose, a document's pages
    "%1（%n 项，版本 %3）": ("%1 (%n item, version %3)", "%1 (%n items, version %3)"),
    "已签名（PAdES），共 %n 页。PDF：%2": (
        "Signed (PAdES), %n page. PDF: %2",
        "Signed (PAdES), %n pages. PDF: %2",
    ),
    "未签名样稿，共 %n 页：本机没有这份文书的签名 PDF。": (
        "Unsigned draft, %n page: this device has no signed PDF of this document.",
        "Unsigned draft, %n pages: this device has no signed PDF of this document.",
    ),
    "已送去打印，共 %n 页。": ("Sent to the printer, %n page.", "Sent to the printer, %n pages."),
    # The status bar's buttons: no '…', which the CJK face draws at mid-height, so that
    # 'Record by record…' read as a word cut at the right.
    "SyncStatus|冲突 %n 条…": ("%n conflict", "%n conflicts"),
    "SyncStatus|逐条核对…": "Sync details",
}
