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
    "fieldcheck.cli.major_cmds",
    "fieldcheck.cli.verify_cmds",
    "fieldcheck.cli.notice_cmds",
    "fieldcheck.cli.export_cmds",
]


def build_parser() -> argparse.ArgumentParser:
    """The full parser with every command group registered."""
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
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors meant for people print as one line on stderr."""
    parser = build_parser()
    args = parser.parse_args(argv)
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
