# SPDX-License-Identifier: Apache-2.0
"""The English translation loads and every source string has a translation."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import fieldcheck
from fieldcheck import paths
from fieldcheck.services.findings import findings, ledger
from fieldcheck.ui.major import five_plan
from fieldcheck.ui.shell.main import install_translators
from fieldcheck.ui.shell.main_window import MainWindow
from fieldcheck.ui.shell.state import AppState


def test_every_string_is_translated() -> None:
    tree = ET.parse(paths.resources_dir() / "translations" / "fieldcheck_en.ts")
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation").get("type") == "unfinished"
    ]  # type: ignore[union-attr]
    assert unfinished == []


def test_window_in_english(qtbot: QtBot, state: AppState) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QLocale()
    translators = install_translators(app, QLocale("en"))
    try:
        window = MainWindow(state)
        qtbot.addWidget(window)
        titles = [window.nav.item(i).text() for i in range(window.nav.count())]
        assert titles[:4] == ["Today", "Sites", "Inspect", "Ledger"]
        assert window.sync_status.count_label.text().endswith("photos, 7 documents to upload")
        window.nav.setCurrentRow(3)
        ledger_view = window.views["ledger"]
        assert ledger_view.model.headers[1] == "Description"  # type: ignore[attr-defined]
    finally:
        for t in translators:
            app.removeTranslator(t)
        QLocale.setDefault(before)


FULL_WIDTH_OPEN = "（【〔"
FULL_WIDTH_CLOSE = "）】〕"


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def test_no_full_width_brackets_in_english() -> None:
    """Full-width brackets only inside Chinese examples (第（一）项, 〔2026〕), never English."""
    tree = ET.parse(paths.resources_dir() / "translations" / "fieldcheck_en.ts")
    bad = []
    for m in tree.iter("message"):
        text = m.findtext("translation") or ""
        for i, ch in enumerate(text):
            if ch in FULL_WIDTH_OPEN and not (i > 0 and _cjk(text[i - 1])):
                bad.append(text)
            after_cjk = i + 1 < len(text) and _cjk(text[i + 1])
            inside = i > 0 and (_cjk(text[i - 1]) or text[i - 1].isdigit())
            if ch in FULL_WIDTH_CLOSE and not (after_cjk or inside):
                bad.append(text)
    assert bad == []


def test_strike_off_and_close_are_different_words() -> None:
    tree = ET.parse(paths.resources_dir() / "translations" / "fieldcheck_en.ts")
    english = {m.findtext("source"): m.findtext("translation") for m in tree.iter("message")}
    assert english["销号"] == "Strike off" and english["关闭"] == "Close"
    assert english["机械加工"] == "Machining" and english["小微企业"] == "Small business"


def _english_by_source() -> dict[str, dict[str, str]]:
    """source -> {context: English} over the whole .ts."""
    tree = ET.parse(paths.resources_dir() / "translations" / "fieldcheck_en.ts")
    out: dict[str, dict[str, str]] = {}
    for context in tree.iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            # plural forms (Qt's %n): the one form, 'Document' of ('Document', 'Documents')
            english = m.findtext("translation/numerusform") or m.findtext("translation") or ""
            out.setdefault(m.findtext("source") or "", {})[name] = english
    return out


# One Chinese word, two meanings: the cell's value in the import problems, the compared
# field in a sync conflict; 单位, the site inspected (被检查单位) and a person's own unit
# (工作单位, the person form). Anything else said twice must be said the same way.
# 检查: the page and a task's action (Inspect), one inspection record (Inspection).
HOMONYMS = {"内容", "单位", "隐患", "检查"}  # 隐患: one hazard (Hazard), a tab of them (Hazards)


def _one_word(english: set[str]) -> bool:
    """The same word, or one of them and a page or tab of many: Document, Documents."""
    return len({e.removesuffix("s") for e in english}) <= 1


def test_one_english_word_for_each_chinese_one() -> None:
    """A source reads the same in English everywhere; a 'short' label only shortens it."""
    differing = []
    for source, by_context in _english_by_source().items():
        if source in HOMONYMS:
            continue
        full = {e for c, e in by_context.items() if c != "short"}
        if not _one_word(full):
            differing.append((source, by_context))
        short = by_context.get("short")
        if short is not None and full and not any(e.startswith(short) for e in full):
            differing.append((source, by_context))
    assert differing == []


_CJK = re.compile(r"[\u4e00-\u9fff]")
_TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
# Chinese that is right untranslated: the language's own name in the language menu, and
# the words the clause search drops from a description before it looks the rest up.
NEVER_TRANSLATED = {
    "中文",
    "是否",
    "没有",
    "未按",
    "未",
    "无",
    "不",
    "：不符合要求",
    "不符合要求",
}
# The Chinese window writes its dates 2026年3月5日 as core.timefmt does (labels.wall_text
# spells that form out); the English one by a translated Qt date format, 5 Mar 2026.
DATE_PARTS = {"年", "月", "日 "}


def _bare_chinese(path: Path) -> list[tuple[int, str]]:
    """Chinese string literals of a module that no translation call wraps (docstrings aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    wrapped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name in _TRANSLATING:
                wrapped.update(id(n) for n in ast.walk(node))
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            wrapped.add(id(body[0].value))
    return [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and _CJK.search(n.value)
        and id(n) not in wrapped
    ]


def test_no_chinese_in_the_window_without_an_english_translation() -> None:
    """A Chinese literal outside tr() is a translated source (looked up by a helper) or named."""
    translated = {s for s, by in _english_by_source().items() if all(by.values())}
    ui = Path(fieldcheck.__file__).parent / "ui"
    bare = [
        f"{path.relative_to(ui)}:{line}: {text}"
        for path in sorted(ui.rglob("*.py"))
        for line, text in _bare_chinese(path)
        if text not in translated and text not in NEVER_TRANSLATED | DATE_PARTS
    ]
    assert bare == []


def test_five_plan_in_english(qtbot: QtBot, state: AppState) -> None:
    """五落实's heading and its 未填 are looked up in their own context, and found."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QLocale()
    translators = install_translators(app, QLocale("en"))
    try:
        entry = ledger.ledger(state.ctx, ledger.ledger_filter())[0]
        empty = findings.get_finding(state.ctx, entry.id).model_copy(
            update={f: "" for _l, f in five_plan.ITEMS}
        )
        html = five_plan.plan_html(empty)
        assert "Five assurances" in html and "not filled in" in html
        assert not _CJK.search(html)
    finally:
        for t in translators:
            app.removeTranslator(t)
        QLocale.setDefault(before)


def test_a_persons_unit_reads_unit_not_sites(qtbot: QtBot, state: AppState) -> None:
    """设置 and the first run read "Sites: 金水区丰产路街道办事处" for the person's own unit."""
    from PySide6.QtWidgets import QFormLayout, QLabel

    from fieldcheck.ui.widgets.person_form import PersonForm

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QLocale()
    translators = install_translators(app, QLocale("en"))
    try:
        form = PersonForm(state)
        qtbot.addWidget(form)
        layout = form.findChild(QFormLayout)
        assert layout is not None
        label = layout.labelForField(form.unit)
        assert isinstance(label, QLabel) and label.text() == "Unit"
    finally:
        for t in translators:
            app.removeTranslator(t)
        QLocale.setDefault(before)
