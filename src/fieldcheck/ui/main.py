# SPDX-License-Identifier: Apache-2.0
"""Start the desktop app: QApplication, HiDPI, translations, style, first run, main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from fieldcheck import paths
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.services.context import open_context
from fieldcheck.ui.settings_store import load_settings


def install_translators(app: QApplication, locale: QLocale) -> list[QTranslator]:
    """Load Qt's own and fieldcheck's translations for locale (zh_CN is the source)."""
    installed = []
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    ours = QTranslator(app)
    if ours.load(locale, "fieldcheck", "_", str(paths.resources_dir() / "translations")):
        app.installTranslator(ours)
        installed.append(ours)
    return installed


def style_sheet() -> str:
    """The bundled Qt style sheet, or nothing when it is missing."""
    path = paths.resources_dir() / "style.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def make_app() -> QApplication:
    """The QApplication with HiDPI rounding and a CJK-capable default font."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional scales (125 %, 150 %) as they are on cheap laptops, not rounded to 1x/2x.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv)
    app.setApplicationName("fieldcheck")
    app.setOrganizationName("fieldcheck")
    font = QFont(app.font())
    font.setFamilies([font.family(), "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei"])
    font.setPointSizeF(max(font.pointSizeF(), 10.5))  # readable for people outdoors
    app.setFont(font)
    app.setStyleSheet(style_sheet())
    return app


def run_gui(home: str | Path | None = None) -> int:
    """Open the main window on the data directory home; returns the exit code."""
    from fieldcheck.ui.main_window import MainWindow
    from fieldcheck.ui.state import AppState

    app = make_app()
    try:
        ctx = open_context(home)
        settings = load_settings(ctx.home.settings)
    except FieldcheckError as exc:
        QMessageBox.critical(None, app.translate("main", "无法打开数据"), str(exc))
        return 1
    language = "en" if settings.language == "en" else "zh_CN"
    install_translators(app, QLocale(language))
    state = AppState(ctx, settings)
    if not settings.complete:
        from fieldcheck.ui.first_run import FirstRunWizard

        wizard = FirstRunWizard(state)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            ctx.close()
            return 0
    window = MainWindow(state)
    window.show()
    if smoke_ms := os.environ.get("FIELDCHECK_SMOKE_EXIT_MS"):  # bundle smoke test: quit once shown
        from PySide6.QtCore import QTimer

        QTimer.singleShot(int(smoke_ms), app.quit)
    try:
        return app.exec()
    finally:
        ctx.close()
