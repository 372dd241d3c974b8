# SPDX-License-Identifier: Apache-2.0
"""What the console's pages share: the session, the CSRF check, the templates, the headers.

The pages are routers of their own (``login_web``, ``ledger_web``, ``site_web``,
``ranking_web``, ``daily_web``, ``admin_web``, ``campaign_web``, ``report_web``,
``task_web``; ``mount`` puts them in the app). Every page asks the query layer with the
account's jurisdiction; every form POST checks the
session's CSRF token; every response carries a Content-Security-Policy with no inline
script (the charts read their data from JSON blocks, drawn by static/console.js).
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldcheck.core import clock, terms
from fieldcheck.core.loop import ACTION_LABELS_ZH
from fieldcheck.server.console import accounts, codes, figures, project, queries, ranking
from fieldcheck.server.console.accounts import Account

HERE = Path(__file__).resolve().parent
COOKIE = "fc_console"
LOGIN_CSRF = "fc_login_csrf"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
REFRESH_SECONDS = 2.0


def local_time(value: object) -> str:
    """An instant as people in China read it (UTC+8), to the minute."""
    at = datetime.fromisoformat(value) if isinstance(value, str) else value
    if not isinstance(at, datetime):
        return ""
    at = at if at.tzinfo else at.replace(tzinfo=UTC)
    return at.astimezone(clock.CHINA_TZ).strftime("%Y-%m-%d %H:%M")


class SecurityHeaders:
    """CSP and friends on every console and verification page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(("/console", "/v/", "/report")):
            await self.app(scope, receive, send)
            return

        async def add(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                    (b"cache-control", b"no-store" if "/static/" not in path else b"max-age=86400"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, add)


class Console:
    """What the routes share: the server, the templates and the read model's freshness."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True
        )
        self.env.globals.update(
            STATUS_ZH=queries.STATUS_ZH,
            LEVEL_ZH=queries.LEVEL_ZH,
            LEDGER_LEVELS=queries.LEDGER_LEVELS,
            level_text=queries.level_text,
            is_suspected_major=terms.is_suspected_major,
            NOTICE_ZH=queries.NOTICE_ZH,
            FIGURES=figures.FIGURES,
            METRIC_ZH=ranking.METRIC_ZH,
            urlencode=urlencode,
            ACTION_ZH={a.value: zh for a, zh in ACTION_LABELS_ZH.items()},
        )
        self.env.filters["local"] = local_time
        self._lock = threading.Lock()
        self._checked = 0.0

    def fresh(self) -> None:
        """Fold new sync changes into the read model, at most every couple of seconds."""
        now = time.monotonic()
        if now - self._checked < REFRESH_SECONDS:
            return
        with self._lock:
            if time.monotonic() - self._checked < REFRESH_SECONDS:
                return
            project.catch_up(self.server.engine)
            self._checked = time.monotonic()

    def weights(self) -> dict[str, float]:
        """The ranking weights: <data>/console.json {"ranking_weights": {...}} or the defaults."""
        path = Path(self.server.data) / "console.json"
        weights = dict(ranking.DEFAULT_WEIGHTS)
        if path.exists():
            try:
                given = json.loads(path.read_text(encoding="utf-8")).get("ranking_weights", {})
                weights.update(
                    {k: float(v) for k, v in given.items() if k in weights and float(v) >= 0}
                )
            except (ValueError, AttributeError, TypeError):
                pass
        return weights

    def page(
        self, request: Request, name: str, account: Account | None, **ctx: Any
    ) -> HTMLResponse:
        html = self.env.get_template(name).render(request=request, me=account, **ctx)
        return HTMLResponse(html)


def _console(request: Request) -> Console:
    console: Console = request.app.state.console
    return console


def current_account(request: Request) -> Account:
    token = request.cookies.get(COOKIE)
    console = _console(request)
    account = console.server.read(accounts.session_account, token) if token else None
    if account is None:
        raise HTTPException(303, headers={"Location": "/console/login"})
    console.fresh()
    assert isinstance(account, Account)
    return account


Me = Annotated[Account, Depends(current_account)]


def form_text(form: Any, key: str, limit: int = 200) -> str:
    """A posted text field, trimmed and cut to ``limit``; absent or a file: empty."""
    value = form.get(key, "")
    return str(value).strip()[:limit] if isinstance(value, str) else ""


def check_csrf(account: Account, token: str) -> None:
    if not token or not secrets.compare_digest(token, account.csrf):
        raise HTTPException(403, "CSRF token missing or wrong; reload the page and try again")


def _audit(console: Console, me: Account, action: str, **detail: object) -> None:
    console.server.write(
        lambda conn: accounts.audit(conn, me.name, action, me.jurisdiction, **detail)
    )


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def _today() -> date:
    return clock.today()


def _scope_children(conn: Any, code: str) -> tuple[str, list[tuple[str, str]], int]:
    kids = codes.children(conn, code)
    return codes.label(conn, code), kids, queries.child_length(conn, code, kids)
