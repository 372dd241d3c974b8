# SPDX-License-Identifier: Apache-2.0
"""日通报: a day's figures per child jurisdiction and the changes, as a page and a PDF."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse

from fieldcheck.server.console import codes, figures
from fieldcheck.server.console.accounts import Account
from fieldcheck.server.console.export import bulletin_pdf
from fieldcheck.server.console.web import Console, Me, _audit, _console, _scope_children, _today

router = APIRouter(prefix="/console", include_in_schema=False)  # pages, not the sync API


def _daily(console: Console, me: Account, day: str) -> dict[str, Any]:
    try:
        d = date.fromisoformat(day) if day else _today() - timedelta(days=1)
    except ValueError:
        raise HTTPException(422, "day must be YYYY-MM-DD") from None

    def read(conn: Any) -> dict[str, Any]:
        label, kids, n = _scope_children(conn, me.jurisdiction)
        data = figures.daily(conn, me.jurisdiction, d, n)
        names = dict(kids)
        names.update(codes.names(conn, [k for k in data["day"] if k not in names]))
        return {"label": label, "names": names, **data}

    return {"d": d, **console.server.read(read)}


DAILY_KEYS = (
    ("visits", "检查单位家次"),
    ("found", "新发现隐患"),
    ("major", "新发现重大隐患"),
    ("suspected", "新发现疑似重大隐患"),
    ("rectified", "当日整改验收"),
    ("overdue", "逾期未整改"),
)


def _daily_table(data: dict[str, Any]) -> list[list[str]]:
    rows = [["单位", *[zh for _k, zh in DAILY_KEYS]]]
    for code, v in sorted(data["day"].items()):
        before = data["before"].get(code, {})
        cells = []
        for k, _zh in DAILY_KEYS:
            delta = v.get(k, 0) - before.get(k, 0)
            cells.append(f"{v.get(k, 0)}（{'+' if delta >= 0 else ''}{delta}）")
        rows.append([data["names"].get(code, code), *cells])
    return rows


@router.get("/daily", response_class=HTMLResponse)
def daily_page(request: Request, me: Me, day: str = "") -> Response:
    console = _console(request)
    data = _daily(console, me, day)
    return console.page(request, "daily.html", me, table=_daily_table(data), **data)


@router.get("/daily.pdf")
def daily_pdf(request: Request, me: Me, day: str = "") -> Response:
    console = _console(request)
    data = _daily(console, me, day)
    _audit(console, me, "export.daily.pdf", day=str(data["d"]))
    body = bulletin_pdf(
        f"{data['label']}安全生产隐患排查整治日通报",
        f"{data['d'].year}年{data['d'].month}月{data['d'].day}日（括号内为较前一日增减）",
        _daily_table(data),
        author=me.name,
    )
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="daily.pdf"'},
    )
