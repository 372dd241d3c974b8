# SPDX-License-Identifier: Apache-2.0
"""Take a screenshot of each main screen over demo data.

fieldcheck --home /tmp/shots demo
Xvfb :99 & DISPLAY=:99 .venv/bin/python docs/screenshots/take.py /tmp/shots [en]
Without a system CJK font: FONTCONFIG_FILE=/tmp/empty-fonts.conf FIELDCHECK_SHOT_SUFFIX=_nofont ...
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QPoint, Qt, QThreadPool
from PySide6.QtTest import QTest

from fieldcheck.core.models import Role
from fieldcheck.services.context import open_context
from fieldcheck.services.sites import sites
from fieldcheck.ui.shell.main import install_translators, make_app
from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.settings_store import Settings
from fieldcheck.ui.shell.state import AppState

OUT = Path(__file__).resolve().parent


def settle(app: object) -> None:
    QThreadPool.globalInstance().waitForDone(20_000)
    for _ in range(5):
        QTest.qWait(60)


def main(home: str, language: str = "zh_CN") -> None:
    app = make_app()
    suffix = "" if language == "zh_CN" else f"_{language}"
    # FONTCONFIG_FILE pointing at an empty config shows the window on a machine
    # without any CJK font: only the font the app ships and registers itself.
    suffix += os.environ.get("FIELDCHECK_SHOT_SUFFIX", "")
    install_translators(app, QLocale(language))  # Qt's own dialogs too, in Chinese
    ctx = open_context(home)
    me = next(p for p in sites.list_people(ctx, Role.GRID.value) if p.name == "李建国")
    state = AppState(ctx, Settings(person_id=me.id, jurisdiction="410105001"))
    window = MainWindow(state)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()  # no window manager under Xvfb: shortcuts need an active window
    QTest.qWaitForWindowActive(window, 5000)
    settle(app)
    for key in ("today", "sites", "ledger", "notices", "expert", "dashboard", "settings"):
        window.show_screen(key)
        settle(app)
        window.grab().save(str(OUT / f"{key}{suffix}.png"))
    shop = sites.search_sites(ctx, "小吃店")[0]
    inspection = window.show_screen("inspection")
    inspection.begin_at(shop.id)  # type: ignore[attr-defined]
    settle(app)
    window.grab().save(str(OUT / f"inspection_checklists{suffix}.png"))
    inspection.start()  # type: ignore[attr-defined]
    walk = inspection.walk  # type: ignore[attr-defined]
    walk.item_list.setFocus()
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_3):
        QTest.keyClick(walk.item_list, key)
    settle(app)
    window.grab().save(str(OUT / f"inspection_walk{suffix}.png"))
    QTest.keyClick(walk.item_list, Qt.Key.Key_2)
    settle(app)
    walk.dialog.grab().save(str(OUT / f"finding_new{suffix}.png"))
    walk.dialog.reject()
    entry = window.views["ledger"].model.entry(0)  # type: ignore[attr-defined]
    window.open_finding(entry.id)
    settle(app)
    from fieldcheck.ui.findings.finding_dialog import FindingDialog

    dialog = next(
        w for w in app.topLevelWidgets() if isinstance(w, FindingDialog) and w.isVisible()
    )
    dialog.grab().save(str(OUT / f"finding_existing{suffix}.png"))
    dialog.reject()
    from fieldcheck.ui.major.cosign_dialog import CoSignDialog

    cosign = CoSignDialog(state, entry.id, f"{entry.site_name}\n{entry.description}", window)
    cosign.show()
    cosign.site_step.rep_name.setText("赵强")
    pad = cosign.site_step.pad
    settle(app)
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(60, 90))
    for x in range(70, 420, 12):
        QTest.mouseMove(pad, QPoint(x, 90 + int(25 * ((x // 12) % 3 - 1))))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(420, 95))
    settle(app)
    cosign.grab().save(str(OUT / f"cosign{suffix}.png"))
    cosign.reject()
    documents_and_major(app, state, window, suffix)
    window.close()
    ctx.close()


def documents_and_major(app: object, state: AppState, window: MainWindow, suffix: str) -> None:
    """出具文书, the rendered preview, flagging a major hazard, the expert's 验收."""
    from dataclasses import replace

    from fieldcheck.services.documents import notices
    from fieldcheck.services.findings import findings, ledger
    from fieldcheck.ui.documents.document_dialog import DocumentDialog
    from fieldcheck.ui.documents.issue_dialog import IssueDialog
    from fieldcheck.ui.major.accept_dialog import AcceptDialog
    from fieldcheck.ui.major.expert_view import awaiting_acceptance
    from fieldcheck.ui.major.flag_dialog import FlagMajorDialog

    ctx = state.ctx
    order = next(n for n in notices.list_notices(ctx) if n.kind == "rectification")
    preview = DocumentDialog(state, order.id, window)
    preview.resize(1000, 720)
    preview.show()
    settle(app)
    preview.pages.verticalScrollBar().setValue(0)
    settle(app)
    preview.grab().save(str(OUT / f"document_preview{suffix}.png"))
    preview.reject()
    general = next(
        e
        for e in ledger.ledger(ctx, ledger.ledger_filter(status="found"))
        if e.major_status is None
    )
    finding = findings.get_finding(ctx, general.id)
    issue = IssueDialog(state, finding.inspection_id, window)
    issue.show()
    settle(app)
    pad = issue.receipt.pad
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 60))
    for x in range(50, 330, 12):
        QTest.mouseMove(pad, QPoint(x, 60 + int(20 * ((x // 12) % 3 - 1))))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(330, 62))
    settle(app)
    issue.grab().save(str(OUT / f"issue_document{suffix}.png"))
    issue.show_draft()  # the 样稿: no number, nothing signed
    settle(app)
    assert issue.draft is not None
    issue.draft.resize(1000, 720)
    settle(app)
    issue.draft.grab().save(str(OUT / f"document_draft{suffix}.png"))
    issue.draft.reject()
    issue.reject()
    flag = FlagMajorDialog(state, finding, window)
    flag.show()
    flag.set_box.setCurrentIndex(max(0, flag.set_box.findData("gongmao-2023")))
    flag.filter.setText("粉尘")
    settle(app)
    flag.grab().save(str(OUT / f"flag_major{suffix}.png"))
    flag.reject()
    expert = next(p for p in sites.list_people(ctx, Role.EXPERT.value))
    state.settings = replace(state.settings, person_id=expert.id)
    accept = AcceptDialog(state, awaiting_acceptance(ctx)[0].id, window)
    accept.show()
    settle(app)
    accept.grab().save(str(OUT / f"expert_accept{suffix}.png"))
    accept.reject()
    onsite_sequence(app, state, window, suffix)


def onsite_sequence(app: object, state: AppState, window: MainWindow, suffix: str) -> None:
    """现场双签字: the expert's step, then the company's screen with the expert's conclusion."""
    from fieldcheck.demo.major import DEMO_PASSPHRASE
    from fieldcheck.services.major import major
    from fieldcheck.ui.major.onsite_sign import OnSiteSignDialog

    queue = major.review_queue(state.ctx)
    if not queue:
        return
    dialog = OnSiteSignDialog(state, queue[0].finding.id, window)
    dialog.show()
    settle(app)
    dialog.grab().save(str(OUT / f"onsite_sign_1{suffix}.png"))
    dialog.expert_pass.setText(DEMO_PASSPHRASE)
    dialog.comment.setPlainText("经现场核查，符合所引条款情形")
    dialog.sign_expert()
    settle(app)
    pad = dialog.site_step.pad
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 60))
    for x in range(50, 330, 12):
        QTest.mouseMove(pad, QPoint(x, 60 + int(20 * ((x // 12) % 3 - 1))))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(330, 62))
    settle(app)
    dialog.grab().save(str(OUT / f"onsite_sign_2{suffix}.png"))
    dialog.reject()


if __name__ == "__main__":
    main(*sys.argv[1:])
