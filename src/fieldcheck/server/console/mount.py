# SPDX-License-Identifier: Apache-2.0
"""Putting the console into the server's app: its routers, static files, security headers
and the error page. The page modules (``web``, ``verify``, ``campaign_web``) sit below this
one, so none of them imports another's router back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from fieldcheck.server.console import campaign_web, report_web, task_web, verify
from fieldcheck.server.console.web import HERE, Console, SecurityHeaders, figure_link, router


def mount(app: FastAPI, server: Any, extra: Callable[[Console], None] | None = None) -> Console:
    """Add the console to the app: routes, static files, security headers."""
    console = Console(server)
    app.state.console = console
    console.env.globals["figure_link"] = figure_link
    app.include_router(router)
    app.include_router(verify.router)
    app.include_router(campaign_web.router)
    app.include_router(report_web.router)
    app.include_router(task_web.router)
    app.include_router(report_web.public)
    app.mount("/console/static", StaticFiles(directory=HERE / "static"), name="console-static")
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(HTTPException)
    async def redirect_or_page(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 303 and exc.headers and "Location" in exc.headers:
            return RedirectResponse(exc.headers["Location"], 303)
        if request.url.path.startswith(("/console", "/v/", "/report")):
            resp = console.page(
                request, "error.html", None, status=exc.status_code, detail=exc.detail
            )
            resp.status_code = exc.status_code
            return resp
        from fastapi.exception_handlers import http_exception_handler

        return await http_exception_handler(request, exc)

    if extra:
        extra(console)
    return console
