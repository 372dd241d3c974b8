# SPDX-License-Identifier: Apache-2.0
"""随手拍 pages: the public report form and status page (no login), the office's inbox.

The public pages carry a double-submitted CSRF token (cookie + form field, like the
login form), the console's CSP (no inline script: the location button is
static/report.js) and bounded uploads: the request is refused by its Content-Length
before a byte of it is parsed.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from fieldcheck.photos import refusal_words
from fieldcheck.photos.formats import PhotoRejectedError
from fieldcheck.server.console import accounts, codes, report_office, reports, task_subjects, tasks
from fieldcheck.server.console.queries import STATUS_ZH
from fieldcheck.server.console.report_status import STATUS_ZH as REPORT_STATE_ZH
from fieldcheck.server.console.report_status import public_status
from fieldcheck.server.console.site_web import _thumbnail
from fieldcheck.server.console.web import Me, _console, _secure, check_csrf

public = APIRouter(include_in_schema=False)
router = APIRouter(prefix="/console", include_in_schema=False)
CSRF_COOKIE = "fc_report_csrf"
MAX_BODY = reports.MAX_PHOTOS * reports.MAX_PHOTO_BYTES + 64 * 1024


def _form(request: Request, error: str = "", status: int = 200, **values: Any) -> Response:
    console = _console(request)
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    towns = console.server.read(reports.townships)
    resp = console.page(
        request,
        "report.html",
        None,
        csrf=token,
        towns=towns,
        error=error,
        v=values,
        max_photos=reports.MAX_PHOTOS,
        max_mb=reports.MAX_PHOTO_BYTES // (1024 * 1024),
    )
    resp.status_code = status
    resp.set_cookie(
        CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path="/report",
    )
    return resp


@public.get("/report", response_class=HTMLResponse)
def report_form(request: Request) -> Response:
    return _form(request)


@public.post("/report")
async def report_post(request: Request) -> Response:
    console = _console(request)
    try:
        length = int(request.headers.get("content-length", ""))
    except ValueError:
        raise HTTPException(411, "Content-Length required") from None
    if length > MAX_BODY:
        raise HTTPException(413, f"照片过大：每张不超过 {reports.MAX_PHOTO_BYTES >> 20} MB")
    form = await request.form(max_files=reports.MAX_PHOTOS + 1, max_fields=20)
    cookie = request.cookies.get(CSRF_COOKIE, "")
    token = str(form.get("csrf", ""))
    if not token or not cookie or not secrets.compare_digest(token, cookie):
        raise HTTPException(403, "CSRF token missing or wrong; reload the page and try again")
    values = {
        k: str(form.get(k, ""))[:2000]
        for k in ("jurisdiction", "address", "description", "phone", "lat", "lon")
    }
    uploads = [u for u in form.getlist("photo") if not isinstance(u, str) and u.filename]
    try:
        if len(uploads) > reports.MAX_PHOTOS:
            raise reports.ReportError(
                f"照片最多 {reports.MAX_PHOTOS} 张（at most {reports.MAX_PHOTOS}）"
            )
        photos = []
        for n, up in enumerate(uploads, 1):
            data = await up.read(reports.MAX_PHOTO_BYTES + 1)
            photos.append(reports.check_photo(data, f"第 {n} 张照片 photo {n}"))
        client = request.client.host if request.client else "unknown"
        # A cheap early refusal for a flood; the count that decides is taken again under
        # the limit's lock in create(), in the transaction that stores the report.
        console.server.read(reports.check_rate, client, reports._phone(values["phone"]))

        def write(conn: Any) -> str:
            rid, receipt = reports.create(conn, client=client, photos=photos, **values)
            accounts.audit(conn, "public", "report.create", rid, photos=len(photos))
            # Only a report that will be kept stores its photos (byte-exact under their
            # SHA-256, like evidence): a refused one leaves nothing in the store.
            for p in photos:
                console.server.blobs.put(p.sha256, p.data)
            return receipt

        receipt = console.server.write(write)
    except reports.RateLimited as exc:
        return _form(request, str(exc), 429, **values)
    except PhotoRejectedError as exc:
        said = f"{exc.name}：{refusal_words.words(exc.reason)}（{exc.reason}）"
        return _form(request, f"照片不能使用（photo refused）：{said}", 422, **values)
    except reports.ReportError as exc:
        return _form(request, str(exc), 422, **values)
    return RedirectResponse(f"/report/status?code={receipt}&new=1", 303)


@public.get("/report/status", response_class=HTMLResponse)
def report_status(request: Request, code: str = "", new: str = "") -> Response:
    console = _console(request)
    found = None
    if code:
        console.fresh()
        found = console.server.read(public_status, code[:40])
    resp = console.page(
        request,
        "report_status.html",
        None,
        code=reports.normal_receipt(code),
        found=found,
        new=bool(new),
        STATE_ZH=REPORT_STATE_ZH,
    )
    if code and found is None:
        resp.status_code = 404
    return resp


# ---- the office


@router.get("/reports", response_class=HTMLResponse)
def inbox(request: Request, me: Me, state: str = "new") -> Response:
    console = _console(request)

    def read(conn: Any) -> dict[str, Any]:
        rows = report_office.inbox(conn, me.jurisdiction, state[:10])
        return {
            "rows": rows,
            "counts": report_office.counts(conn, me.jurisdiction),
            "names": codes.names(conn, {r.jurisdiction for r in rows}),
            "label": codes.label(conn, me.jurisdiction),
        }

    data = console.server.read(read)
    return console.page(
        request,
        "reports.html",
        me,
        nav="reports",
        state=state,
        INBOX_ZH=report_office.INBOX_ZH,
        **data,
    )


def _report_page(
    request: Request, me: Any, report_id: str, error: str = "", status: int = 200, q: str = ""
) -> Response:
    console = _console(request)

    def read(conn: Any) -> dict[str, Any] | None:
        r = report_office.get(conn, me.jurisdiction, report_id[:40])
        if r is None:
            return None
        grids = [(c, n) for c, n in codes.children(conn, r.jurisdiction)] or [
            (r.jurisdiction, codes.label(conn, r.jurisdiction))
        ]
        return {
            "r": r,
            "candidates": report_office.candidates(conn, me.jurisdiction, r, q)
            if r.status == "new"
            else [],
            "photos": report_office.photo_captions(r),
            "grids": grids,
            "town": codes.label(conn, r.jurisdiction),
            "hazards": task_subjects.hazards(conn, me.jurisdiction, [r.hazard_id]),
            "task": tasks.get(conn, me.jurisdiction, r.task_id) if r.task_id else None,
        }

    data = console.server.read(read)
    if data is None:
        raise HTTPException(404, "no such report in your area")
    resp = console.page(
        request,
        "report_office.html",
        me,
        nav="reports",
        error=error,
        INBOX_ZH=report_office.INBOX_ZH,
        STATUS_ZH=STATUS_ZH,
        KIND_ZH=tasks.KIND_ZH,
        q=q[:100],
        **data,
    )
    resp.status_code = status
    return resp


@router.get("/report/{report_id}", response_class=HTMLResponse)
def report_page(request: Request, me: Me, report_id: str, q: str = "") -> Response:
    """One report; ``q`` searches the area's hazards to merge it into (并案)."""
    return _report_page(request, me, report_id, q=q[:100])


