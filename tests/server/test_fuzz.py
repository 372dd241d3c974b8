# SPDX-License-Identifier: Apache-2.0
"""Fuzz the server from its own OpenAPI spec (schemathesis): no request gets a 5xx."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from fieldcheck.server import auth
from fieldcheck.server.app import create_app
from fieldcheck.sync.protocol import DeviceRole

schemathesis = pytest.importorskip("schemathesis")

DATA = Path(tempfile.mkdtemp(prefix="fieldcheck-fuzz-"))
APP = create_app(DATA)
atexit.register(shutil.rmtree, DATA, True)
atexit.register(APP.state.server.engine.dispose)
with APP.state.server.engine.begin() as _conn:
    _, TOKEN = auth.enroll(_conn, name="fuzz", role=DeviceRole.GRID, jurisdiction="330106")

schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_fuzzed_requests_never_get_a_server_error(case: object) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    response = case.call(headers=headers)  # type: ignore[attr-defined]
    assert response.status_code < 500, (case, response.status_code, response.text[:300])
