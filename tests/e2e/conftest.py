# SPDX-License-Identifier: Apache-2.0
"""Fixtures for the end-to-end day (the helpers are in dayfix.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from dayfix import Device


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`fieldcheck demo` run once through the command line; each day copies it."""
    home = tmp_path_factory.mktemp("e2e-demo") / "home"
    Device("demo", home).run("demo", "--jurisdiction", "410105001")
    return home
