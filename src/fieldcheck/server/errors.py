# SPDX-License-Identifier: Apache-2.0
"""One place that turns the server's exceptions into HTTP answers; routes never catch them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException

from fieldcheck.server.anchors import AnchorMismatch
from fieldcheck.server.auth import AuthError
from fieldcheck.server.batches import BatchMismatch
from fieldcheck.server.blobs import BadRange, HashMismatch, RangeProblem
from fieldcheck.server.blobstore import StoreUnavailable
from fieldcheck.server.homes import HomeCopied
from fieldcheck.server.limits import OverLimit
from fieldcheck.server.logs import log
from fieldcheck.server.scope import Forbidden, RecordProblem
from fieldcheck.sync.versions import SUPPORTED_PROTOCOLS, ProtocolMismatch

Handler = Callable[[Request, Exception], Awaitable[Response]]


def _detail(status: int) -> Handler:
    async def handle(_request: Request, exc: Exception) -> Response:
        return JSONResponse({"detail": str(exc)}, status)

    return handle


async def _auth(_request: Request, exc: Exception) -> Response:
    return JSONResponse({"detail": str(exc)}, 401, {"WWW-Authenticate": "Bearer"})


async def _range(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RangeProblem)
    return JSONResponse({"detail": str(exc), "received": exc.received}, 409)


async def _hash(request: Request, exc: Exception) -> Response:
    device = getattr(request.state, "device", None)
    sha256 = request.path_params.get("sha256")
    log("blob_rejected", device=device, sha256=sha256, error="hash mismatch")
    return JSONResponse({"detail": str(exc)}, 422)


async def _protocol(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProtocolMismatch)
    body = {
        "detail": str(exc),
        "device_protocol": exc.theirs,
        "server_protocols": sorted(SUPPORTED_PROTOCOLS),
    }
    return JSONResponse(body, 409)


async def _home(request: Request, exc: Exception) -> Response:
    log("home_copied", device=getattr(request.state, "device", None), path=request.url.path)
    return JSONResponse({"detail": str(exc), "code": "home_copied"}, 409)


async def _anchor(request: Request, exc: Exception) -> Response:
    log("audit_rewritten", device=getattr(request.state, "device", None))
    return JSONResponse({"detail": str(exc), "code": "audit_rewritten"}, 409)


async def _over(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, OverLimit)
    log("over_limit", device=getattr(request.state, "device", None), error=str(exc))
    headers = {"Retry-After": str(exc.retry_after)}
    return JSONResponse({"detail": str(exc)}, 429, headers)


async def _database(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DBAPIError)
    log("database_error", error=type(exc.orig).__name__)
    return JSONResponse({"detail": "the database is unavailable; retry later"}, 503)


async def _store(request: Request, exc: Exception) -> Response:
    log("store_unavailable", sha256=request.path_params.get("sha256"), error=str(exc))
    return JSONResponse(
        {"detail": "the photo store is unavailable; nothing was stored, retry later"},
        503,
        {"Retry-After": "30"},
    )


async def _http(request: Request, exc: Exception) -> Response:
    """FastAPI's answer, except for a body too deeply nested to parse: said so."""
    assert isinstance(exc, HTTPException)
    if isinstance(exc.__cause__, RecursionError):
        return JSONResponse(
            {
                "detail": "the request body is nested too deep to read (a record nests at "
                "most 6 levels); nothing of it was kept"
            },
            400,
        )
    return await http_exception_handler(request, exc)


HANDLERS: dict[type[Exception], Handler] = {
    HTTPException: _http,
    AuthError: _auth,
    BadRange: _detail(400),
    Forbidden: _detail(403),
    BatchMismatch: _detail(409),
    ProtocolMismatch: _protocol,
    HomeCopied: _home,
    AnchorMismatch: _anchor,
    OverLimit: _over,
    RangeProblem: _range,
    RecordProblem: _detail(422),
    HashMismatch: _hash,
    DBAPIError: _database,
    StoreUnavailable: _store,
}


def install(app: FastAPI) -> None:
    """Register every handler on app."""
    for kind, handler in HANDLERS.items():
        app.add_exception_handler(kind, handler)
