# SPDX-License-Identifier: Apache-2.0
"""Putting the console into the server's app: its routers, static files, security headers
and the error page. The page modules (``*_web``, ``verify``) sit below this one and above
``web`` (what they share), so none of them imports another's router back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from fieldcheck.server.console import (
    admin_web,
    campaign_web,
    daily_web,
    leader_web,
    ledger_web,
    login_web,
    oversight_web,
    ranking_web,
    report_web,
    site_web,
    task_web,
    verify,
)
from fieldcheck.server.console.ledger_web import figure_link
from fieldcheck.server.console.web import HERE, Console, SecurityHeaders

ROUTERS = (  # in this order: the first that matches a path serves it
    login_web.router,
    ledger_web.router,
    site_web.router,
    ranking_web.router,
    daily_web.router,
    admin_web.router,
    verify.router,
    campaign_web.router,
    report_web.router,
    task_web.router,
    leader_web.router,
    oversight_web.router,
    report_web.public,
)


def mount(app: FastAPI, server: Any, extra: Callable[[Console], None] | None = None) -> Console:
    """Add the console to the app: routes, static files, security headers."""
    console = Console(server)
    app.state.console = console
    console.env.globals["figure_link"] = figure_link
    for router in ROUTERS:
        app.include_router(router)
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
