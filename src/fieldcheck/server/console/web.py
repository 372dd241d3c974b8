# SPDX-License-Identifier: Apache-2.0
"""The console's routes: login, overview, ledger, site and hazard pages, 挂牌督办, rankings, 日通报.

Every page asks ``queries`` with the account's jurisdiction; every form POST checks the
session's CSRF token; every response carries a Content-Security-Policy with no inline
script (the charts read their data from JSON blocks, drawn by static/console.js).
"""

from __future__ import annotations

import io
import json
import secrets
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, StreamingResponse
from jinja2 import Environment, FileSystemLoader
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldcheck.core import clock
from fieldcheck.core.loop import ACTION_LABELS_ZH
from fieldcheck.server.console import accounts, codes, project, queries, records
from fieldcheck.server.console.accounts import Account, ConsoleRole
from fieldcheck.server.console.export import (
    EXPORT_COLUMNS,
    bulletin_pdf,
    ledger_xlsx,
    ranking_xlsx,
)

HERE = Path(__file__).resolve().parent
COOKIE = "fc_console"
LOGIN_CSRF = "fc_login_csrf"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
REFRESH_SECONDS = 2.0


def local_time(value: object) -> str:
    """An instant as people in China read it (UTC+8), to the minute."""
    at = datetime.fromisoformat(value) if isinstance(value, str) else value
    if not isinstance(at, datetime):
        return ""
    at = at if at.tzinfo else at.replace(tzinfo=UTC)
    return at.astimezone(clock.CHINA_TZ).strftime("%Y-%m-%d %H:%M")


class SecurityHeaders:
    """CSP and friends on every console and verification page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(("/console", "/v/", "/report")):
            await self.app(scope, receive, send)
            return

        async def add(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                    (b"cache-control", b"no-store" if "/static/" not in path else b"max-age=86400"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, add)


class Console:
    """What the routes share: the server, the templates and the read model's freshness."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True
        )
        self.env.globals.update(
            STATUS_ZH=queries.STATUS_ZH,
            LEVEL_ZH=queries.LEVEL_ZH,
            NOTICE_ZH=queries.NOTICE_ZH,
            FIGURES=queries.FIGURES,
            METRIC_ZH=queries.METRIC_ZH,
            urlencode=urlencode,
            ACTION_ZH={a.value: zh for a, zh in ACTION_LABELS_ZH.items()},
        )
        self.env.filters["local"] = local_time
        self._lock = threading.Lock()
        self._checked = 0.0

    def fresh(self) -> None:
        """Fold new sync changes into the read model, at most every couple of seconds."""
        now = time.monotonic()
        if now - self._checked < REFRESH_SECONDS:
            return
        with self._lock:
            if time.monotonic() - self._checked < REFRESH_SECONDS:
                return
            project.catch_up(self.server.engine)
            self._checked = time.monotonic()

    def weights(self) -> dict[str, float]:
        """The ranking weights: <data>/console.json {"ranking_weights": {...}} or the defaults."""
        path = Path(self.server.data) / "console.json"
        weights = dict(queries.DEFAULT_WEIGHTS)
        if path.exists():
            try:
                given = json.loads(path.read_text(encoding="utf-8")).get("ranking_weights", {})
                weights.update(
                    {k: float(v) for k, v in given.items() if k in weights and float(v) >= 0}
                )
            except (ValueError, AttributeError, TypeError):
                pass
        return weights

    def page(
        self, request: Request, name: str, account: Account | None, **ctx: Any
    ) -> HTMLResponse:
        html = self.env.get_template(name).render(request=request, me=account, **ctx)
        return HTMLResponse(html)


def _console(request: Request) -> Console:
    console: Console = request.app.state.console
    return console


def current_account(request: Request) -> Account:
    token = request.cookies.get(COOKIE)
    console = _console(request)
    account = console.server.read(accounts.session_account, token) if token else None
    if account is None:
        raise HTTPException(303, headers={"Location": "/console/login"})
    console.fresh()
    assert isinstance(account, Account)
    return account


Me = Annotated[Account, Depends(current_account)]


def check_csrf(account: Account, token: str) -> None:
    if not token or not secrets.compare_digest(token, account.csrf):
        raise HTTPException(403, "CSRF token missing or wrong; reload the page and try again")


def _audit(console: Console, me: Account, action: str, **detail: object) -> None:
    console.server.write(
        lambda conn: accounts.audit(conn, me.name, action, me.jurisdiction, **detail)
    )


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def _today() -> date:
    return clock.today()


def _scope_children(conn: Any, code: str) -> tuple[str, list[tuple[str, str]], int]:
    kids = codes.children(conn, code)
    return codes.label(conn, code), kids, queries.child_length(conn, code, kids)


