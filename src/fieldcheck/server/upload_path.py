# SPDX-License-Identifier: Apache-2.0
"""Photo uploads (PUT /v1/blobs/{sha256}, POST /v1/blobs) answered before FastAPI routes them.

A sync sends one such request per photo, and FastAPI's routing, dependency resolution
and exception middleware cost more CPU than the upload's own work (docs/scale.md). This
ASGI middleware sits right inside BodyLimit, which has already checked the request's
credential (before reading the body) and read the body: it takes both from there, spends
the device's request token as the ``Dev`` dependency does, and calls the route's own
``receive_range`` (``receive_many`` for several photos). Its exceptions get the app's
own handlers, so the status codes and JSON bodies are the route's. Anything else
(another method, a malformed hash, which the route answers with 422, a request BodyLimit
did not authenticate) goes on to the app.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from fieldcheck.server import auth
from fieldcheck.server.deps import spend_request
from fieldcheck.server.routes.blobs import receive_many, receive_range
from fieldcheck.sync.protocol import BLOBS_HEADER

UPLOAD = re.compile(r"/v1/blobs/([0-9a-f]{64})")  # the route's ShaPath pattern
MANY = "/v1/blobs"


class UploadPath:
    """Serve a photo upload with the route's code, without FastAPI's per-request work."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        checked = scope.get("state", {}).get(auth.CHECKED) if scope["type"] == "http" else None
        if checked is not None and scope["method"] == "PUT":
            match = UPLOAD.fullmatch(scope["path"])
            if match is not None:
                scope["path_params"] = {"sha256": match[1]}  # what the error handlers log
                await self._upload(scope, receive, send, match[1], checked[1])
                return
        if checked is not None and scope["method"] == "POST" and scope["path"] == MANY:
            await self._upload(scope, receive, send, None, checked[1])
            return
        await self.app(scope, receive, send)

    async def _upload(
        self, scope: Scope, receive: Receive, send: Send, sha: str | None, device: auth.Device
    ) -> None:
        """One photo's range (sha given) or several whole photos (sha None)."""
        server = scope["app"].state.server
        wanted = b"content-range" if sha is not None else BLOBS_HEADER.lower().encode()
        header = None
        for name, value in scope["headers"]:
            if name == wanted:
                header = value.decode("latin-1")
                break
        message = await receive()  # BodyLimit's: the whole body in one message
        body = message.get("body", b"")
        try:
            await spend_request(server, device.id)
            if sha is None:
                answer: BaseModel = await receive_many(server, device.id, header, body)
            else:
                answer = await receive_range(server, device.id, sha, header, body)
            response = Response(answer.model_dump_json(), media_type="application/json")
        except Exception as exc:
            handler = _handler(scope["app"].exception_handlers, exc)
            if handler is None:
                raise
            response = await handler(Request(scope, receive), exc)
        await response(scope, receive, send)


def _handler(handlers: Mapping[Any, Any], exc: Exception) -> Any:
    """The app's handler for exc, looked up as Starlette's ExceptionMiddleware does."""
    for kind in type(exc).__mro__:
        if kind in handlers:
            return handlers[kind]
    return None
