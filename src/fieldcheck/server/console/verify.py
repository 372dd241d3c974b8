# SPDX-License-Identifier: Apache-2.0
"""The public check page ``/v/<QR text>``: anyone who scans a notice sees whether it stands.

The path carries the page's whole QR text (``FC1;n=…;i=…;d=…;p=…;s=…``), so the same
code still lets a device check the seal offline. This page checks it here too, from what
travelled with the notice (``seal.check_seal``: the digest of its frozen payload, the
issuer's key, the signed PDF), and adds what only the server knows: whether the document
was synced, voided, and whether its hazards were rectified. It shows no more than the
paper does: kind, number, site, issuer, date.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select

from fieldcheck.core.errors import InvalidValueError
from fieldcheck.reports.qr import parse_qr_text
from fieldcheck.server.console.records import people
from fieldcheck.server.console.seal import SealCheck, check_seal
from fieldcheck.server.console.tables import HZ, NT, SITE

if TYPE_CHECKING:
    from fieldcheck.server.console.web import Console

router = APIRouter(include_in_schema=False)


def lookup(conn: Any, number: str) -> dict[str, Any] | None:
    n = conn.execute(select(NT).where(NT.c.number == number)).first()
    if n is None:
        return None
    ids = json.loads(n.finding_ids or "[]")
    open_count = 0
    if ids:
        open_count = conn.execute(
            select(func.count()).select_from(HZ).where(HZ.c.id.in_(ids), HZ.c.open.is_(True))
        ).scalar_one()
    site = conn.execute(select(SITE.c.name).where(SITE.c.id == n.site_id)).scalar()
    issuer = people(conn, {n.issued_by}).get(n.issued_by, {}).get("name", "")
    return {
        "n": n,
        "site": site or "",
        "issuer": issuer,
        "hazards": len(ids),
        "open": open_count,
    }


@router.get("/v/{payload:path}", response_class=HTMLResponse)
def check(request: Request, payload: str) -> HTMLResponse:
    console: Console = request.app.state.console
    text = unquote(payload)[:600]
    try:
        qr = parse_qr_text(text)
    except InvalidValueError:
        resp = console.page(request, "verify.html", None, qr=None, found=None, issuer_ok=False)
        resp.status_code = 404
        return resp
    console.fresh()
    server = console.server

    def read(conn: Any) -> tuple[dict[str, Any] | None, SealCheck | None]:
        found = lookup(conn, qr.number)
        if found is None:
            return None, None
        n = found["n"]
        return found, check_seal(conn, server.blobs, n.id, n.issued_by, qr)

    found, sealed = server.read(read)
    issuer_ok = bool(found and found["issuer"] and found["issuer"] == qr.issuer)
    return console.page(
        request, "verify.html", None, qr=qr, found=found, issuer_ok=issuer_ok, seal=sealed
    )
