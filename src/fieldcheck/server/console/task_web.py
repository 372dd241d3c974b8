# SPDX-License-Identifier: Apache-2.0
"""The console's 交办/督办 pages: the task list and form, one task, 督办 of a task or a
hazard, the 领导责任 list, and the 分级销号 approval of a major hazard."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from fieldcheck.core import clock
from fieldcheck.server.console import (
    accounts,
    approvals,
    codes,
    escalations,
    oversight,
    task_subjects,
    tasks,
)
from fieldcheck.server.console.accounts import ConsoleRole
from fieldcheck.server.console.web import Me, _console, check_csrf

router = APIRouter(prefix="/console", include_in_schema=False)
SETTERS = (ConsoleRole.TOWNSHIP, ConsoleRole.COUNTY, ConsoleRole.CITY)


def _text(form: Any, key: str, limit: int = 200) -> str:
    value = form.get(key, "")
    return str(value).strip()[:limit] if isinstance(value, str) else ""


def _list_page(
    request: Request, me: Any, state: str = "", error: str = "", status: int = 200
) -> Response:
    console = _console(request)
    today = clock.today()

    def read(conn: Any) -> dict[str, Any]:
        rows = tasks.visible(conn, me.jurisdiction, today, state[:10])
        return {
            "label": codes.label(conn, me.jurisdiction),
            "rows": rows,
            "escalated": escalations.of_targets(conn, "task", [r.id for r in rows]),
            "hazards": task_subjects.hazards(conn, me.jurisdiction, [r.hazard_id for r in rows]),
            "areas": codes.names(conn, [r.grid for r in rows]),
        }

    resp = console.page(
        request,
        "tasks.html",
        me,
        today=today,
        state=state,
        error=error,
        kinds=tasks.kinds(),
        KIND_ZH=tasks.KIND_ZH,
        TASK_STATUS_ZH=tasks.STATUS_ZH,
        status_of=tasks.status,
        ESC_LEVEL_ZH=escalations.LEVEL_ZH,
        may_set=me.role in SETTERS,
        **console.server.read(read),
    )
    resp.status_code = status
    return resp


@router.get("/tasks", response_class=HTMLResponse)
def task_list(request: Request, me: Me, state: str = "") -> Response:
    return _list_page(request, me, state)


@router.post("/tasks")
async def task_create(request: Request, me: Me) -> Response:
    console = _console(request)
    form = await request.form(max_files=0, max_fields=600)
    check_csrf(me, _text(form, "csrf", 100))
    if me.role not in SETTERS:
        raise HTTPException(403, "only a township, county or city account assigns tasks")
    kind = _text(form, "kind", 20)
    sweep = [str(v)[:40] for v in form.getlist("site") if isinstance(v, str)][: tasks.MAX_SWEEP]

    def write(conn: Any) -> list[str]:
        if kind == "sweep":
            ids = tasks.assign_sweep(
                conn,
                me.jurisdiction,
                me.name,
                origin_site_id=_text(form, "origin", 40),
                site_ids=sweep,
                deadline=_text(form, "deadline", 10),
                note=_text(form, "note", 600),
            )
        else:
            ids = [
                tasks.assign_task(
                    conn,
                    me.jurisdiction,
                    me.name,
                    kind=kind,
                    site_id=_text(form, "site_id", 40),
                    hazard_id=_text(form, "hazard_id", 40),
                    grid=_text(form, "grid", 40),
                    assignee_device=_text(form, "device", 40),
                    deadline=_text(form, "deadline", 10),
                    note=_text(form, "note", 600),
                )
            ]
        for tid in ids:
            accounts.audit(conn, me.name, "task.assign", tid, kind=kind)
        return ids

    try:
        ids = console.server.write(write)
    except tasks.TaskError as exc:
        return _list_page(request, me, error=str(exc), status=422)
    return RedirectResponse("/console/tasks" if len(ids) > 1 else f"/console/task/{ids[0]}", 303)


@router.get("/tasks/sweep", response_class=HTMLResponse)
def sweep_form(request: Request, me: Me, site: str = "") -> Response:
    """拉网式复查: the sites like this one, proposed for the user to tick."""
    console = _console(request)

    def read(conn: Any) -> dict[str, Any] | None:
        try:
            origin, offered = tasks.sweep_candidates(conn, me.jurisdiction, site[:40])
        except tasks.TaskError:
            return None
        return {"origin": origin, "offered": offered, "label": codes.label(conn, me.jurisdiction)}

    data = console.server.read(read)
    if data is None:
        raise HTTPException(404, "no such site in your area")
    return console.page(request, "task_sweep.html", me, may_set=me.role in SETTERS, **data)


def _task(console: Any, me: Any, task_id: str) -> dict[str, Any]:
    def read(conn: Any) -> dict[str, Any] | None:
        t = tasks.get(conn, me.jurisdiction, task_id[:40])
        if t is None:
            return None
        return {
            "t": t,
            "escalations": escalations.of_targets(conn, "task", [t.id]).get(t.id, []),
            "hazards": task_subjects.hazards(conn, me.jurisdiction, [t.hazard_id]),
            "areas": codes.names(conn, [t.grid]),
        }

    data: dict[str, Any] | None = console.server.read(read)
    if data is None:
        raise HTTPException(404, "no such task in your area")
    return data


@router.get("/task/{task_id}", response_class=HTMLResponse)
def task_page(request: Request, me: Me, task_id: str, error: str = "") -> Response:
    console = _console(request)
    data = _task(console, me, task_id)
    return console.page(
        request,
        "task.html",
        me,
        today=clock.today(),
        KIND_ZH=tasks.KIND_ZH,
        TASK_STATUS_ZH=tasks.STATUS_ZH,
        status_of=tasks.status,
        ESC_KINDS=escalations.KINDS,
        ESC_LEVEL_ZH=escalations.LEVEL_ZH,
        error=error[:300],
        **data,
    )


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
    from urllib.parse import quote

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
