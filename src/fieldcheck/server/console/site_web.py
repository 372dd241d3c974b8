# SPDX-License-Identifier: Apache-2.0
"""一企一档 and the hazard page, and the photos they show (thumbnails; originals on request)."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import FileResponse, HTMLResponse

from fieldcheck.server.console import codes, escalations, oversight, queries, records, tasks
from fieldcheck.server.console.web import Me, _console, _today

router = APIRouter(prefix="/console", include_in_schema=False)  # pages, not the sync API


@router.get("/site/{site_id}", response_class=HTMLResponse)
def site_page(request: Request, me: Me, site_id: str) -> Response:
    console = _console(request)

    def read(conn: Any) -> dict[str, Any] | None:
        site = queries.site(conn, me.jurisdiction, site_id)
        if site is None:
            return None
        # 合并重复单位: the sites a device merged into this one show here, their records
        # as recorded; a merged site's own page names the site it is now part of (the end
        # of its chain of merges: site_merges).
        merged = queries.merged_sites(conn, me.jurisdiction, site_id)
        ids = [site_id, *(m.id for m in merged)]
        kept = queries.site(conn, me.jurisdiction, site.kept_id) if site.kept_id else None
        hazards = queries.site_hazards(conn, me.jurisdiction, *ids)
        notices = queries.site_notices(conn, me.jurisdiction, *ids)
        pics = [(h.id, p) for h in hazards[:200] for p in records.photos(conn, h.id)]
        return {
            "site": site,
            "merged": merged,
            "merged_names": {m.id: m.name for m in merged},
            "kept": kept,
            "jur": codes.label(conn, site.jurisdiction),
            "inspections": queries.site_inspections(conn, me.jurisdiction, *ids),
            "hazards": hazards,
            "notices": notices,
            "pdfs": {n.id: p for n in notices if (p := records.notice_pdf(conn, n.id))},
            "photos": pics,
            **_assign(conn, me.jurisdiction, site),
        }

    data = console.server.read(read)
    if data is None:
        raise HTTPException(404, "no such site in your area")
    return console.page(request, "site.html", me, today=_today(), due=_due(), **data)


def _assign(conn: Any, scope: str, site: Any) -> dict[str, Any]:
    """What the 交办 form of a site or hazard page offers: the people it may go to (the
    grid defaults to the site's own; the form posts to the one 交办 route, /console/tasks)."""
    if site is None or site.kept_id:  # not on the register, or merged into another
        return {"assign_site": None, "assignees": [], "assignee_areas": {}}
    people = tasks.assignees(conn, scope, site.jurisdiction)
    areas = codes.names(conn, {site.jurisdiction, *(p.jurisdiction for p in people)})
    return {"assign_site": site, "assignees": people, "assignee_areas": areas}


@router.get("/notice/{notice_id}/pdf")
def notice_pdf(request: Request, me: Me, notice_id: str) -> Response:
    """A document's signed PDF as issued (it travelled with the notice), inside the area."""
    console = _console(request)

    def read(conn: Any) -> tuple[str, dict[str, Any]] | None:
        n = queries.notice(conn, me.jurisdiction, notice_id)
        pdf = records.notice_pdf(conn, notice_id) if n is not None else None
        return None if n is None or pdf is None else (str(n.number), pdf)

    found = console.server.read(read)
    data = console.server.blobs.read(str(found[1]["sha256"])) if found else None
    if found is None or data is None:
        raise HTTPException(404, "no such document in your area")
    name = quote(f"{found[0]}.pdf")
    disposition = f"attachment; filename=\"notice-{notice_id}.pdf\"; filename*=UTF-8''{name}"
    return Response(
        data, media_type="application/pdf", headers={"Content-Disposition": disposition}
    )


@router.get("/hazard/{hazard_id}", response_class=HTMLResponse)
def hazard_page(request: Request, me: Me, hazard_id: str) -> Response:
    console = _console(request)

    def read(conn: Any) -> dict[str, Any] | None:
        h = queries.hazard(conn, me.jurisdiction, hazard_id)
        if h is None:
            return None
        evs = records.events(conn, hazard_id)
        who = records.people(conn, {e["actor_id"] for e in evs})
        site = queries.site(conn, me.jurisdiction, h.site_id)
        return {
            "h": h,
            **_assign(conn, me.jurisdiction, site),
            "jur": codes.label(conn, h.jurisdiction),
            "events": evs,
            "who": who,
            "photos": records.photos(conn, hazard_id),
            "signatures": records.checked_signatures(conn, "finding", hazard_id),
            "escalated": (escalated := oversight.of_hazard_all(conn, hazard_id)),
            "subjects": oversight.subjects(conn, me.jurisdiction, escalated),
            "approved": {a.escalation_id: a for a in escalations.approvals(conn, hazard_id)},
        }

    data = console.server.read(read)
    if data is None:
        raise HTTPException(404, "no such hazard in your area")
    return console.page(
        request,
        "hazard.html",
        me,
        today=_today(),
        due=_due(),
        KIND_ZH=tasks.KIND_ZH,
        ESC_KINDS=escalations.KINDS,
        ESC_LEVEL_ZH=escalations.LEVEL_ZH,
        **data,
    )


@router.get("/photo/{sha256}")
def photo(request: Request, me: Me, sha256: str, size: str = "thumb") -> Response:
    console = _console(request)
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise HTTPException(404, "no such photo")

    def allowed(conn: Any) -> bool:
        return any(
            queries.hazard(conn, me.jurisdiction, f) for f in records.photo_finding(conn, sha256)
        )

    if not console.server.read(allowed):
        raise HTTPException(404, "no such photo in your area")
    store = console.server.blobs  # a local directory or object storage
    path = store.local_path(sha256)
    data = store.read(sha256) if path is None else None
    if path is None and data is None:
        raise HTTPException(404, "no such photo in your area")
    if size == "original":
        if path is None:
            disposition = {"Content-Disposition": f'attachment; filename="{sha256}.jpg"'}
            return Response(data, media_type="application/octet-stream", headers=disposition)
        return FileResponse(path, media_type="application/octet-stream", filename=f"{sha256}.jpg")
    thumb = Path(console.server.data) / "thumbs" / f"{sha256}.jpg"
    if not thumb.exists():
        _thumbnail(path if path is not None else io.BytesIO(data or b""), thumb)
    return FileResponse(thumb, media_type="image/jpeg")


def _due() -> str:
    """The 交办 form's default deadline: a week from today."""
    return (_today() + timedelta(days=7)).isoformat()


def _thumbnail(src: Path | io.BytesIO, dest: Path) -> None:
    from PIL import Image, ImageOps

    dest.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(src) as im:
        small = ImageOps.exif_transpose(im).convert("RGB")
        small.thumbnail((320, 320))
        tmp = dest.with_suffix(".tmp")
        small.save(tmp, "JPEG", quality=80)
        tmp.replace(dest)
