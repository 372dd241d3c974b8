# SPDX-License-Identifier: Apache-2.0
"""The console's 交办 pages: the task list and its form, the 拉网式 list, one task (督办
and 分级销号: ``leader_web``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from fieldcheck.core import clock
from fieldcheck.server.console import (
    accounts,
    codes,
    escalations,
    task_pick,
    task_subjects,
    task_sweep,
    tasks,
)
from fieldcheck.server.console.accounts import ConsoleRole
from fieldcheck.server.console.web import Me, _console, check_csrf, form_text

router = APIRouter(prefix="/console", include_in_schema=False)
SETTERS = (ConsoleRole.TOWNSHIP, ConsoleRole.COUNTY, ConsoleRole.CITY)


_text = form_text


def _list_page(
    request: Request,
    me: Any,
    state: str = "",
    error: str = "",
    status: int = 200,
    q: str = "",
    chosen: dict[str, str] | None = None,
) -> Response:
    console = _console(request)
    today = clock.today()
    q = q.strip()[: task_pick.MAX_QUERY]
    may_set = me.role in SETTERS

    def read(conn: Any) -> dict[str, Any]:
        rows = tasks.visible(conn, me.jurisdiction, today, state[:10])
        found_sites = task_pick.sites(conn, me.jurisdiction, q) if may_set else []
        found_hazards = task_pick.hazards(conn, me.jurisdiction, q) if may_set else []
        people = tasks.assignees(conn, me.jurisdiction, me.jurisdiction) if may_set else []
        return {
            "label": codes.label(conn, me.jurisdiction),
            "rows": rows,
            "escalated": escalations.of_targets(conn, "task", [r.id for r in rows]),
            "hazards": task_subjects.hazards(conn, me.jurisdiction, [r.hazard_id for r in rows]),
            "areas": codes.names(
                conn,
                [r.grid for r in rows]
                + [p.jurisdiction for p in people]
                + [s.jurisdiction for s in found_sites],
            ),
            "found_sites": found_sites,
            "found_hazards": found_hazards,
            "assignees": people,
        }

    resp = console.page(
        request,
        "tasks.html",
        me,
        today=today,
        state=state,
        error=error,
        q=q,
        chosen=chosen or {},
        hazard_kind=task_pick.hazard_kind,
        max_found=task_pick.MAX_FOUND,
        KIND_ZH=tasks.KIND_ZH,
        TASK_STATUS_ZH=tasks.STATUS_ZH,
        status_of=tasks.status,
        ESC_LEVEL_ZH=escalations.LEVEL_ZH,
        ESC_KINDS=escalations.KINDS,
        may_set=may_set,
        **console.server.read(read),
    )
    resp.status_code = status
    return resp


@router.get("/tasks", response_class=HTMLResponse)
def task_list(request: Request, me: Me, state: str = "", q: str = "") -> Response:
    """The area's tasks; ``q`` finds the sites and hazards the 交办 form offers."""
    return _list_page(request, me, state, q=q)


@router.post("/tasks")
async def task_create(request: Request, me: Me) -> Response:
    console = _console(request)
    form = await request.form(max_files=0, max_fields=600)
    check_csrf(me, _text(form, "csrf", 100))
    if me.role not in SETTERS:
        raise HTTPException(403, "only a township, county or city account assigns tasks")
    kind = _text(form, "kind", 20)
    site_id, hazard_id = _text(form, "site_id", 40), _text(form, "hazard_id", 40)
    choice = _text(form, "subject", 60)
    sweep = [str(v)[:40] for v in form.getlist("site") if isinstance(v, str)][
        : task_sweep.MAX_SWEEP
    ]

    def write(conn: Any) -> list[str]:
        nonlocal kind, site_id, hazard_id
        if "subject" in form:  # the general form: what was found and chosen
            kind, site_id, hazard_id = task_pick.subject(choice)
        if kind == "sweep":
            ids = task_sweep.assign_sweep(
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
                    site_id=site_id,
                    hazard_id=hazard_id,
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
        kept = {k: _text(form, k, 600) for k in ("subject", "device", "deadline", "note")}
        return _list_page(
            request, me, error=str(exc), status=422, q=_text(form, "q", 100), chosen=kept
        )
    return RedirectResponse("/console/tasks" if len(ids) > 1 else f"/console/task/{ids[0]}", 303)


@router.get("/tasks/sweep", response_class=HTMLResponse)
def sweep_form(request: Request, me: Me, site: str = "") -> Response:
    """拉网式复查: the sites like this one, proposed for the user to tick."""
    console = _console(request)

    def read(conn: Any) -> dict[str, Any] | None:
        try:
            origin, offered = task_sweep.sweep_candidates(conn, me.jurisdiction, site[:40])
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
            "done_by": task_subjects.inspection(conn, me.jurisdiction, t.done_inspection_id),
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
