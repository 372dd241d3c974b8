# SPDX-License-Identifier: Apache-2.0
"""The Chinese window is Chinese: errors, photo refusals, Qt's own dialogs, the font."""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from fieldcheck.core.errors import FieldcheckError, InvalidValueError
from fieldcheck.ui.shell import error_words, messages, photo_messages
from fieldcheck.ui.shell.labels import EVENT_WORDS_ZH, event_label
from fieldcheck.ui.shell.main import UI_FONT_FAMILY, install_translators

# Modules that define the errors plain_words() knows by name (the window imports none).
ERROR_MODULES = (
    "fieldcheck.core.errors",
    "fieldcheck.signing.errors",
    "fieldcheck.services.sync.sync",
    "fieldcheck.services.documents.documents",
    "fieldcheck.services.documents.printing",
    "fieldcheck.services.documents.notice_data",
    "fieldcheck.sync.client",
    "fieldcheck.photos.formats",
    "fieldcheck.checklists.problems",
    "fieldcheck.reports.fonts",
    "fieldcheck.reports.raster",
    "fieldcheck.server.auth",
    "fieldcheck.services.sites.site_merge",
    "fieldcheck.services.inspections.tasks",
)
# Two ASCII words in a row is an English phrase; single tokens (PDF, JPEG) are fine.
ENGLISH = re.compile(r"[A-Za-z]{2,}[\s,.;:'`()-]+[A-Za-z]{2,}|`|--")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _all_error_types() -> dict[str, type[BaseException]]:
    for name in ERROR_MODULES:
        importlib.import_module(name)
    found: dict[str, type[BaseException]] = {}
    todo: list[type[BaseException]] = [FieldcheckError]
    while todo:
        cls = todo.pop()
        found[cls.__name__] = cls
        todo.extend(cls.__subclasses__())
    return found


def _instance(cls: type[BaseException]) -> BaseException:
    """An instance with an English detail, without knowing the constructor's arguments."""
    exc = cls.__new__(cls)
    exc.args = ("the finding is frozen: run `fieldcheck major confirm|downgrade` first",)
    if issubclass(cls, InvalidValueError):
        exc.field, exc.value, exc.reason = "contact_phone", "1380013800", "not a phone number"  # type: ignore[attr-defined]
    return exc


def _assert_chinese(text: str, what: str) -> None:
    assert CJK.search(text), f"{what}: no Chinese in {text!r}"
    assert not ENGLISH.search(text), f"{what}: English in the Chinese text {text!r}"


def test_every_mapped_error_is_said_in_chinese(qapp: QApplication) -> None:
    types = _all_error_types()
    missing = [n for n in error_words.MAPPED_BY_NAME if n not in types]
    assert missing == [], f"plain_words() names errors that do not exist: {missing}"
    walked = [types[n] for n in error_words.MAPPED_BY_NAME] + list(error_words.MAPPED_BY_TYPE)
    walked += [*types.values(), OSError, PermissionError, ValueError, KeyError]
    for cls in walked:
        head, detail = messages.plain_words(_instance(cls))
        _assert_chinese(head, cls.__name__)
        assert "fieldcheck major" in detail or cls.__name__ == "MissingFieldsError"


def test_the_mapped_words_differ_from_the_unexpected_error(qapp: QApplication) -> None:
    unexpected, _ = messages.plain_words(ValueError("boom"))
    types = _all_error_types()
    for name in error_words.MAPPED_BY_NAME:
        head, _ = messages.plain_words(_instance(types[name]))
        assert head != unexpected, name
    head, _ = messages.plain_words(_instance(types["ExpertReviewNeededError"]))
    assert "专家" in head and "验收" in head


