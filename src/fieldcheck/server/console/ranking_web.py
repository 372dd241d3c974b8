# SPDX-License-Identifier: Apache-2.0
"""Rankings (周晾晒/月排名): the page and its 通报 as PDF and xlsx."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse

from fieldcheck.server.console import queries, ranking
from fieldcheck.server.console.accounts import Account
from fieldcheck.server.console.export import bulletin_pdf, ranking_xlsx
from fieldcheck.server.console.web import Console, Me, _audit, _console, _scope_children, _today

router = APIRouter(prefix="/console", include_in_schema=False)  # pages, not the sync API


def _ranking(
    console: Console, me: Account, kind: str, day: str, campaign: str = ""
) -> dict[str, Any]:
    from fieldcheck.server.console import campaigns

    today = _today()
    try:
        at = date.fromisoformat(day) if day else today
    except ValueError:
        raise HTTPException(422, "date must be YYYY-MM-DD") from None
    p = queries.Period.of("month" if kind == "month" else "week", at)
    weights = console.weights()
    c = console.server.read(campaigns.get, me.jurisdiction, campaign[:40]) if campaign else None
    if campaign and c is None:
        raise HTTPException(404, "no such campaign in your area")
    if c is not None:  # the campaign's own period and register
        p = queries.Period(c.starts_on, c.ends_on, f"{c.name} {c.starts_on}—{c.ends_on}")

    def read(conn: Any) -> dict[str, Any]:
        label, kids, n = _scope_children(conn, me.jurisdiction)
        only = campaigns.register_sites(c.id) if c is not None else None
        now = ranking.ranking(conn, me.jurisdiction, p, kids, n, weights, only)
        if c is not None:  # only the units with sites on the register take part
            now = ranking.ranked([d for d in now if d["metrics"]["coverage"] is not None])
        before = (
            []
            if c is not None
            else ranking.ranking(conn, me.jurisdiction, p.previous(), kids, n, weights)
        )
        return {"label": label, "rows": ranking.with_movement(now, before)}

    return {
        "p": p,
        "kind": kind,
        "weights": weights,
        "date": at,
        "campaign": c,
        **console.server.read(read),
    }


@router.get("/ranking", response_class=HTMLResponse)
def ranking_page(
    request: Request, me: Me, kind: str = "week", date: str = "", campaign: str = ""
) -> Response:
    console = _console(request)
    data = _ranking(console, me, kind, date, campaign)
    return console.page(request, "ranking.html", me, **data)


@router.get("/ranking.{fmt}")
def ranking_export(
    request: Request, me: Me, fmt: str, kind: str = "week", date: str = "", campaign: str = ""
) -> Response:
    console = _console(request)
    data = _ranking(console, me, kind, date, campaign)
    _audit(console, me, f"export.ranking.{fmt}", kind=kind)
    title = f"{data['label']}安全生产隐患排查整治{'月排名' if kind == 'month' else '周晾晒'}通报"
    if data["campaign"] is not None:
        title = f"{data['label']}{data['campaign'].name}排名通报"
    if fmt == "xlsx":
        body = ranking_xlsx(title, data)
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "pdf":
        body = bulletin_pdf(title, data["p"].label, _ranking_table(data), author=me.name)
        media = "application/pdf"
    else:
        raise HTTPException(404, "ranking exports are .pdf or .xlsx")
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="ranking-{kind}.{fmt}"'},
    )


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:.1f}%"


def _ranking_table(data: dict[str, Any]) -> list[list[str]]:
    head = [
        "名次",
        "单位",
        *[ranking.METRIC_ZH[k] for k in ranking.DEFAULT_WEIGHTS],
        "综合指数",
        "升降",
    ]
    rows = [head]
    for d in data["rows"]:
        move = d["movement"]
        rows.append(
            [
                ("—" if d["rank"] is None else str(d["rank"]))
                + ("（后三位）" if d["bottom"] else ""),
                d["name"],
                *[_pct(d["metrics"][k]) for k in ranking.DEFAULT_WEIGHTS],
                ranking.NOTHING if d["index"] is None else f"{d['index']:.1f}",
                "—"
                if move is None
                else (f"↑{move}" if move > 0 else f"↓{-move}" if move < 0 else "持平"),
            ]
        )
    return rows
