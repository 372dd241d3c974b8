# SPDX-License-Identifier: Apache-2.0
"""出具文书 in the window: issue for my role, sign, preview the pages, print, save, void."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from ui_helpers import person_id, sign, type_chinese, visit

from fieldcheck.cli import main as cli_main
from fieldcheck.core.terms import NoticeKind, Role
from fieldcheck.demo.major import DEMO_PASSPHRASE
from fieldcheck.reports.raster import page_sizes
from fieldcheck.services.documents import document_files, notices, pdf_verdict, printing
from fieldcheck.services.documents.printing import PrintJob
from fieldcheck.services.findings import findings
from fieldcheck.ui.documents.document_dialog import DocumentDialog
from fieldcheck.ui.documents.issue_dialog import IssueDialog
from fieldcheck.ui.documents.notices_view import NoticesView
from fieldcheck.ui.documents.rendered import load_document, sign_document
from fieldcheck.ui.shell.state import AppState


def pdftotext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def _shown(qtbot: QtBot, dialog: DocumentDialog) -> None:
    qtbot.waitUntil(
        lambda: dialog.loaded is not None and dialog.print_button.isEnabled(), timeout=20_000
    )


def test_grid_worker_issues_a_signed_rectification_notice_and_sees_its_pages(
    qtbot: QtBot, state: AppState
) -> None:
    insp = visit(state)
    dialog = IssueDialog(state, insp)
    qtbot.addWidget(dialog)
    offered = set(dialog.kind_buttons)
    assert offered == {NoticeKind.RECORD, NoticeKind.RECTIFICATION, NoticeKind.REVIEW}
    assert dialog.kind() is NoticeKind.RECTIFICATION  # a grid worker never issues an order
    before = len(notices.list_notices(state.ctx))
    dialog.submit()
    assert "签名区" in dialog.error.text()  # the site's person has not signed yet
    sign(qtbot, dialog.receipt.pad)
    dialog.passphrase.setText("not my passphrase")
    op = dialog.submit()
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=20_000)
    assert op is not None and "签名密码不对" in dialog.error.text()
    assert len(notices.list_notices(state.ctx)) == before  # nothing issued
    dialog.passphrase.setText(DEMO_PASSPHRASE)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30_000)
    preview = dialog.preview
    assert preview is not None
    qtbot.addWidget(preview)
    loaded = preview.loaded
    assert loaded is not None and loaded.signed
    assert len(preview.pages.pages) == len(loaded.pages) == len(page_sizes(loaded.path))
    assert loaded.pages[0].width > 700  # drawn at the preview's 100 dpi, A4 wide
    assert "整改" in preview.heading.text()
    assert pdf_verdict.verify_pdf(state.ctx, loaded.path).genuine
    listing = notices.list_notices(state.ctx)
    assert len(listing) == before + 1 and listing[0].kind == "rectification"


def test_the_draft_shows_the_chosen_hazards_marked_and_takes_no_number(
    qtbot: QtBot, state: AppState, tmp_path: Path
) -> None:
    insp = visit(state)
    me = state.actor_id
    second = findings.record_finding(
        state.ctx,
        inspection_id=insp,
        description="灭火器压力不足",
        place="前厅",
        actor_id=me,
    )
    dialog = IssueDialog(state, insp)
    qtbot.addWidget(dialog)
    assert dialog.hazards.count() == 2  # the document's hazards, each ticked
    dialog.hazards.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.chosen() is not None and second.id not in dialog.chosen()
    before = notices.list_notices(state.ctx)
    dialog.receipt.later.setChecked(True)
    op = dialog.show_draft()
    qtbot.waitUntil(lambda: dialog.draft is not None, timeout=30_000)
    assert op is not None and op.outcome == "succeeded"
    assert dialog.draft is not None and dialog.draft.pages.pages  # the 样稿 pages are shown
    qtbot.addWidget(dialog.draft)
    assert notices.list_notices(state.ctx) == before  # no number taken, nothing issued
    assert findings.get_finding(state.ctx, second.id).status.value == "found"
    draft = next((state.ctx.home.cache / "previews").glob(f"draft-{insp}-*.pdf"))
    text = "".join(pdftotext(draft).split())
    assert "样稿" in text and "后厨液化气钢瓶" in text and "灭火器压力不足" not in text
    assert "〔" not in text.split("隐患整改通知书", 1)[1][:20]  # no number printed yet
    dialog.passphrase.setText(DEMO_PASSPHRASE)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30_000)
    assert dialog.preview is not None
    qtbot.addWidget(dialog.preview)
    issued = notices.list_notices(state.ctx)[0]
    _n, data = notices.document_data(state.ctx, issued.id)
    assert [h.description for h in data.hazards] == ["后厨液化气钢瓶未设置防倾倒措施"]
    assert findings.get_finding(state.ctx, second.id).status.value == "found"  # left for later


def test_an_expert_is_told_only_inspectors_issue_documents(qtbot: QtBot, state: AppState) -> None:
    insp = visit(state)
    state.settings = replace(state.settings, person_id=person_id(state.ctx, Role.EXPERT))
    dialog = IssueDialog(state, insp)
    qtbot.addWidget(dialog)
    assert dialog.kind_buttons == {} and not dialog.ok_button.isEnabled()
    assert "只有检查人员" in dialog.error.text()


def test_refusal_without_witness_is_refused_in_words(qtbot: QtBot, state: AppState) -> None:
    dialog = IssueDialog(state, visit(state))
    qtbot.addWidget(dialog)
    dialog.receipt.refused.setChecked(True)
    assert not dialog.receipt.pad.isEnabled() and dialog.receipt.witness.isEnabled()
    dialog.passphrase.setText(DEMO_PASSPHRASE)
    assert dialog.submit() is None
    assert dialog.error.text() == "拒签须填写见证人"


def _demo_notice(state: AppState, kind: str) -> str:
    return next(n.id for n in notices.list_notices(state.ctx) if n.kind == kind and not n.voided)


def test_a_notice_issued_unsigned_previews_unsigned_then_its_issuer_signs_it(
    qtbot: QtBot, state: AppState
) -> None:
    # The demo issues its notices signed; `fieldcheck notice issue` without --sign does not.
    demo, _data = notices.document_data(state.ctx, _demo_notice(state, "rectification"))
    nid = notices.issue_notice(
        state.ctx, demo.inspection_id, NoticeKind.RECTIFICATION, demo.issued_by
    ).id
    notice, _data = notices.document_data(state.ctx, nid)
    state.settings = replace(state.settings, person_id=notice.issued_by)
    dialog = DocumentDialog(state, nid)
    qtbot.addWidget(dialog)
    _shown(qtbot, dialog)
    assert dialog.loaded is not None and not dialog.loaded.signed
    assert "未签名样稿" in dialog.note.text()
    assert not dialog.sign_box.isHidden()
    dialog.passphrase.setText(DEMO_PASSPHRASE)
    dialog.sign()
    qtbot.waitUntil(lambda: dialog.loaded is not None and dialog.loaded.signed, timeout=30_000)
    assert dialog.sign_box.isHidden()
    assert pdf_verdict.verify_pdf(state.ctx, dialog.loaded.path).genuine


def test_printing_paints_every_page_and_save_copies_the_pdf(
    qtbot: QtBot, state: AppState, tmp_path: Path
) -> None:
    dialog = DocumentDialog(state, _demo_notice(state, "order"))
    qtbot.addWidget(dialog)
    _shown(qtbot, dialog)
    assert dialog.loaded is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(150)
    op = dialog.print_to(printer)
    qtbot.waitUntil(lambda: op.outcome == "succeeded", timeout=20_000)
    qtbot.waitUntil(lambda: dialog.printed_pages > 0)
    assert len(page_sizes(tmp_path / "printed.pdf")) == len(dialog.loaded.pages)
    dialog.save_to(tmp_path / "copy")
    assert (tmp_path / "copy.pdf").read_bytes() == dialog.loaded.path.read_bytes()


def test_the_print_dialog_offers_as_many_copies_as_the_paper_says(
    qtbot: QtBot, state: AppState
) -> None:
    for kind, expected in (("order", 2), ("record", 1)):
        dialog = DocumentDialog(state, _demo_notice(state, kind))
        qtbot.addWidget(dialog)
        _shown(qtbot, dialog)
        dialog.print_dialog()
        assert dialog.printer.copyCount() == expected  # 一式两份 / the record names none
        dialog.print_box.reject()


def test_direct_print_without_a_default_printer_says_what_to_do(
    qtbot: QtBot, state: AppState, monkeypatch: object
) -> None:
    # CUPS answers: one queue, no default (the state of many fresh installs).
    monkeypatch.setattr(printing, "printers", lambda pdf=None: (["Office"], None))  # type: ignore[attr-defined]
    dialog = DocumentDialog(state, _demo_notice(state, "record"))
    qtbot.addWidget(dialog)
    _shown(qtbot, dialog)
    op = dialog.print_direct()
    qtbot.waitUntil(lambda: op.outcome == "failed", timeout=10_000)
    box = next(w for w in dialog.findChildren(QMessageBox) if w.isVisible())
    assert "默认打印机" in box.text() and "打印…" in box.text()
    assert "Office" in box.detailedText()


def test_voiding_needs_a_reason_and_the_pages_then_say_voided(
    qtbot: QtBot, state: AppState
) -> None:
    nid = _demo_notice(state, "record")
    dialog = DocumentDialog(state, nid)
    qtbot.addWidget(dialog)
    _shown(qtbot, dialog)
    dialog.void_button.click()
    void = dialog.void_dialog
    void._check()
    assert (
        void.error.text() == "请写明作废原因"
        and not notices.document_data(state.ctx, nid)[0].voided
    )
    type_chinese(void.reason, "单位名称写错，重新出具")
    void._check()
    assert notices.document_data(state.ctx, nid)[0].void_reason == "单位名称写错，重新出具"
    _shown(qtbot, dialog)
    assert "已作废" in dialog.heading.text() and not dialog.void_button.isEnabled()


def test_notices_screen_lists_numbers_kinds_and_voided_per_site(
    qtbot: QtBot, state: AppState
) -> None:
    view = NoticesView(state)
    qtbot.addWidget(view)
    everything = notices.list_notices(state.ctx)
    assert view.table.rowCount() == len(everything) >= 7
    voided = [i for i, n in enumerate(view.table.rows) if n.voided]
    assert voided and view.table.item(voided[0], 4).text().startswith("已作废：")
    site_id = everything[0].site_id
    view.show_site(site_id)
    assert view.table.rowCount() == sum(1 for n in everything if n.site_id == site_id)
    assert {view.table.item(r, 1).text() for r in range(view.table.rowCount())} <= {
        "现场检查记录",
        "隐患整改通知书",
        "责令限期整改指令书",
        "整改复查意见书",
    }
    view.table.setCurrentCell(0, 0)
    view.open_current()
    qtbot.addWidget(view.dialog)
    _shown(qtbot, view.dialog)
    assert view.dialog.loaded.notice.id == view.table.rows[0].id


def test_the_window_and_notice_print_keep_a_voided_notice_in_the_same_pdf(
    qtbot: QtBot, state: AppState, monkeypatch: pytest.MonkeyPatch
) -> None:
    nid = _demo_notice(state, "record")
    ctx = state.ctx
    notices.void_notice(ctx, nid, reason="单位名称写错，重新出具", actor_id=state.actor_id)
    window = sign_document(ctx, nid, DEMO_PASSPHRASE, 40)
    assert window.path.name == f"{nid}.void.pdf" and window.notice.voided
    assert load_document(ctx, nid, 40).path == window.path  # the preview finds it again
    sent: list[Path] = []

    def to_printer(pdf: Path, printer: str | None = None, *, copies: int = 1) -> PrintJob:
        sent.append(pdf)
        return PrintJob(printer or "test", "1", pdf)

    monkeypatch.setattr(printing, "print_pdf", to_printer)
    r, w = os.pipe()
    os.write(w, (DEMO_PASSPHRASE + "\n").encode())
    os.close(w)
    code = cli_main(
        ["--home", str(ctx.home.root), "notice", "print", nid, "--passphrase-fd", str(r)]
    )
    os.close(r)
    assert code == 0
    assert sent == [window.path] == [document_files.kept_path(ctx, window.notice)]
    assert pdf_verdict.verify_pdf(ctx, window.path).voided
