# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures: the bundled library, loaded once."""

from __future__ import annotations

import pytest

from fieldcheck import paths
from fieldcheck.checklists.library import Library
from fieldcheck.checklists.loader import load_dirs


@pytest.fixture(scope="session")
def bundled() -> Library:
    """The library of the bundled checklists/ directory, loaded once."""
    return load_dirs([paths.checklists_dir()])
