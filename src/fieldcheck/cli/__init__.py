# SPDX-License-Identifier: Apache-2.0
"""The headless command line: `fieldcheck [--home DIR] COMMAND ...`.

Each command group lives in its own module with a ``register(subparsers)`` function
that adds its parsers and sets ``handler`` (a function of ``args`` returning an exit
code). Adding a group is one line in COMMAND_MODULES.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from fieldcheck import __version__
from fieldcheck.core.errors import FieldcheckError

COMMAND_MODULES = [
    "fieldcheck.cli.data_cmds",
    "fieldcheck.cli.checklist_cmds",
    "fieldcheck.cli.photo_cmds",
    "fieldcheck.cli.sync_cmds",
    "fieldcheck.cli.person_cmds",
    "fieldcheck.cli.site_cmds",
    "fieldcheck.cli.inspection_cmds",
    "fieldcheck.cli.task_cmds",
    "fieldcheck.cli.finding_cmds",
    "fieldcheck.cli.major_cmds",
    "fieldcheck.cli.verify_cmds",
    "fieldcheck.cli.notice_cmds",
    "fieldcheck.cli.export_cmds",
    "fieldcheck.cli.backup_cmds",
]
# Which module registers each command, so a run imports only the module it needs
# (all of them import services, ReportLab, pyHanko...: ~1 s). A test keeps it true.
COMMANDS = {
    "demo": "fieldcheck.cli.data_cmds",
    "status": "fieldcheck.cli.data_cmds",
    "ledger": "fieldcheck.cli.data_cmds",
    "audit": "fieldcheck.cli.data_cmds",
    "checklists": "fieldcheck.cli.checklist_cmds",
    "photo": "fieldcheck.cli.photo_cmds",
    "login": "fieldcheck.cli.sync_cmds",
    "sync": "fieldcheck.cli.sync_cmds",
    "sync-status": "fieldcheck.cli.sync_cmds",
    "sync-send-again": "fieldcheck.cli.sync_cmds",
    "person": "fieldcheck.cli.person_cmds",
    "site": "fieldcheck.cli.site_cmds",
    "inspection": "fieldcheck.cli.inspection_cmds",
    "task": "fieldcheck.cli.task_cmds",
    "campaign": "fieldcheck.cli.task_cmds",
    "finding": "fieldcheck.cli.finding_cmds",
    "major": "fieldcheck.cli.major_cmds",
    "verify": "fieldcheck.cli.verify_cmds",
    "notice": "fieldcheck.cli.notice_cmds",
    "export": "fieldcheck.cli.export_cmds",
    "backup": "fieldcheck.cli.backup_cmds",
}


def _command_word(argv: Sequence[str]) -> str | None:
    """The command in argv (after the global options), if any."""
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word == "--home":
            rest = rest[1:]
        elif not word.startswith("-"):
            return word
    return None


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The parser with the command groups of modules registered (all by default)."""
    parser = argparse.ArgumentParser(
        prog="fieldcheck",
        description="fieldcheck: offline-first safety inspections (隐患排查治理).",
    )
    parser.add_argument("--version", action="version", version=f"fieldcheck {__version__}")
    parser.add_argument(
        "--home",
        metavar="DIR",
        help="data directory (default: $FIELDCHECK_HOME or the user data directory)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors meant for people print as one line on stderr."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    word = _command_word(args_list)
    if word in COMMANDS:
        modules: Sequence[str] = [COMMANDS[word]]
    elif word is None and "--version" in args_list:
        modules = []
    else:
        modules = COMMAND_MODULES  # help, or an unknown command: list them all
    parser = build_parser(modules)
    args = parser.parse_args(args_list)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return int(handler(args) or 0)
    except FieldcheckError as exc:
        print(f"fieldcheck: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a traceback.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("fieldcheck: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line for the person, the details in a file
        print(f"fieldcheck: error: {_crash_report(exc, args_list)}", file=sys.stderr)
        return 70  # EX_SOFTWARE


def _crash_report(exc: Exception, argv: Sequence[str]) -> str:
    """Write the traceback of an unexpected error to a file; the line to show instead."""
    import tempfile
    import time
    import traceback

    what = f"{type(exc).__name__}: {exc}"[:300]
    text = "".join(traceback.format_exception(exc))
    try:
        fd, path = tempfile.mkstemp(
            prefix=f"fieldcheck-error-{time.strftime('%Y%m%d-%H%M%S')}-", suffix=".txt"
        )
        with open(fd, "w", encoding="utf-8") as fh:
            fh.write(f"fieldcheck {__version__}\nargs: {list(argv)!r}\n\n{text}")
    except OSError:
        return f"unexpected error ({what}); this is a fault in fieldcheck, please report it"
    return (
        f"unexpected error ({what}); this is a fault in fieldcheck; "
        f"the details are in {path}, please send that file with a report"
    )
