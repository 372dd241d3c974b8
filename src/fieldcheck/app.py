# SPDX-License-Identifier: Apache-2.0
"""Composition root and entry point: bare `fieldcheck` opens the window, else the CLI."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def _wants_gui(argv: Sequence[str]) -> bool:
    rest = list(argv)
    if rest[:1] == ["--home"] and len(rest) >= 2:
        rest = rest[2:]
    elif rest[:1] and rest[0].startswith("--home="):
        rest = rest[1:]
    return not rest


def main(argv: Sequence[str] | None = None) -> int:
    """`fieldcheck` with no command starts the desktop app; anything else is the CLI."""
    args = list(sys.argv[1:] if argv is None else argv)
    if _wants_gui(args):
        try:
            from fieldcheck.ui.shell.main import run_gui
        except ModuleNotFoundError as exc:
            if exc.name is None or not exc.name.startswith(("PySide6", "pypdfium2")):
                raise
            print(
                "fieldcheck: this install has no desktop window (it lacks Qt).\n"
                "  Install it with: pip install 'fieldcheck[desktop]'\n"
                "  Headless commands work as they are: fieldcheck --help",
                file=sys.stderr,
            )
            return 2

        home = args[1] if args[:1] == ["--home"] else (args[0][7:] if args else None)
        return run_gui(home)
    from fieldcheck.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
