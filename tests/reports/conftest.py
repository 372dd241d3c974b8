# SPDX-License-Identifier: Apache-2.0
"""Fixtures for documents: a configured data directory with an inspection and hazards."""

from __future__ import annotations

import pytest
from report_samples import Visit, configure_all, make_visit

from fieldcheck.services.context import AppContext


@pytest.fixture
def visit(ctx: AppContext) -> Visit:
    configure_all(ctx)
    return make_visit(ctx)
