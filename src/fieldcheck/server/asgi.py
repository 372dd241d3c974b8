# SPDX-License-Identifier: Apache-2.0
"""An app factory for running under uvicorn/gunicorn directly (e.g. uvicorn's own TLS)."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server import logs
from fieldcheck.server.app import create_app


def create_from_env() -> FastAPI:
    """The app for FIELDCHECK_SERVER_DATA (and FIELDCHECK_SERVER_DB when set)."""
    data = os.environ.get("FIELDCHECK_SERVER_DATA")
    if not data:
        raise FieldcheckError("set FIELDCHECK_SERVER_DATA to the server's data directory")
    logs.setup()
    return create_app(Path(data).expanduser().resolve(), os.environ.get("FIELDCHECK_SERVER_DB"))
