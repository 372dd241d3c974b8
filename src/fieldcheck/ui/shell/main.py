# SPDX-License-Identifier: Apache-2.0
"""Start the desktop app: QApplication, HiDPI, translations, style, first run, main window.

The window is shown before the data is open: this module and the window shell import no
storage or services (check with `python -X importtime`); ui.startup opens the data in the
background and fills the window when it is ready.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from fieldcheck import paths
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.ui.shell.settings_store import Settings, load_settings
from fieldcheck.ui.shell.startup import Startup


def install_translators(app: QApplication, locale: QLocale) -> list[QTranslator]:
    """Load Qt's own and fieldcheck's translations for locale (zh_CN is the source).

    Qt's own (qtbase: file, print and colour dialogs, context menus) are loaded whatever
    the system locale is, and the locale becomes the default one, so that calendars and
    dates (month and day names, "2026年12月1日") are in the window's language too.
    """
    QLocale.setDefault(locale)
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


# The sans-serif CJK face shipped in resources/fonts, so a machine without any Chinese
# font (a fresh Linux install, a stripped-down Windows image) shows text, not boxes.
UI_FONT_FAMILY = "WenQuanYi Micro Hei"


def register_fonts() -> list[str]:
    """Register the bundled fonts with Qt; returns the families they provide."""
    families: list[str] = []
    for path in sorted((paths.resources_dir() / "fonts").glob("*.tt[fc]")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


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
    dress(app)
    return app


def dress(app: QApplication) -> None:
    """The window's font and style sheet (what a screen's size depends on)."""
    register_fonts()
    font = QFont(app.font())
    # The system's own CJK faces first; the bundled one when the system has none.
    font.setFamilies([font.family(), "Microsoft YaHei", "Noto Sans CJK SC", UI_FONT_FAMILY])
    font.setPointSizeF(max(font.pointSizeF(), 10.5))  # readable for people outdoors
    app.setFont(font)
    app.setStyleSheet(style_sheet())


def start(home: str | Path | None = None) -> Startup:
    """Show the main window at once and begin opening the data behind it."""
    from fieldcheck.ui.shell.main_window import MainWindow

    app = make_app()
    error: FieldcheckError | None = None
    try:  # a small JSON file: read here, it decides the language of the window
        settings = load_settings(paths.home(home).settings)
    except FieldcheckError as exc:
        settings, error = Settings(), exc
    language = "en" if settings.language == "en" else "zh_CN"
    install_translators(app, QLocale(language))
    window = MainWindow()
    window.show()
    return Startup(window, home, settings, error=error)


def run_gui(home: str | Path | None = None) -> int:
    """Open the main window on the data directory home; returns the exit code."""
    app = make_app()
    startup = start(home)
    if smoke_ms := os.environ.get("FIELDCHECK_SMOKE_EXIT_MS"):  # bundle smoke test
        _quit_when_settled(app, startup, int(smoke_ms))
    try:
        code = app.exec()
    finally:
        startup.close()
    return 1 if startup.failed is not None else code


def _quit_when_settled(app: QApplication, startup: Startup, delay_ms: int) -> None:
    """Quit delay_ms after start once the data is open or has failed to open."""
    from PySide6.QtCore import QTimer

    def check() -> None:
        if startup.window.ready or startup.failed is not None:
            app.quit()
        else:
            QTimer.singleShot(100, check)

    QTimer.singleShot(delay_ms, check)
