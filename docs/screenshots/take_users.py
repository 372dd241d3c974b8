# SPDX-License-Identifier: Apache-2.0
"""Screenshots of issue 14's last screens: site import preview, 回头看 outcome, photo captions.

fieldcheck --home /tmp/shots demo      (a fresh copy per run: the 回头看 is recorded)
Xvfb :99 -screen 0 1366x768x24 &
DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python docs/screenshots/take_users.py /tmp/shots [en]
(xcb: the offscreen platform's 800×800 screen would size the dialogs to it.)
Without a system CJK font: FONTCONFIG_FILE=/tmp/empty-fonts.conf FIELDCHECK_SHOT_SUFFIX=_nofont ...
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QRadioButton

from fieldcheck.core.loop import Action
from fieldcheck.core.models import Role
from fieldcheck.core.uscc import make_uscc
from fieldcheck.services.context import open_context
from fieldcheck.services.findings import ledger
from fieldcheck.services.sites import sites
from fieldcheck.ui.findings.finding_dialog import FindingDialog
from fieldcheck.ui.shell.main import install_translators, make_app
from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.settings_store import Settings
from fieldcheck.ui.shell.state import AppState

sys.path.insert(0, str(Path(__file__).resolve().parent))
from take import OUT, settle

A = make_uscc("91410105MA44XKQ0T")
B = make_uscc("92410105MA9FQ2KL3")
HEAD = "单位名称,统一社会信用代码,地址,行业,场所类型,联系人,联系电话"


def _register(folder: Path, name: str, rows: list[str]) -> Path:
    path = folder / name
    path.write_bytes("\n".join([HEAD, *rows]).encode("gbk"))
    return path


def main(home: str, language: str = "zh_CN") -> None:
    app = make_app()
    suffix = ("" if language == "zh_CN" else f"_{language}") + os.environ.get(
        "FIELDCHECK_SHOT_SUFFIX", ""
    )
    install_translators(app, QLocale(language))
    ctx = open_context(home)
    me = next(p for p in sites.list_people(ctx, Role.GRID.value) if p.name == "李建国")
    state = AppState(ctx, Settings(person_id=me.id, jurisdiction="410105001"))
    window = MainWindow(state)
    window.resize(1366, 768)
    window.show()
    settle(app)
    view = window.show_screen("sites")
    settle(app)
    window.grab().save(str(OUT / f"sites_import_button{suffix}.png"))
    folder = Path(tempfile.mkdtemp())
    bad = A[:17] + ("0" if A[17] != "0" else "1")
    problems = _register(
        folder,
        "丰产路街道名册.csv",
        [
            f"老王烩面馆,{bad},丰产路12号,餐饮,九小场所,王建军,13812345678",
            f"顺发五金店,{B},,零售,九小场所,李顺发,1381234567",
            f"好又多超市,{B},丰产路20号,零售,九小场所,赵芳,13912345678",
            f"丰产路药店,{B},丰产路22号,零售,九小场所,钱明,13912345679",
        ],
    )
    view.import_file(problems)  # type: ignore[attr-defined]
    dialog = view.import_dialog  # type: ignore[attr-defined]
    settle(app)
    dialog.grab().save(str(OUT / f"site_import_problems{suffix}.png"))
    dialog.reject()
    clean = _register(
        folder,
        "丰产路街道名册.csv",
        [
            f"老王烩面馆,{A},丰产路12号,餐饮,九小场所,王建军,13812345678",
            f"顺发五金店,{B},丰产路18号,零售,九小场所,李顺发,0371-65123456",
            "好又多超市,,丰产路20号,零售,九小场所,赵芳,13912345678",
        ],
    )
    view.import_file(clean)  # type: ignore[attr-defined]
    dialog = view.import_dialog  # type: ignore[attr-defined]
    settle(app)
    dialog.grab().save(str(OUT / f"site_import_preview{suffix}.png"))
    dialog.reject()
    closed = ledger.ledger(ctx, ledger.ledger_filter(status="closed"))[0].id
    finding = FindingDialog(state, finding_id=closed, parent=window)
    finding.show()
    settle(app)
    finding.action_buttons[Action.REVISIT].click()
    step = finding.action_dialog
    rebound = step.findChild(QRadioButton, "revisit_rebound")
    assert rebound is not None
    rebound.click()
    step.note.setPlainText("疏散通道再次堆放纸箱")
    settle(app)
    step.grab().save(str(OUT / f"revisit_outcome{suffix}.png"))
    step.confirm()
    settle(app)
    finding.grab().save(str(OUT / f"revisit_history{suffix}.png"))
    finding.reject()
    expert = next(p for p in sites.list_people(ctx, Role.EXPERT.value))
    state.settings = replace(state.settings, person_id=expert.id)
    window.show_screen("expert")
    settle(app)
    window.grab().save(str(OUT / f"expert_captions{suffix}.png"))
    window.close()
    ctx.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
