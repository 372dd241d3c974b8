# SPDX-License-Identifier: Apache-2.0
"""The console's 督办 pages: 督办 / 挂牌督办 of a task or a hazard, the 领导责任 list, and
the 分级销号 approval of a major hazard (the task pages: ``task_web``)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from fieldcheck.server.console import accounts, approvals, codes, escalations, oversight
from fieldcheck.server.console.web import Me, _console, check_csrf, form_text

router = APIRouter(prefix="/console", include_in_schema=False)
_text = form_text


@router.post("/escalate")
async def escalate(request: Request, me: Me) -> Response:
    """督办 / 挂牌督办 of an overdue task or an open hazard, at the account's level."""
    console = _console(request)
    form = await request.form(max_files=0, max_fields=20)
    check_csrf(me, _text(form, "csrf", 100))
    target_kind, target_id = _text(form, "target_kind", 10), _text(form, "target_id", 40)
    back = f"/console/{'task' if target_kind == 'task' else 'hazard'}/{target_id}"

    def write(conn: Any) -> str:
        eid = escalations.escalate(
            conn,
            me.jurisdiction,
            me.name,
            str(me.role),
            target_kind=target_kind,
            target_id=target_id,
            kind=_text(form, "kind", 20),
            leader=_text(form, "leader", 100),
            leader_post=_text(form, "leader_post", 100),
            note=_text(form, "note", 500),
        )
        accounts.audit(conn, me.name, "escalate", target_id, kind=target_kind, escalation=eid)
        return eid

    try:
        console.server.write(write)
    except escalations.EscalationError as exc:
        if "本辖区没有" in str(exc):
            raise HTTPException(404, str(exc)) from None
        return RedirectResponse("/console/leaders?error=" + _quote(str(exc)), 303)
    return RedirectResponse("/console/leaders" if target_kind == "hazard" else back, 303)


def _quote(text: str) -> str:
    return quote(text[:300])


@router.get("/leaders", response_class=HTMLResponse)
def leaders(request: Request, me: Me, error: str = "") -> Response:
    """领导责任: who answers for each escalated task and hazard, and whether 销号 waits."""
    console = _console(request)

    def read(conn: Any) -> dict[str, Any]:
        rows = escalations.leaders(conn, me.jurisdiction)
        waits = {r.hazard_id: approvals.waiting(conn, r.hazard_id) for r in rows if r.hazard_id}
        return {
            "label": codes.label(conn, me.jurisdiction),
            "rows": rows,
            "waits": waits,
            "subjects": oversight.subjects(conn, me.jurisdiction, rows),
        }

    return console.page(
        request,
        "leaders.html",
        me,
        error=error[:300],
        ESC_KINDS=escalations.KINDS,
        ESC_LEVEL_ZH=escalations.LEVEL_ZH,
        **console.server.read(read),
    )


@router.post("/hazard/{hazard_id}/approve")
async def approve(request: Request, me: Me, hazard_id: str) -> Response:
    """分级销号: the listing level approves a major hazard's 销号, signed with its key."""
    console = _console(request)
    form = await request.form(max_files=0, max_fields=10)
    check_csrf(me, _text(form, "csrf", 100))
    server = console.server

    def write(conn: Any) -> str:
        aid = approvals.approve(conn, server.key, me, hazard_id[:40], _text(form, "note", 200))
        accounts.audit(conn, me.name, "hazard.close_approve", hazard_id[:40], approval=aid)
        return aid

    try:
        server.write(write)
    except escalations.NotYourLevel as exc:
        raise HTTPException(403, str(exc)) from None
    except escalations.EscalationError as exc:
        if "本辖区没有" in str(exc):
            raise HTTPException(404, str(exc)) from None
        return RedirectResponse("/console/leaders?error=" + _quote(str(exc)), 303)
    return RedirectResponse("/console/leaders", 303)
