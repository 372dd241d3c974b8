# SPDX-License-Identifier: Apache-2.0
"""The overview, the ledger across the jurisdiction (its page and xlsx export) and 挂牌督办."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, StreamingResponse

from fieldcheck.server.console import codes, figures, ledger, queries
from fieldcheck.server.console.export import EXPORT_COLUMNS, ledger_xlsx
from fieldcheck.server.console.web import Me, _audit, _console, _scope_children, _today

router = APIRouter(prefix="/console", include_in_schema=False)  # pages, not the sync API


@router.get("/", response_class=HTMLResponse)
def overview_page(
    request: Request, me: Me, period: str = "month", start: str = "", end: str = ""
) -> Response:
    console = _console(request)
    today = _today()
    try:
        p = queries.Period.of(period, today, start, end)
    except ValueError:
        raise HTTPException(422, "start/end must be dates (YYYY-MM-DD)") from None

    def read(conn: Any) -> dict[str, Any]:
        label, kids, n = _scope_children(conn, me.jurisdiction)
        data = figures.overview(conn, me.jurisdiction, p, today, n)
        names = dict(kids)
        names.update(codes.names(conn, [k for k in data["by_child"] if k not in names]))
        return {"label": label, "kids": kids, "names": names, **data}

    data = console.server.read(read)
    base = {"from": p.start.isoformat(), "to": p.end.isoformat()}
    charts = {
        "children": {
            "labels": [data["names"].get(k, k) for k in data["by_child"]],
            "found": [v["found"] for v in data["by_child"].values()],
            "rectified": [v["rectified"] for v in data["by_child"].values()],
        },
        "industries": [
            {"name": k or "未填行业", "value": v["found"]} for k, v in data["by_industry"].items()
        ],
    }
    return console.page(
        request, "overview.html", me, p=p, period=period, base=base, charts=charts, **data
    )


def figure_link(base: dict[str, str], key: str, extra: dict[str, str] | None = None) -> str:
    """The ledger URL listing the hazards behind one overview figure."""
    q = dict(base)
    q.update(
        {
            "found": {},
            "rate": {},
            "rectified": {"status": "rectified"},
            "major": {"level": "major"},
            "major_rectified": {"level": "major", "status": "rectified"},
            "major_open": {"level": "major", "status": "open"},
            "suspected": {"level": "suspected"},
            "overdue": {"overdue": "1"},
            "supervised": {"supervised": "1", "status": "open"},
            "notices": {"noticed": "1"},
            "visits": {},
        }.get(key, {})
    )
    q.update(extra or {})
    return "/console/ledger?" + urlencode(q)


@router.get("/ledger", response_class=HTMLResponse)
def ledger_list(request: Request, me: Me, after: str = "", partial: str = "") -> Response:
    console = _console(request)
    args = dict(request.query_params)
    f = ledger.Filter.from_query(args)
    today = _today()
    if f.child and not f.child.startswith(me.jurisdiction):
        raise HTTPException(404, "no such jurisdiction in your area")

    def read(conn: Any) -> dict[str, Any]:
        label, kids, _n = _scope_children(conn, me.jurisdiction)
        page = ledger.ledger_page(conn, me.jurisdiction, f, today, after[:400])
        return {
            "label": label,
            "kids": kids,
            "page": page,
            "industries": queries.industries(conn, me.jurisdiction),
            "names": codes.names(conn, {r.jurisdiction for r in page.rows}),
        }

    data = console.server.read(read)
    query = f.query()
    name = "ledger_rows.html" if partial else "ledger.html"
    return console.page(
        request, name, me, f=f, query=query, today=today, statuses=queries.STATUS_ZH, **data
    )


@router.get("/ledger.xlsx")
def ledger_export(request: Request, me: Me) -> Response:
    console = _console(request)
    f = ledger.Filter.from_query(dict(request.query_params))
    if f.child and not f.child.startswith(me.jurisdiction):
        raise HTTPException(404, "no such jurisdiction in your area")
    today = _today()
    title = console.server.read(lambda c: codes.label(c, me.jurisdiction)) + " 隐患台账"
    _audit(console, me, "export.ledger", filter=f.query())

    def rows() -> Iterator[bytes]:
        with console.server.engine.connect() as conn:
            yield from ledger_xlsx(
                ledger.ledger_rows(conn, me.jurisdiction, f, today, EXPORT_COLUMNS),
                title,
                today,
            )

    filename = f"ledger-{me.jurisdiction}-{today.isoformat()}.xlsx"
    return StreamingResponse(
        rows(),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/supervised", response_class=HTMLResponse)
def supervised_page(request: Request, me: Me) -> Response:
    console = _console(request)
    today = _today()

    def read(conn: Any) -> dict[str, Any]:
        rows = queries.supervised(conn, me.jurisdiction, today)
        return {
            "label": codes.label(conn, me.jurisdiction),
            "rows": rows,
            "names": codes.names(conn, {r.jurisdiction for r in rows}),
        }

    return console.page(request, "supervised.html", me, today=today, **console.server.read(read))
