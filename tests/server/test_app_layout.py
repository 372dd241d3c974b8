# SPDX-License-Identifier: Apache-2.0
"""The app factory: settings from the environment, a lifespan that owns the engine, the URLs."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server.app import create_app
from fieldcheck.server.asgi import create_from_env


def test_env_factory_names_the_missing_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIELDCHECK_SERVER_DATA", raising=False)
    with pytest.raises(FieldcheckError, match="FIELDCHECK_SERVER_DATA"):
        create_from_env()


def test_env_factory_serves_the_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDCHECK_SERVER_DATA", str(tmp_path / "srv"))
    monkeypatch.delenv("FIELDCHECK_SERVER_DB", raising=False)
    try:
        app = create_from_env()
        assert gc.get_freeze_count() > 0  # a worker process sets its startup aside
        with TestClient(app) as client:
            assert client.get("/v1/health").json()["database"] == "sqlite"
    finally:
        gc.unfreeze()  # the test process collects as before
    assert (tmp_path / "srv" / "server.db").exists()


def test_the_lifespan_opens_the_database_and_disposes_it(tmp_path: Path) -> None:
    app = create_app(tmp_path / "srv")
    server = app.state.server
    assert server._engine is None, "creating the app must not open the database"
    with TestClient(app):
        engine = server._engine
        assert engine is not None
        with engine.connect():
            assert engine.pool.checkedout() == 1
    assert engine.pool.checkedout() == 0
    assert (tmp_path / "srv" / "server.db").exists()


def test_the_urls_are_the_protocol_s(tmp_path: Path) -> None:
    app = create_app(tmp_path / "srv")
    paths = app.openapi()["paths"]
    routes = {(method.upper(), path) for path, ops in paths.items() for method in ops}
    assert routes == {
        ("GET", "/v1/health"),
        ("GET", "/v1/me"),
        ("POST", "/v1/home"),
        ("POST", "/v1/anchor"),
        ("POST", "/v1/push"),
        ("GET", "/v1/pull"),
        ("POST", "/v1/held"),
        ("GET", "/v1/counts"),
        ("GET", "/v1/campaigns"),
        ("GET", "/v1/tasks"),
        ("POST", "/v1/tasks/done"),
        ("GET", "/v1/blobs/{sha256}/state"),
        ("PUT", "/v1/blobs/{sha256}"),
        ("GET", "/v1/blobs/{sha256}"),
        ("POST", "/v1/blobs"),  # several whole originals at once (1.3)
    }
