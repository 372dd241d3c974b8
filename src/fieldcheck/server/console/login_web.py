# SPDX-License-Identifier: Apache-2.0
"""The console's login and logout: the login form's own CSRF cookie, the session cookie."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from fieldcheck.server.console import accounts
from fieldcheck.server.console.web import COOKIE, LOGIN_CSRF, Me, _console, _secure, check_csrf

router = APIRouter(prefix="/console", include_in_schema=False)  # pages, not the sync API


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, error: str = "") -> Response:
    token = secrets.token_urlsafe(24)
    resp = _console(request).page(request, "login.html", None, csrf=token, error=error[:200])
    resp.set_cookie(
        LOGIN_CSRF,
        token,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path="/console",
    )
    return resp


@router.post("/login")
def login_post(
    request: Request,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    cookie = request.cookies.get(LOGIN_CSRF, "")
    if not csrf or not cookie or not secrets.compare_digest(csrf, cookie):
        raise HTTPException(403, "CSRF token missing or wrong; reload the login page")
    console = _console(request)
    client = request.client.host if request.client else "unknown"
    result = console.server.write(accounts.login, name, password, client)
    if isinstance(result, accounts.LoginRefused):
        status = 429 if result.throttled else 401
        resp = console.page(request, "login.html", None, csrf=cookie, error=str(result))
        resp.status_code = status
        return resp
    _account, token = result
    done = RedirectResponse("/console/", 303)
    done.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path="/",
        max_age=accounts.SESSION_HOURS * 3600,
    )
    done.delete_cookie(LOGIN_CSRF, path="/console")
    return done


@router.post("/logout")
def logout(request: Request, me: Me, csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    check_csrf(me, csrf)
    token = request.cookies.get(COOKIE, "")
    _console(request).server.write(accounts.logout, token, me.name)
    resp = RedirectResponse("/console/login", 303)
    resp.delete_cookie(COOKIE, path="/")
    return resp
