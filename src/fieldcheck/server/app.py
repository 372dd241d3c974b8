# SPDX-License-Identifier: Apache-2.0
"""The sync server's ASGI app: settings -> state -> routers, handlers, middleware.

Every route but /v1/health needs a device token. To add a resource, write a router
under ``server/routes/`` and list it in ``routes.ROUTERS``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from fieldcheck import __version__
from fieldcheck.server import errors
from fieldcheck.server.json_body import add_schemas
from fieldcheck.server.middleware import AccessLog, BodyLimit
from fieldcheck.server.proxies import ClientAddress
from fieldcheck.server.routes import ROUTERS
from fieldcheck.server.settings import ServerSettings
from fieldcheck.server.state import Server
from fieldcheck.server.upload_path import UploadPath
from fieldcheck.sync.protocol import PROTOCOL_VERSION, PushRequest


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open (and migrate) the database before the first request; dispose of it at shutdown."""
    server: Server = app.state.server
    server.open()
    try:
        yield
    finally:
        server.close()


def create_app(
    data: Path | None = None, db_url: str | None = None, *, settings: ServerSettings | None = None
) -> FastAPI:
    """The ASGI app serving one data directory and database."""
    settings = settings or ServerSettings.load(data, db_url)
    app = FastAPI(
        title="fieldcheck sync server",
        version=__version__,
        description=f"Batch sync for fieldcheck devices (protocol v{PROTOCOL_VERSION}).",
        lifespan=lifespan,
    )
    app.state.server = Server(settings)
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    add_schemas(app, (PushRequest,))  # bodies read by json_body, described all the same
    from fieldcheck.server.console.mount import mount

    mount(app, app.state.server)  # the county console's pages under /console and /v/
    app.add_middleware(UploadPath)  # a photo upload, answered before FastAPI's routing
    app.add_middleware(BodyLimit)  # around it: the credential checked, the body read
    app.add_middleware(AccessLog)
    app.add_middleware(ClientAddress, trusted=settings.proxies)  # outermost: the log sees it
    return app
