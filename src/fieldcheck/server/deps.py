# SPDX-License-Identifier: Apache-2.0
"""Route dependencies: the shared server state and the authenticated device."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from fieldcheck.server import auth
from fieldcheck.server.state import Server

bearer = HTTPBearer(auto_error=False, description="the device token from `enroll`")
NO_TOKEN: dict[int | str, dict[str, Any]] = {
    401: {"description": "missing, unknown, expired or revoked credential"}
}


async def server_state(request: Request) -> Server:
    """The app's Server (engine and photo store); async, so no worker thread is taken."""
    server: Server = request.app.state.server
    return server


State = Annotated[Server, Depends(server_state)]


async def current_device(
    request: Request,
    server: State,
    cred: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> auth.Device:
    """The device whose bearer token came with the request, or 401. Async: a request
    BodyLimit already checked needs no hop to a worker thread."""
    if cred is None or cred.scheme.lower() != "bearer":
        raise HTTPException(401, "a bearer token is required", {"WWW-Authenticate": "Bearer"})
    # BodyLimit checked this request's token before reading its body; the answer is this
    # request's own (never kept across requests, so a revocation counts from the next one).
    checked = getattr(request.state, auth.CHECKED, None)
    if checked is not None and checked[0] == cred.credentials:
        dev: auth.Device = checked[1]
    else:
        dev = await run_in_threadpool(server.read, auth.authenticate, cred.credentials)
    request.state.device = dev.id
    await spend_request(server, dev.id)
    return dev


async def spend_request(server: Server, device_id: str) -> None:
    """One of the device's request tokens, or OverLimit (429)."""
    if not server.limits.spend_leased(device_id):  # else a database write: not on the loop
        await run_in_threadpool(server.limits.request, server.count, device_id)


Dev = Annotated[auth.Device, Depends(current_device)]
ShaPath = Annotated[str, PathParam(pattern=r"^[0-9a-f]{64}$")]
