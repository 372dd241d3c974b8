# SPDX-License-Identifier: Apache-2.0
"""The device's bad-input paths end in a message, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from fieldcheck.core import clock
from fieldcheck.core.models import Role
from fieldcheck.services.context import open_context
from fieldcheck.services.major import keys
from fieldcheck.services.sites import sites
from fieldcheck.signing.errors import KeyStateError

PASS = "bad-input passphrase 2026"


def test_a_passphrase_command_without_a_terminal_says_how_to_give_one(tmp_path: Path) -> None:
    home = tmp_path / "h"
    with open_context(home) as ctx:
        person = sites.add_person(ctx, {"name": "王网格", "role": Role.GRID}, actor_id="t")
    cmd = [
        sys.executable,
        "-c",
        "import sys; from fieldcheck.app import main; sys.exit(main())",
        "--home",
        str(home),
        "person",
        "key",
        "enroll",
    ]
    done = subprocess.run(
        [*cmd, person.id], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "EOFError" not in done.stderr, done.stderr
    assert "--passphrase-fd" in done.stderr + done.stdout


def test_a_key_is_never_used_before_its_validity(tmp_path: Path) -> None:
    with open_context(tmp_path / "h") as ctx:
        person = sites.add_person(ctx, {"name": "王网格", "role": Role.GRID}, actor_id="t")
        keys.enroll_key(ctx, person.id, PASS)
        real = clock.now()
        clock.set_clock(lambda: real - timedelta(days=365))  # the clock fell a year behind
        try:
            with pytest.raises(KeyStateError, match="set the clock right"):
                keys.unlock(ctx, person.id, PASS)
        finally:
            clock.set_clock(None)
