# SPDX-License-Identifier: Apache-2.0
"""Reading passphrases for the command line: a prompt, or a file descriptor for scripts.

Never from argv or the environment: both are visible to other users of the machine
(``ps``, ``/proc/PID/environ``) and end up in shell history and logs.
"""

from __future__ import annotations

import argparse
import getpass
import os

from fieldcheck.core.errors import FieldcheckError


def add_argument(parser: argparse.ArgumentParser) -> None:
    """Add --passphrase-fd to a command that needs a passphrase."""
    parser.add_argument(
        "--passphrase-fd",
        type=int,
        metavar="N",
        help="read the passphrase(s) from file descriptor N, one per line (for scripts); "
        "without it you are prompted",
    )


def _from_fd(fd: int, count: int) -> list[str]:
    try:
        with os.fdopen(os.dup(fd), "r", encoding="utf-8", newline="\n") as fh:
            lines = [fh.readline() for _ in range(count)]
    except OSError as exc:
        raise FieldcheckError(f"--passphrase-fd {fd}: cannot read ({exc.strerror})") from None
    out = [line.rstrip("\r\n") for line in lines]
    if any(not line for line in out):
        raise FieldcheckError(
            f"--passphrase-fd {fd}: expected {count} non-empty line(s), got fewer"
        )
    return out


NO_TERMINAL = (
    "a passphrase is needed and there is no terminal to type it in: give it on a file "
    "descriptor, e.g. `--passphrase-fd 3 3<passfile` (one passphrase per line)"
)


def _prompt(text: str) -> str:
    """A passphrase typed without echo; a clear error when nobody can type one."""
    try:
        return getpass.getpass(text)
    except (EOFError, OSError):
        raise FieldcheckError(NO_TERMINAL) from None


def read(args: argparse.Namespace, prompts: list[str], *, confirm_last: bool = False) -> list[str]:
    """One passphrase per prompt, from --passphrase-fd or typed without echo."""
    fd = getattr(args, "passphrase_fd", None)
    if fd is not None:
        return _from_fd(fd, len(prompts))
    out: list[str] = []
    for i, prompt in enumerate(prompts):
        value = _prompt(f"{prompt}: ")
        if confirm_last and i == len(prompts) - 1 and _prompt("again: ") != value:
            raise FieldcheckError("the two passphrases differ; nothing was changed")
        out.append(value)
    return out
