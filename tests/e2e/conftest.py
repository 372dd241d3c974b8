# SPDX-License-Identifier: Apache-2.0
"""Helpers for the end-to-end day: each device is a data directory driven by the CLI."""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fieldcheck.cli import main as cli_main


@dataclass
class Device:
    """One installation of fieldcheck: its own data directory, driven command by command."""

    name: str
    home: Path

    def run(self, *args: str) -> str:
        """Run `fieldcheck --home HOME ARGS`; fail the test with its stderr unless it exits 0."""
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli_main(["--home", str(self.home), *args])
            except SystemExit as exc:  # argparse errors
                code = int(exc.code or 0)
        if code != 0:
            command = " ".join(args)
            pytest.fail(f"{self.name}: fieldcheck {command} exited {code}:\n{err.getvalue()}")
        return out.getvalue()

    def json(self, *args: str) -> Any:
        """Run a command that prints one JSON document and parse it."""
        return json.loads(self.run(*args))


@pytest.fixture
def device_a(tmp_path: Path) -> Device:
    return Device("device A", tmp_path / "device-a")


@pytest.fixture
def device_b(tmp_path: Path) -> Device:
    return Device("device B", tmp_path / "device-b")
