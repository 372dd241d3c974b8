# SPDX-License-Identifier: Apache-2.0
"""A console page in the browser, logged in: what each console browser test starts with.

Beside browser_launch (which starts Chromium): a 1366×768 page that records the page's
console errors and any dialog (a script that ran where none may), has logged in through
the login form, and keeps screenshots under a folder when one is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class ConsolePage:
    page: Any
    shots: str | None = None
    errors: list[str] = field(default_factory=list)

    def shot(self, name: str, *, full_page: bool = False) -> None:
        """Keep a screenshot as <shots>/<name>.png when a folder was given."""
        if self.shots:
            Path(self.shots).mkdir(parents=True, exist_ok=True)
            path = Path(self.shots) / f"{name}.png"
            self.page.screenshot(path=str(path), full_page=full_page)

    def no_script_ran(self) -> None:
        """The CSP held and no injected script opened a dialog."""
        bad = [e for e in self.errors if "Content Security Policy" in e or "dialog" in e]
        assert not bad, self.errors


def logged_in(
    browser: Any, base: str, name: str, password: str, shots: str | None = None
) -> ConsolePage:
    """A new page logged in to the console at base as name, on its overview."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    out = ConsolePage(page, shots)
    page.on("console", lambda m: out.errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (out.errors.append("dialog: " + d.message), d.dismiss()))
    page.goto(base + "/console/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/console/")
    return out
