# SPDX-License-Identifier: Apache-2.0
"""验收销号 and lifting an escalation: the list of who verified and who closed each hazard,
and 解除督办 by the level that set it (CSRF-checked, audited)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from fieldcheck.server.console import accounts, codes, escalations, ledger, oversight
from fieldcheck.server.console.queries import LEVEL_ZH
from fieldcheck.server.console.web import Me, _console, check_csrf

router = APIRouter(prefix="/console", include_in_schema=False)


@router.get("/closures", response_class=HTMLResponse)
def closures(request: Request, me: Me, level: str = "", after: str = "") -> Response:
    """验收销号: verified and closed hazards of the area, general and major."""
    console = _console(request)
    level = level if level in ("general", "major", "suspected") else ""

    def read(conn: Any) -> dict[str, Any]:
        page = oversight.closures(conn, me.jurisdiction, level, after[:400])
        rows = page.rows
        return {
            "rows": rows,
            "after": page.after,
            "first": not after,
            "total": oversight.closures_count(conn, me.jurisdiction, level),
            "label": codes.label(conn, me.jurisdiction),
            "names": codes.names(conn, {r.h.jurisdiction for r in rows}),
        }

    return console.page(
        request,
        "closures.html",
        me,
        nav="closures",
        level=level,
        page_size=ledger.PAGE,
        LEVEL_ZH=LEVEL_ZH,
        ESC_LEVEL_ZH=escalations.LEVEL_ZH,
        **console.server.read(read),
    )


@router.post("/escalation/{escalation_id}/lift")
async def lift(request: Request, me: Me, escalation_id: str) -> Response:
    """解除督办: only the account of the level and area that set it; audited."""
    console = _console(request)
    form = await request.form(max_files=0, max_fields=10)
    check_csrf(me, str(form.get("csrf", ""))[:100])
    eid = escalation_id[:40]

    def write(conn: Any) -> Any:
        e = oversight.lift(conn, me, eid)
        accounts.audit(
            conn, me.name, "escalation.lift", eid, of=e.target_id, level=e.level, kind=e.kind
        )
        return e

    try:
        e = console.server.write(write)
    except escalations.NotYourLevel as exc:
        raise HTTPException(403, str(exc)) from None
    except escalations.EscalationError as exc:
        if "本辖区没有" in str(exc):
            raise HTTPException(404, "no such escalation in your area") from None
        return RedirectResponse("/console/leaders?error=" + quote(str(exc)[:300]), 303)
    back = f"/console/hazard/{e.hazard_id}" if e.target_kind == "hazard" else "/console/leaders"
    return RedirectResponse(back if form.get("back") == "target" else "/console/leaders", 303)
