# SPDX-License-Identifier: Apache-2.0
"""The sync server's HTTP API (FastAPI); every route but /v1/health needs a device token."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from starlette.concurrency import run_in_threadpool

from fieldcheck import __version__
from fieldcheck.server import auth, feed
from fieldcheck.server.blobs import BlobStore, HashMismatch, RangeProblem, parse_range
from fieldcheck.server.db import open_engine, sqlite_url
from fieldcheck.server.ingest import BatchMismatch
from fieldcheck.server.logs import log
from fieldcheck.server.middleware import AccessLog, BodyLimit
from fieldcheck.server.scope import Forbidden, RecordProblem
from fieldcheck.server.trust import apply_trusted, load_server_key
from fieldcheck.signing.keys import public_b64
from fieldcheck.sync.protocol import (
    MAX_PULL,
    PROTOCOL_VERSION,
    BlobState,
    Counts,
    Health,
    HeldAnswer,
    HeldQuery,
    Identity,
    PullResponse,
    PushRequest,
    PushResponse,
)

T = TypeVar("T")
bearer = HTTPBearer(auto_error=False, description="the device token from `enroll`")
NO_TOKEN: dict[int | str, dict[str, Any]] = {
    401: {"description": "missing, unknown, expired or revoked credential"}
}


class Server:
    """What the routes share: the database engine and the photo store."""

    def __init__(self, data: Path, db_url: str | None = None) -> None:
        data.mkdir(parents=True, exist_ok=True)
        self.data = data
        self.engine: Engine = open_engine(db_url or sqlite_url(data))
        self.blobs = BlobStore(data / "blobs")
        self.key = load_server_key(data)
        self.key_b64 = public_b64(self.key)

    def write(self, fn: Callable[..., T], *args: object, tries: int = 3) -> T:
        """Run fn(conn, *args) in one transaction, again if a concurrent writer collided."""
        for attempt in range(tries):
            try:
                with self.engine.begin() as conn:
                    return fn(conn, *args)
            except IntegrityError:
                if attempt == tries - 1:
                    raise
        raise AssertionError("unreachable")

    def read(self, fn: Callable[..., T], *args: object) -> T:
        with self.engine.connect() as conn:
            return fn(conn, *args)


def current_device(
    request: Request, cred: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> auth.Device:
    """The device whose bearer token came with the request, or 401."""
    if cred is None or cred.scheme.lower() != "bearer":
        raise HTTPException(401, "a bearer token is required", {"WWW-Authenticate": "Bearer"})
    server: Server = request.app.state.server
    try:
        dev = server.read(auth.authenticate, cred.credentials)
    except auth.AuthError as exc:
        raise HTTPException(401, str(exc), {"WWW-Authenticate": "Bearer"}) from None
    request.state.device = dev.id
    return dev


Dev = Annotated[auth.Device, Depends(current_device)]
ShaPath = Annotated[str, PathParam(pattern=r"^[0-9a-f]{64}$")]


def create_app(data: Path, db_url: str | None = None) -> FastAPI:
    """The ASGI app serving one data directory and database."""
    server = Server(data, db_url)
    app = FastAPI(
        title="fieldcheck sync server",
        version=__version__,
        description="Batch sync for fieldcheck devices (protocol v1).",
    )
    app.state.server = server

    @app.get("/v1/health")
    def health() -> Health:
        """Liveness and database reachability; needs no credential."""
        server.read(lambda conn: conn.exec_driver_sql("SELECT 1").scalar())
        return Health(status="ok", protocol=PROTOCOL_VERSION, database=server.engine.dialect.name)

    @app.get("/v1/me", responses=NO_TOKEN)
    def me(dev: Dev) -> Identity:
        """Who this credential belongs to."""
        return Identity(
            device_id=dev.id,
            name=dev.name,
            role=dev.role,
            jurisdiction=dev.jurisdiction,
            server_key_b64=server.key_b64,
            serial=server.read(auth.serial_of, dev.id),
        )

    @app.post("/v1/push", responses={**NO_TOKEN, 403: {}, 409: {}, 422: {}})
    def push(body: PushRequest, dev: Dev) -> PushResponse:
        """Apply a batch in one transaction; one receipt per record."""
        try:
            answer = server.write(apply_trusted, dev, body, server.blobs.size, server.key)
        except RecordProblem as exc:
            raise HTTPException(422, str(exc)) from None
        except Forbidden as exc:
            raise HTTPException(403, str(exc)) from None
        except BatchMismatch as exc:
            raise HTTPException(409, str(exc)) from None
        tally = {
            s: sum(r.status == s for r in answer.receipts)
            for s in ("accepted", "duplicate", "conflict", "rejected")
        }
        log("push", device=dev.id, records=len(answer.receipts), **tally)
        return answer

    @app.get("/v1/pull", responses=NO_TOKEN)
    def pull(
        dev: Dev,
        since: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = MAX_PULL,
    ) -> PullResponse:
        """Changes after ``since`` that this device may see."""
        return server.read(feed.pull, dev, since, limit)

    @app.post("/v1/held", responses=NO_TOKEN)
    def held(body: HeldQuery, dev: Dev) -> HeldAnswer:
        """What the server holds of these records and photos."""
        records = server.read(feed.held, dev, body.records)
        return HeldAnswer(records=records, blobs=[scoped_state(s, dev) for s in body.blobs])

    @app.get("/v1/counts", responses=NO_TOKEN)
    def counts(dev: Dev) -> Counts:
        """Current records per kind on the server."""
        return server.read(feed.counts, dev)

    @app.get("/v1/blobs/{sha256}/state", responses=NO_TOKEN)
    def blob_state(sha256: ShaPath, dev: Dev) -> BlobState:
        """How many bytes of this original the server holds; resume an upload from there."""
        return scoped_state(sha256, dev)

    def scoped_state(sha256: str, dev: auth.Device) -> BlobState:
        """A whole original another area's record names looks absent: sending it again
        is harmless (the hash decides), telling that it exists is not."""
        state = server.blobs.state(sha256)
        if state.complete and not server.read(feed.may_read_blob, dev, sha256):
            return BlobState(sha256=sha256, received=0, complete=False)
        return state

    @app.put(
        "/v1/blobs/{sha256}",
        responses={**NO_TOKEN, 400: {}, 409: {}, 413: {}, 422: {}},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            },
            "parameters": [
                {
                    "name": "Content-Range",
                    "in": "header",
                    "required": True,
                    "schema": {"type": "string"},
                }
            ],
        },
    )
    async def blob_put(sha256: ShaPath, request: Request, dev: Dev) -> BlobState:
        """Upload one byte range; the last one is hash-checked before the server says complete."""
        body = await request.body()
        try:
            start, total = parse_range(request.headers.get("content-range"), len(body))
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from None
        try:
            state = await run_in_threadpool(server.blobs.write_range, sha256, start, total, body)
        except RangeProblem as exc:
            return JSONResponse({"detail": str(exc), "received": exc.received}, 409)  # type: ignore[return-value]
        except HashMismatch as exc:
            log("blob_rejected", device=dev.id, sha256=sha256, error="hash mismatch")
            raise HTTPException(422, str(exc)) from None
        return state

    @app.get("/v1/blobs/{sha256}", response_class=FileResponse, responses={**NO_TOKEN, 404: {}})
    def blob_get(sha256: ShaPath, dev: Dev) -> Response:
        """The original bytes, for a device that may see a photo naming them."""
        path = server.blobs.path(sha256)
        if not path.exists() or not server.read(feed.may_read_blob, dev, sha256):
            raise HTTPException(404, f"no photo original {sha256} for this device")
        return FileResponse(path, media_type="application/octet-stream")

    @app.exception_handler(DBAPIError)
    async def database_down(_request: Request, exc: DBAPIError) -> JSONResponse:
        log("database_error", error=type(exc.orig).__name__)
        return JSONResponse({"detail": "the database is unavailable; retry later"}, 503)

    app.add_middleware(BodyLimit)
    app.add_middleware(AccessLog)
    return app