def test_refused_photos_are_named_with_a_chinese_reason(qapp: QApplication) -> None:
    from fieldcheck.photos.formats import describe_unknown
    from fieldcheck.services.evidence.photos import AttachResult

    reasons = [
        describe_unknown(b"%PDF-1.7"),
        describe_unknown(b"GIF89a"),
        describe_unknown("就是一段文字".encode()),
        "the file is empty (0 bytes)",
        "the image data is damaged or incomplete: 10 bytes cannot hold the 9×9 pixels "
        "its header claims",
        "refused as a decompression bomb (…)",
        "something nobody foresaw",
    ]
    refused = [
        AttachResult(file=f"/home/li/相册/IMG_{i}.jpg", ok=False, error=r)
        for i, r in enumerate(reasons)
    ]
    lines = photo_messages.refused_lines(refused)
    for i, line in enumerate(lines):
        assert line.startswith(f"IMG_{i}.jpg："), line
        _assert_chinese(line.split("：", 1)[1], reasons[i])
    assert "PDF" in lines[0] and "损坏" in lines[4]


def test_history_events_are_words(qapp: QApplication) -> None:
    for action in [*EVENT_WORDS_ZH, "verify_pass", "assign", "major_confirm", "site_sign"]:
        _assert_chinese(event_label(action), action)
    assert event_label("major_confirm") == "专家确认为重大隐患"
    assert "_" not in event_label("something_new")


def test_qt_dialogs_and_calendar_are_chinese(qapp: QApplication) -> None:
    before = QLocale()
    translators = install_translators(qapp, QLocale("zh_CN"))
    try:
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
        assert QCoreApplication.translate("QPrintDialog", "Print") != "Print"
        assert QLocale().monthName(12) == "十二月"
    finally:
        for t in translators:
            qapp.removeTranslator(t)
        QLocale.setDefault(before)


def test_qt_message_box_buttons_are_chinese(qapp: QApplication) -> None:
    """The buttons Qt itself writes in our message boxes: the standard ones and the
    details button in both its states (Qt 6.6 to 6.12 look up 'Show Details...' with three
    dots, which qtbase_zh_CN.qm translates; a Qt that changes the key shows English)."""
    from PySide6.QtWidgets import QMessageBox

    before = QLocale()
    translators = install_translators(qapp, QLocale("zh_CN"))
    try:
        sb = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Warning, "t", "x", sb.Ok | sb.Cancel | sb.Save)
        box.setDetailedText("detail")
        box.show()
        said = [b.text() for b in box.buttons()]
        details = next(b for b in box.buttons() if box.buttonRole(b) == box.ButtonRole.ActionRole)
        shown = details.text()
        details.click()
        hidden = details.text()
        box.close()
        assert [box.button(b).text() for b in (sb.Ok, sb.Cancel, sb.Save)] == [
            "确定",
            "取消",
            "保存",
        ]
        for text in (*said, shown, hidden):
            assert re.search(r"[\u4e00-\u9fff]", text) and "Details" not in text, text
        assert shown.startswith("显示") and hidden.startswith("隐藏")
    finally:
        for t in translators:
            qapp.removeTranslator(t)
        QLocale.setDefault(before)


def test_bundled_font_shows_chinese_without_system_fonts(tmp_path: Path) -> None:
    """On a machine with no CJK font at all (no fonts-wqy), the window still has one."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{tmp_path / "none"}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    script = textwrap.dedent(
        """
        from PySide6.QtGui import QFontDatabase
        from fieldcheck.ui.shell.main import make_app
        app = make_app()
        sc = QFontDatabase.WritingSystem.SimplifiedChinese
        print("after", QFontDatabase.families(sc))
        print("font", app.font().families())
        """
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen"}
    if shutil.which("fc-list") is None:
        pytest.skip("fc-list is missing: cannot check that the system fonts are hidden")
    system_cjk = subprocess.run(
        ["fc-list", ":lang=zh-cn", "family"], env=env, capture_output=True, text=True, timeout=60
    )
    assert system_cjk.stdout.strip() == "", "the empty fontconfig still finds system fonts"
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines())
    assert UI_FONT_FAMILY in lines["after"]
    assert UI_FONT_FAMILY in lines["font"]