@router.post("/report/{report_id}/{action}")
async def report_action(request: Request, me: Me, report_id: str, action: str) -> Response:
    console = _console(request)
    form = await request.form(max_files=0, max_fields=20)
    check_csrf(me, str(form.get("csrf", "")))
    f = {
        k: str(form.get(k, ""))[:1000]
        for k in ("reason", "hazard_id", "grid", "deadline", "note", "site_id")
    }
    rid = report_id[:40]

    def write(conn: Any) -> None:
        if action == "reject":
            report_office.reject(conn, me.jurisdiction, me.name, rid, f["reason"])
        elif action == "merge":
            report_office.merge(conn, me.jurisdiction, me.name, rid, f["hazard_id"])
        elif action == "assign":
            tid = report_office.assign(
                conn,
                me.jurisdiction,
                me.name,
                rid,
                grid=f["grid"],
                deadline=f["deadline"],
                note=f["note"],
                site_id=f["site_id"],
            )
            accounts.audit(conn, me.name, "task.assign", tid, source="report", report=rid)
        else:
            raise HTTPException(404, "no such action")
        accounts.audit(conn, me.name, f"report.{action}", rid)

    if console.server.read(report_office.get, me.jurisdiction, rid) is None:
        raise HTTPException(404, "no such report in your area")
    try:
        console.server.write(write)
    except reports.ReportError as exc:
        return _report_page(request, me, rid, str(exc), 422)
    return RedirectResponse(f"/console/report/{rid}", 303)


@router.get("/report/{report_id}/photo/{sha256}")
def report_photo(
    request: Request, me: Me, report_id: str, sha256: str, size: str = "thumb"
) -> Response:
    """A report's photo for the office: the original (EXIF GPS kept) or a thumbnail."""
    console = _console(request)
    r = console.server.read(report_office.get, me.jurisdiction, report_id[:40])
    if r is None or sha256 not in {p["sha256"] for p in reports.photos(r)}:
        raise HTTPException(404, "no such photo in your area")
    data = console.server.blobs.read(sha256)
    if data is None:
        raise HTTPException(404, "no such photo in your area")
    if size == "original":
        return Response(
            data,
            media_type="application/octet-stream",
            headers={"Content-Disposition": f'attachment; filename="{sha256}"'},
        )
    import io

    thumb = Path(console.server.data) / "thumbs" / f"{sha256}.jpg"
    if not thumb.exists():
        _thumbnail(io.BytesIO(data), thumb)
    return FileResponse(thumb, media_type="image/jpeg")
