# SPDX-License-Identifier: Apache-2.0
"""The admin's pages: importing the code table and reading the console's audit."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from fieldcheck.server.console import accounts, codes
from fieldcheck.server.console.accounts import ConsoleRole
from fieldcheck.server.console.web import Me, _console, check_csrf

router = APIRouter(prefix="/console", include_in_schema=False)  # pages, not the sync API


@router.get("/codes", response_class=HTMLResponse)
def codes_page(request: Request, me: Me, done: str = "") -> Response:
    console = _console(request)
    if me.role is not ConsoleRole.ADMIN:
        raise HTTPException(403, "only an admin account manages the code table")
    kids = console.server.read(lambda c: codes.children(c, me.jurisdiction))
    return console.page(request, "codes.html", me, kids=kids, done=done[:20])


@router.post("/codes")
async def codes_import(request: Request, me: Me) -> Response:
    console = _console(request)
    if me.role is not ConsoleRole.ADMIN:
        raise HTTPException(403, "only an admin account manages the code table")
    form = await request.form()
    check_csrf(me, str(form.get("csrf", "")))
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise HTTPException(422, "choose a CSV file")
    text = (await upload.read()).decode("utf-8-sig", errors="replace")
    try:
        rows = codes.parse_csv(text)
    except Exception as exc:
        raise HTTPException(422, str(exc)) from None
    outside = [
        r["code"]
        for r in rows
        if not r["code"].startswith(me.jurisdiction) and not me.jurisdiction.startswith(r["code"])
    ]
    if outside:
        raise HTTPException(403, f"codes outside your area: {', '.join(outside[:5])}")

    def write(conn: Any) -> int:
        n = codes.import_rows(conn, rows)
        accounts.audit(conn, me.name, "codes.import", me.jurisdiction, rows=n)
        return n

    n = console.server.write(write)
    return RedirectResponse(f"/console/codes?done={n}", 303)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, me: Me) -> Response:
    console = _console(request)
    if me.role is not ConsoleRole.ADMIN:
        raise HTTPException(403, "only an admin account reads the audit")
    from sqlalchemy import select

    rows = console.server.read(
        lambda c: c.execute(select(accounts.A).order_by(accounts.A.c.seq.desc()).limit(500)).all()
    )
    return console.page(request, "audit.html", me, rows=rows)
