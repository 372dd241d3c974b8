# SPDX-License-Identifier: Apache-2.0
"""Printing a rendered notice through CUPS (`lp`); the PDF is always kept on disk.

The desktop app prints through Qt's dialog; this is the headless path for
`fieldcheck notice print` and for machines where the app runs without a screen.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from fieldcheck.core.errors import FieldcheckError

TIMEOUT_S = 20


class PrintError(FieldcheckError):
    """The document could not be sent to the printer; the PDF stays where it was."""


@dataclass(frozen=True)
class PrintJob:
    """A job CUPS accepted."""

    printer: str
    job_id: str
    pdf: Path


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise PrintError(f"{cmd[0]} did not answer within {TIMEOUT_S} s; is CUPS hung?") from None


def _tool(name: str, pdf: Path) -> str:
    path = shutil.which(name)
    if path is None:
        raise PrintError(
            f"cannot print: the CUPS command `{name}` is not installed; the PDF is kept at {pdf}"
        )
    return path


def printers(pdf: Path | None = None) -> tuple[list[str], str | None]:
    """The queues CUPS knows and the default one; PrintError when CUPS is not running."""
    where = pdf or Path("(no file)")
    lpstat = _tool("lpstat", where)
    running = _run([lpstat, "-r"])
    if running.returncode != 0 or "not running" in running.stdout + running.stderr:
        raise PrintError(
            f"cannot print: the CUPS print service is not running (start it, e.g. "
            f"`systemctl start cups`); the PDF is kept at {where}"
        )
    listed = _run([lpstat, "-e"])
    names = [line.strip() for line in listed.stdout.splitlines() if line.strip()]
    default = _run([lpstat, "-d"]).stdout
    match = re.search(r"destination:\s*(\S+)", default)
    return names, match.group(1) if match else None


def print_pdf(pdf: Path, printer: str | None = None, *, copies: int = 1) -> PrintJob:
    """Send pdf to printer (or the default printer); say clearly what went wrong."""
    if not pdf.is_file():
        raise PrintError(f"{pdf}: no such PDF to print")
    names, default = printers(pdf)
    target = printer or default
    if target is None:
        known = ", ".join(names) if names else "none"
        raise PrintError(
            f"cannot print: no printer given and no default printer set (printers: {known}); "
            f"the PDF is kept at {pdf}"
        )
    if target not in names:
        known = ", ".join(names) if names else "none"
        raise PrintError(
            f"cannot print: there is no printer named {target!r} (printers: {known}); "
            f"the PDF is kept at {pdf}"
        )
    lp = _tool("lp", pdf)
    done = _run([lp, "-d", target, "-n", str(copies), "-t", pdf.stem, str(pdf)])
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip() or f"lp exited with {done.returncode}"
        raise PrintError(f"printer {target} refused the job ({reason}); the PDF is kept at {pdf}")
    match = re.search(r"request id is (\S+)", done.stdout)
    return PrintJob(target, match.group(1) if match else "?", pdf)
