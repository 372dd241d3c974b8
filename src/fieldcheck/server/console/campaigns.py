# SPDX-License-Identifier: Apache-2.0
"""专项行动: campaigns over a register of sites (their coverage and figures: ``campaign_coverage``).

A campaign belongs to the area of the account that set it. An account sees the
campaigns of its own area, of the areas inside it and of the areas above it (a
township sees the county's campaign), never a sibling's; and it sees only the part of
the register inside its own area. Every function here takes the account's scope first.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.ids import new_id
from fieldcheck.server.console import campaign_figures
from fieldcheck.server.console.queries import inside, site_values
from fieldcheck.server.console.tables import SITE, CampaignRow, CampaignSiteRow
from fieldcheck.server.tables import table_of

CP = table_of(CampaignRow)
CS = table_of(CampaignSiteRow)

MAX_NAME = 100
MAX_SITES = 200_000  # one campaign's register
MAX_XLSX_BYTES = 5 * 1024 * 1024
MAX_DAYS = 366


class CampaignError(FieldcheckError):
    """A campaign form or register that cannot be taken; the message says what and where."""


@dataclass(frozen=True)
class Draft:
    """What the create form gives, before it is checked."""

    name: str
    starts_on: str
    ends_on: str
    industries: list[str]
    kinds: list[str]
    checklists: list[dict[str, str]]
    source: str  # register / xlsx


def _visible(scope: str) -> ColumnElement[bool]:
    """Campaigns of this area, of areas inside it, and of the areas above it."""
    above = [scope[:n] for n in range(1, len(scope))]
    return or_(inside(CP.c.jurisdiction, scope), CP.c.jurisdiction.in_(above or [""]))


def visible(conn: Connection, scope: str) -> list[Any]:
    return list(
        conn.execute(
            select(CP).where(_visible(scope)).order_by(CP.c.starts_on.desc(), CP.c.id).limit(500)
        )
    )


def get(conn: Connection, scope: str, campaign_id: str) -> Any | None:
    return conn.execute(select(CP).where(CP.c.id == campaign_id, _visible(scope))).first()


def kinds_of_place(conn: Connection, scope: str) -> list[str]:
    return site_values(conn, scope, "kind_of_place")


def _period(draft: Draft) -> tuple[date, date]:
    try:
        start = date.fromisoformat(draft.starts_on)
        end = date.fromisoformat(draft.ends_on)
    except ValueError:
        raise CampaignError("起止日期须为 YYYY-MM-DD（period: dates as YYYY-MM-DD）") from None
    if end < start:
        raise CampaignError("结束日期早于开始日期（period: the end is before the start）")
    if (end - start).days >= MAX_DAYS:
        raise CampaignError(f"期限不超过 {MAX_DAYS} 天（period: at most {MAX_DAYS} days）")
    return start, end


def _matched(conn: Connection, scope: str, industries: list[str], kinds: list[str]) -> list[Any]:
    where = [inside(SITE.c.jurisdiction, scope), SITE.c.kept_id.is_(None)]
    if industries:
        where.append(SITE.c.industry.in_(industries))
    if kinds:
        where.append(SITE.c.kind_of_place.in_(kinds))
    stmt = select(SITE.c.id, SITE.c.jurisdiction).where(*where).limit(MAX_SITES + 1)
    return list(conn.execute(stmt))


def read_register_xlsx(data: bytes) -> list[tuple[int, str, str]]:
    """(row number, 统一社会信用代码, 单位名称) of each filled row of the first sheet."""
    from openpyxl import load_workbook

    if len(data) > MAX_XLSX_BYTES:
        raise CampaignError(f"xlsx 文件超过 {MAX_XLSX_BYTES // 1024 // 1024} MB（file too large）")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise CampaignError("不是可读的 xlsx 文件（the file is not a readable .xlsx）") from None
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        head = [str(v or "").strip() for v in next(rows, ())]
        code_col = _column(head, ("统一社会信用代码", "信用代码", "uscc"))
        name_col = _column(head, ("单位名称", "企业名称", "名称", "name"))
        if code_col is None and name_col is None:
            raise CampaignError(
                "第 1 行须有“统一社会信用代码”或“单位名称”列"
                "（row 1 must name a 统一社会信用代码 or 单位名称 column）"
            )
        out: list[tuple[int, str, str]] = []
        for n, row in enumerate(rows, start=2):
            code = _cell(row, code_col).upper()
            name = _cell(row, name_col)
            if code or name:
                out.append((n, code, name))
            if len(out) > MAX_SITES:
                raise CampaignError(f"名单超过 {MAX_SITES} 家（more than {MAX_SITES} sites）")
        return out
    finally:
        wb.close()


def _column(head: list[str], names: tuple[str, ...]) -> int | None:
    for i, h in enumerate(head):
        if h.lower() in names:
            return i
    return None


def _cell(row: tuple[Any, ...], col: int | None) -> str:
    if col is None or col >= len(row) or row[col] is None:
        return ""
    return str(row[col]).strip()[:200]


def match_xlsx(
    conn: Connection, scope: str, rows: list[tuple[int, str, str]]
) -> list[tuple[str, str]]:
    """The register's (site id, jurisdiction) for each row, by credit code then exact name;
    every row that matches no site of the area (or more than one by name) is named."""
    codes = {c for _n, c, _name in rows if c}
    names = {name for _n, c, name in rows if name and not c}
    by_code: dict[str, tuple[str, str]] = {}
    by_name: dict[str, list[tuple[str, str]]] = {}
    for chunk in _chunks(sorted(codes)):
        for r in conn.execute(
            select(SITE.c.id, SITE.c.jurisdiction, SITE.c.uscc).where(
                inside(SITE.c.jurisdiction, scope),
                SITE.c.uscc.in_(chunk),
                SITE.c.kept_id.is_(None),
            )
        ):
            by_code[r.uscc] = (r.id, r.jurisdiction)
    for chunk in _chunks(sorted(names)):
        for r in conn.execute(
            select(SITE.c.id, SITE.c.jurisdiction, SITE.c.name).where(
                inside(SITE.c.jurisdiction, scope),
                SITE.c.name.in_(chunk),
                SITE.c.kept_id.is_(None),
            )
        ):
            by_name.setdefault(r.name, []).append((r.id, r.jurisdiction))
    out: list[tuple[str, str]] = []
    problems: list[str] = []
    for n, code, name in rows:
        if code:
            hit = by_code.get(code)
            if hit is None:
                problems.append(f"第 {n} 行：本辖区无信用代码 {code} 的单位")
            else:
                out.append(hit)
        else:
            hits = by_name.get(name, [])
            if len(hits) == 1:
                out.append(hits[0])
            elif not hits:
                problems.append(f"第 {n} 行：本辖区无名为“{name}”的单位")
            else:
                problems.append(f"第 {n} 行：名为“{name}”的单位有 {len(hits)} 家，请填信用代码")
    if problems:
        more = f"（另有 {len(problems) - 10} 行）" if len(problems) > 10 else ""
        raise CampaignError(
            "名单未导入，以下行对不上单位库（nothing imported; these rows match no site "
            "of your area）：" + "；".join(problems[:10]) + more
        )
    if not out:
        raise CampaignError("名单为空（the register has no rows）")
    return out


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def create(
    conn: Connection,
    scope: str,
    actor: str,
    draft: Draft,
    xlsx_rows: list[tuple[int, str, str]] | None = None,
) -> str:
    """Check the draft, build its register and store the campaign; returns its id."""
    name = " ".join(draft.name.split())
    if not name or len(name) > MAX_NAME:
        raise CampaignError(f"名称须为 1—{MAX_NAME} 个字（name: 1-{MAX_NAME} characters）")
    start, end = _period(draft)
    if draft.source == "xlsx":
        if xlsx_rows is None:
            raise CampaignError("请选择名单 xlsx 文件（choose the register's .xlsx file）")
        sites = match_xlsx(conn, scope, xlsx_rows)
    elif draft.source == "register":
        if not draft.industries and not draft.kinds:
            raise CampaignError(
                "请至少选择一个行业或场所类型（choose at least one sector or kind of place）"
            )
        sites = [
            (r.id, r.jurisdiction) for r in _matched(conn, scope, draft.industries, draft.kinds)
        ]
        if not sites:
            raise CampaignError(
                "单位库中没有符合所选行业和场所类型的单位（no registered site matches）"
            )
    else:
        raise CampaignError("名单来源须为单位库或 xlsx（source: register or xlsx）")
    if len(sites) > MAX_SITES:
        raise CampaignError(f"名单超过 {MAX_SITES} 家（more than {MAX_SITES} sites）")
    cid = new_id()
    conn.execute(
        CP.insert().values(
            id=cid,
            name=name,
            jurisdiction=scope,
            starts_on=start,
            ends_on=end,
            industries_json=json.dumps(draft.industries, ensure_ascii=False),
            kinds_json=json.dumps(draft.kinds, ensure_ascii=False),
            checklists_json=json.dumps(draft.checklists, ensure_ascii=False),
            source=draft.source,
            created_by=actor,
            created_at=clock.now(),
        )
    )
    unique = dict(sites)
    rows = [{"campaign_id": cid, "site_id": s, "jurisdiction": j} for s, j in unique.items()]
    for i in range(0, len(rows), 5000):
        conn.execute(CS.insert(), rows[i : i + 5000])
    campaign_figures.refresh_campaign(conn, cid)
    return cid


def register_sites(campaign_id: str) -> Any:
    """The register's site ids as a subquery (for the ranking limited to one campaign)."""
    return select(CS.c.site_id).where(CS.c.campaign_id == campaign_id)


def described(campaign: Any) -> dict[str, Any]:
    """The stored lists, decoded, for the pages."""
    return {
        "industries": json.loads(campaign.industries_json),
        "kinds": json.loads(campaign.kinds_json),
        "checklists": json.loads(campaign.checklists_json),
    }


def for_device(conn: Connection, jurisdiction: str, today: date) -> list[dict[str, Any]]:
    """The campaigns not yet ended that reach a device's area, each with the register's
    sites inside that area (a campaign of an area above it, of its own, or inside it)."""
    out: list[dict[str, Any]] = []
    for c in conn.execute(
        select(CP)
        .where(_visible(jurisdiction), CP.c.ends_on >= today)
        .order_by(CP.c.starts_on, CP.c.id)
        .limit(100)
    ):
        ids = [
            r.site_id
            for r in conn.execute(
                select(CS.c.site_id)
                .where(CS.c.campaign_id == c.id, inside(CS.c.jurisdiction, jurisdiction))
                .order_by(CS.c.site_id)
                .limit(MAX_SITES)
            )
        ]
        if ids:
            out.append({**_public(c), "site_ids": ids})
    return out


def _public(c: Any) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "jurisdiction": c.jurisdiction,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        **described(c),
    }
