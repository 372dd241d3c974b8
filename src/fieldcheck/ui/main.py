# SPDX-License-Identifier: Apache-2.0
"""Start the desktop app: QApplication, translations, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldcheck import paths
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.services.context import open_context


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


def run_gui(home: str | Path | None = None) -> int:
    """Open the main window on the data directory home; returns the exit code."""
    from fieldcheck.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("fieldcheck")
    install_translators(app, QLocale())
    try:
        ctx = open_context(home)
    except FieldcheckError as exc:
        QMessageBox.critical(None, app.translate("main", "无法打开数据"), str(exc))
        return 1
    window = MainWindow(ctx)
    window.show()
    try:
        return app.exec()
    finally:
        ctx.close()