router = APIRouter(prefix="/console", include_in_schema=False)  # pages, not the sync API


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, error: str = "") -> Response:
    token = secrets.token_urlsafe(24)
    resp = _console(request).page(request, "login.html", None, csrf=token, error=error[:200])
    resp.set_cookie(
        LOGIN_CSRF,
        token,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path="/console",
    )
    return resp


@router.post("/login")
def login_post(
    request: Request,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    cookie = request.cookies.get(LOGIN_CSRF, "")
    if not csrf or not cookie or not secrets.compare_digest(csrf, cookie):
        raise HTTPException(403, "CSRF token missing or wrong; reload the login page")
    console = _console(request)
    client = request.client.host if request.client else "unknown"
    result = console.server.write(accounts.login, name, password, client)
    if isinstance(result, accounts.LoginRefused):
        status = 429 if result.throttled else 401
        resp = console.page(request, "login.html", None, csrf=cookie, error=str(result))
        resp.status_code = status
        return resp
    _account, token = result
    done = RedirectResponse("/console/", 303)
    done.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path="/",
        max_age=accounts.SESSION_HOURS * 3600,
    )
    done.delete_cookie(LOGIN_CSRF, path="/console")
    return done


@router.post("/logout")
def logout(request: Request, me: Me, csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    check_csrf(me, csrf)
    token = request.cookies.get(COOKIE, "")
    _console(request).server.write(accounts.logout, token, me.name)
    resp = RedirectResponse("/console/login", 303)
    resp.delete_cookie(COOKIE, path="/")
    return resp


@router.get("/", response_class=HTMLResponse)
def overview(
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
        data = queries.overview(conn, me.jurisdiction, p, today, n)
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
            "overdue": {"overdue": "1"},
            "supervised": {"supervised": "1", "status": "open"},
            "notices": {"noticed": "1"},
            "visits": {},
        }.get(key, {})
    )
    q.update(extra or {})
    return "/console/ledger?" + urlencode(q)


