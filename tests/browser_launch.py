# SPDX-License-Identifier: Apache-2.0
"""One way to start the browser the web tests drive: Debian's Chromium through Playwright.

Shared by tests/phone (the upload page as a phone) and tests/server (the console),
and by the console's screenshot script. Playwright never downloads a browser here:
it drives /usr/bin/chromium. Without Playwright or Chromium a test skips with the
reason on a laptop and fails in CI, which must provide both.

The module name is unique on purpose: tests/server and tests/sync each have a
``conftest`` module, so a helper must not be called ``conftest`` or ``helpers``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


def need_browser() -> Any:
    """Playwright's sync_playwright, or skip (fail in CI) when it or Chromium is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install playwright; no browser download)")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        _missing(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    return sync_playwright


@contextmanager
def chromium(sync_playwright: Any = None) -> Iterator[tuple[Any, Any]]:
    """(playwright, browser): headless Chromium, closed on the way out.

    Tests call it without arguments (it skips when the browser is missing); a script
    passes playwright's sync_playwright itself.
    """
    with (sync_playwright or need_browser())() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield pw, browser
        finally:
            browser.close()
