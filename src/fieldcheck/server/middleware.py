# SPDX-License-Identifier: Apache-2.0
"""ASGI middleware: a body size limit before anything parses, and one log line per request."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldcheck.server import auth
from fieldcheck.server.logs import log
from fieldcheck.server.proxies import scope_client
from fieldcheck.sync.protocol import MAX_CHUNK_BYTES, MAX_PUSH_BYTES

READ_TIMEOUT = 30.0  # seconds a client may leave the body stalled before 408
ABANDONED = 499  # the status logged when the client went away before an answer
PUBLIC = ("/v1/health", "/docs", "/openapi.json", "/redoc")


def _bearer(headers: dict[bytes, bytes]) -> str | None:
    value = headers.get(b"authorization", b"").decode("latin-1")
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def _credential_problem(scope: Scope, headers: dict[bytes, bytes]) -> str | None:
    """Why the request's credential is refused, checked before one body byte is read."""
    token = _bearer(headers)
    if token is None:
        return "a bearer token is required"
    server = getattr(getattr(scope.get("app"), "state", None), "server", None)
    if server is None:
        return None  # not mounted in the fieldcheck app: the route checks it
    try:
        device = await run_in_threadpool(server.read, auth.authenticate, token)
    except auth.AuthError as exc:
        return str(exc)
    state = scope.setdefault("state", {})
    state["device"] = device.id
    state[auth.CHECKED] = (token, device)  # the route's dependency takes it: one look-up
    return None


def _limit(path: str) -> int:
    blobs = path.startswith("/v1/blobs/") or path == "/v1/blobs"  # a range, or whole photos
    return MAX_CHUNK_BYTES if blobs else MAX_PUSH_BYTES


async def _reply(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _read_body(scope: Scope, receive: Receive, send: Send, limit: int) -> bytes | None:
    """The whole body, or None once answered (408 stalled, 413 too long) or abandoned.
    One timer for the whole body, pushed on by each chunk (a task per chunk costs more)."""
    chunks: list[bytes] = []
    total = 0
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(READ_TIMEOUT) as timer:
            message = await receive()
            while message["type"] != "http.disconnect":
                chunk = message.get("body", b"")
                total += len(chunk)
                if total > limit:
                    break
                chunks.append(chunk)
                if not message.get("more_body", False):
                    return chunks[0] if len(chunks) == 1 else b"".join(chunks)
                timer.reschedule(loop.time() + READ_TIMEOUT)
                message = await receive()
    except TimeoutError:
        await _reply(send, 408, f"no body bytes for {READ_TIMEOUT:.0f} s; send it again")
        return None
    if message["type"] == "http.disconnect":
        scope.setdefault("state", {})["abandoned"] = True
    else:
        await _reply(send, 413, f"request body exceeds the {limit} byte limit")
    return None


class BodyLimit:
    """Refuse a request body over the limit with 413 before the app sees any of it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = _limit(scope["path"])
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await _reply(send, 400, "Content-Length is not a number")
                return
            if size > limit:
                await _reply(send, 413, f"request body of {size} bytes exceeds the {limit} limit")
                return
        path = scope["path"]
        if scope["method"] != "GET" and path.startswith("/v1/") and not path.startswith(PUBLIC):
            # Authenticate before reading a body: a stranger cannot make the server buffer.
            # (The sync API's devices only; the console's forms carry a session and CSRF
            # token instead, and their bodies are bounded by the same limits.)
            problem = await _credential_problem(scope, headers)
            if problem is not None:
                await _reply(send, 401, problem)
                return
        body = await _read_body(scope, receive, send, limit)
        if body is None:
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


class AccessLog:
    """One JSON line per request: method, path, status, time, device, the client's address
    (past trusted proxies, server/proxies.py); never headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500
        state: dict[str, Any] = scope.setdefault("state", {})

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            if state.get("abandoned"):
                status = ABANDONED  # the client left mid-body: not a server error
            log(
                "request",
                method=scope["method"],
                path=scope["path"],
                status=status,
                ms=round((time.perf_counter() - start) * 1000, 1),
                device=state.get("device"),
                client=scope_client(scope),
            )