@router.get("/ledger", response_class=HTMLResponse)
def ledger(request: Request, me: Me, after: str = "", partial: str = "") -> Response:
    console = _console(request)
    args = dict(request.query_params)
    f = queries.Filter.from_query(args)
    today = _today()
    if f.child and not f.child.startswith(me.jurisdiction):
        raise HTTPException(404, "no such jurisdiction in your area")

    def read(conn: Any) -> dict[str, Any]:
        label, kids, _n = _scope_children(conn, me.jurisdiction)
        page = queries.ledger_page(conn, me.jurisdiction, f, today, after[:400])
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
    f = queries.Filter.from_query(dict(request.query_params))
    if f.child and not f.child.startswith(me.jurisdiction):
        raise HTTPException(404, "no such jurisdiction in your area")
    today = _today()
    title = console.server.read(lambda c: codes.label(c, me.jurisdiction)) + " 隐患台账"
    _audit(console, me, "export.ledger", filter=f.query())

    def rows() -> Iterator[bytes]:
        with console.server.engine.connect() as conn:
            yield from ledger_xlsx(
                queries.ledger_rows(conn, me.jurisdiction, f, today, EXPORT_COLUMNS),
                title,
                today,
            )

    filename = f"ledger-{me.jurisdiction}-{today.isoformat()}.xlsx"
    return StreamingResponse(
        rows(),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/site/{site_id}", response_class=HTMLResponse)
def site_page(request: Request, me: Me, site_id: str) -> Response:
    console = _console(request)

    def read(conn: Any) -> dict[str, Any] | None:
        site = queries.site(conn, me.jurisdiction, site_id)
        if site is None:
            return None
        hazards = queries.site_hazards(conn, me.jurisdiction, site_id)
        pics = [(h.id, p) for h in hazards[:200] for p in records.photos(conn, h.id)]
        return {
            "site": site,
            "jur": codes.label(conn, site.jurisdiction),
            "inspections": queries.site_inspections(conn, me.jurisdiction, site_id),
            "hazards": hazards,
            "notices": queries.site_notices(conn, me.jurisdiction, site_id),
            "photos": pics,
        }

    data = console.server.read(read)
    if data is None:
        raise HTTPException(404, "no such site in your area")
    return console.page(request, "site.html", me, today=_today(), **data)


@router.get("/hazard/{hazard_id}", response_class=HTMLResponse)
def hazard_page(request: Request, me: Me, hazard_id: str) -> Response:
    console = _console(request)

    def read(conn: Any) -> dict[str, Any] | None:
        h = queries.hazard(conn, me.jurisdiction, hazard_id)
        if h is None:
            return None
        evs = records.events(conn, hazard_id)
        who = records.people(conn, {e["actor_id"] for e in evs})
        return {
            "h": h,
            "jur": codes.label(conn, h.jurisdiction),
            "events": evs,
            "who": who,
            "photos": records.photos(conn, hazard_id),
            "signatures": records.checked_signatures(conn, "finding", hazard_id),
        }

    data = console.server.read(read)
    if data is None:
        raise HTTPException(404, "no such hazard in your area")
    return console.page(request, "hazard.html", me, today=_today(), **data)


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


def _thumbnail(src: Path | io.BytesIO, dest: Path) -> None:
    from PIL import Image, ImageOps

    dest.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(src) as im:
        small = ImageOps.exif_transpose(im).convert("RGB")
        small.thumbnail((320, 320))
        tmp = dest.with_suffix(".tmp")
        small.save(tmp, "JPEG", quality=80)
        tmp.replace(dest)


@router.get("/supervised", response_class=HTMLResponse)
def supervised(request: Request, me: Me) -> Response:
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
        now = queries.ranking(conn, me.jurisdiction, p, kids, n, weights, only)
        if c is not None:  # only the units with sites on the register take part
            now = [d for d in now if d["metrics"]["coverage"] is not None]
            for rank, d in enumerate(now, start=1):
                d["rank"] = rank
        before = (
            []
            if c is not None
            else queries.ranking(conn, me.jurisdiction, p.previous(), kids, n, weights)
        )
        return {"label": label, "rows": queries.with_movement(now, before)}

    return {
        "p": p,
        "kind": kind,
        "weights": weights,
        "date": at,
        "campaign": c,
        **console.server.read(read),
    }


@router.get("/ranking", response_class=HTMLResponse)
def ranking(
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
        *[queries.METRIC_ZH[k] for k in queries.DEFAULT_WEIGHTS],
        "综合指数",
        "升降",
    ]
    rows = [head]
    for d in data["rows"]:
        move = d["movement"]
        rows.append(
            [
                str(d["rank"]) + ("（后三位）" if d["bottom"] else ""),
                d["name"],
                *[_pct(d["metrics"][k]) for k in queries.DEFAULT_WEIGHTS],
                f"{d['index']:.1f}",
                "—"
                if move is None
                else (f"↑{move}" if move > 0 else f"↓{-move}" if move < 0 else "持平"),
            ]
        )
    return rows


def _daily(console: Console, me: Account, day: str) -> dict[str, Any]:
    try:
        d = date.fromisoformat(day) if day else _today() - timedelta(days=1)
    except ValueError:
        raise HTTPException(422, "day must be YYYY-MM-DD") from None

    def read(conn: Any) -> dict[str, Any]:
        label, kids, n = _scope_children(conn, me.jurisdiction)
        data = queries.daily(conn, me.jurisdiction, d, n)
        names = dict(kids)
        names.update(codes.names(conn, [k for k in data["day"] if k not in names]))
        return {"label": label, "names": names, **data}

    return {"d": d, **console.server.read(read)}


DAILY_KEYS = (
    ("visits", "检查单位家次"),
    ("found", "新发现隐患"),
    ("major", "新发现重大隐患"),
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
def daily(request: Request, me: Me, day: str = "") -> Response:
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


@router.get("/codes", response_class=HTMLResponse)
def codes_page(request: Request, me: Me, done: str = "") -> Response:
    console = _console(request)
    if me.role is not ConsoleRole.ADMIN:
        raise HTTPException(403, "only an admin account manages the code table")
    kids = console.server.read(lambda c: codes.children(c, me.jurisdiction))
    return console.page(request, "codes.html", me, kids=kids, done=done[:20])


@router.post("/codes")
async def codes_import(request: Request, me: Me) -> Response:
    console = _console(request)
    if me.role is not ConsoleRole.ADMIN:
        raise HTTPException(403, "only an admin account manages the code table")
    form = await request.form()
    check_csrf(me, str(form.get("csrf", "")))
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise HTTPException(422, "choose a CSV file")
    text = (await upload.read()).decode("utf-8-sig", errors="replace")
    try:
        rows = codes.parse_csv(text)
    except Exception as exc:
        raise HTTPException(422, str(exc)) from None
    outside = [
        r["code"]
        for r in rows
        if not r["code"].startswith(me.jurisdiction) and not me.jurisdiction.startswith(r["code"])
    ]
    if outside:
        raise HTTPException(403, f"codes outside your area: {', '.join(outside[:5])}")

    def write(conn: Any) -> int:
        n = codes.import_rows(conn, rows)
        accounts.audit(conn, me.name, "codes.import", me.jurisdiction, rows=n)
        return n

    n = console.server.write(write)
    return RedirectResponse(f"/console/codes?done={n}", 303)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, me: Me) -> Response:
    console = _console(request)
    if me.role is not ConsoleRole.ADMIN:
        raise HTTPException(403, "only an admin account reads the audit")
    from sqlalchemy import select

    rows = console.server.read(
        lambda c: c.execute(select(accounts.A).order_by(accounts.A.c.seq.desc()).limit(500)).all()
    )
    return console.page(request, "audit.html", me, rows=rows)


_ = io
