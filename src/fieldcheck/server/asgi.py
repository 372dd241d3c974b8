# SPDX-License-Identifier: Apache-2.0
"""An app factory for running under uvicorn/gunicorn directly (e.g. uvicorn's own TLS)."""

from __future__ import annotations

from fastapi import FastAPI

from fieldcheck.server import gc_tune, logs
from fieldcheck.server.app import create_app
from fieldcheck.server.settings import ServerSettings


def create_from_env() -> FastAPI:
    """The app for FIELDCHECK_SERVER_DATA (and FIELDCHECK_SERVER_DB when set)."""
    settings = ServerSettings.load()
    logs.setup()
    app = create_app(settings=settings)
    gc_tune.freeze_startup()  # each worker process builds its own app, then sets it aside
    return app
