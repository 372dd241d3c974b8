# SPDX-License-Identifier: Apache-2.0
"""The console's campaign pages: the list and the create form, one campaign's coverage."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from fieldcheck.server.console import accounts, campaign_coverage, campaigns, codes, queries
from fieldcheck.server.console.accounts import ConsoleRole
from fieldcheck.server.console.web import Me, _console, _scope_children, check_csrf

router = APIRouter(prefix="/console", include_in_schema=False)
SETTERS = (ConsoleRole.TOWNSHIP, ConsoleRole.COUNTY, ConsoleRole.CITY)


@cache
def checklist_choices() -> tuple[tuple[str, str, str], ...]:
    """(id, version, title) of the bundled checklists a campaign can name."""
    from fieldcheck import paths
    from fieldcheck.checklists.loader import load_dirs

    try:
        lib = load_dirs([paths.checklists_dir()])
    except Exception:  # a broken bundle: the form offers none and says so
        return ()
    return tuple(sorted((c.id, c.version, c.title) for c in lib.checklists()))


def _form_page(request: Request, me: Any, error: str = "", status: int = 200) -> Response:
    console = _console(request)

    def read(conn: Any) -> dict[str, Any]:
        return {
            "label": codes.label(conn, me.jurisdiction),
            "rows": campaigns.visible(conn, me.jurisdiction),
            "industries": queries.industries(conn, me.jurisdiction),
            "kinds": campaigns.kinds_of_place(conn, me.jurisdiction),
        }

    data = console.server.read(read)
    resp = console.page(
        request,
        "campaigns.html",
        me,
        error=error,
        checklists=checklist_choices(),
        may_set=me.role in SETTERS,
        **data,
    )
    resp.status_code = status
    return resp


@router.get("/campaigns", response_class=HTMLResponse)
def campaign_list(request: Request, me: Me) -> Response:
    return _form_page(request, me)


def _strings(form: Any, key: str, limit: int = 50) -> list[str]:
    values = [str(v).strip()[:100] for v in form.getlist(key) if isinstance(v, str)]
    return [v for v in dict.fromkeys(values) if v][:limit]


@router.post("/campaigns")
async def campaign_create(request: Request, me: Me) -> Response:
    console = _console(request)
    form = await request.form(max_files=1, max_fields=400)
    check_csrf(me, str(form.get("csrf", "")))
    if me.role not in SETTERS:
        raise HTTPException(403, "only a township, county or city account sets a campaign")
    known = {c[0]: c for c in checklist_choices()}
    picked = [known[i] for i in _strings(form, "checklist") if i in known]
    draft = campaigns.Draft(
        name=str(form.get("name", ""))[:200],
        starts_on=str(form.get("starts_on", ""))[:10],
        ends_on=str(form.get("ends_on", ""))[:10],
        industries=_strings(form, "industry"),
        kinds=_strings(form, "kind"),
        checklists=[{"id": i, "version": v, "title": t} for i, v, t in picked],
        source=str(form.get("source", "register"))[:10],
    )
    rows = None
    try:
        if draft.source == "xlsx":
            upload = form.get("file")
            if upload is not None and not isinstance(upload, str):
                data = await upload.read(campaigns.MAX_XLSX_BYTES + 1)
                rows = campaigns.read_register_xlsx(data)

        def write(conn: Any) -> str:
            cid = campaigns.create(conn, me.jurisdiction, me.name, draft, rows)
            accounts.audit(conn, me.name, "campaign.create", cid, name=draft.name)
            return cid

        cid = console.server.write(write)
    except campaigns.CampaignError as exc:
        return _form_page(request, me, str(exc), 422)
    return RedirectResponse(f"/console/campaign/{cid}", 303)


@router.get("/campaign/{campaign_id}", response_class=HTMLResponse)
def campaign_page(request: Request, me: Me, campaign_id: str, child: str = "") -> Response:
    console = _console(request)
    child = child[:40]
    if child and not child.startswith(me.jurisdiction):
        raise HTTPException(404, "no such jurisdiction in your area")

    def read(conn: Any) -> dict[str, Any] | None:
        c = campaigns.get(conn, me.jurisdiction, campaign_id[:40])
        if c is None:
            return None
        label, kids, n = _scope_children(conn, me.jurisdiction)
        cover = campaign_coverage.coverage(conn, me.jurisdiction, c, n)
        missing = campaign_coverage.not_visited(conn, me.jurisdiction, c, child)
        names = dict(kids)
        wanted = set(cover["by_child"]) | {r.jurisdiction for r in missing} | {c.jurisdiction}
        names.update(codes.names(conn, [k for k in wanted if k not in names]))
        return {
            "c": c,
            "label": label,
            "cover": cover,
            "missing": missing,
            "names": names,
            "figures": campaign_coverage.figures(conn, me.jurisdiction, c),
            **campaigns.described(c),
        }

    data = console.server.read(read)
    if data is None:
        raise HTTPException(404, "no such campaign in your area")
    return console.page(
        request, "campaign.html", me, child=child, limit=campaign_coverage.MAX_LIST, **data
    )
