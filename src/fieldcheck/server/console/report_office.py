# SPDX-License-Identifier: Apache-2.0
"""随手拍 in the office: the inbox of a township and the levels above it, and what the
office does with a report: reject it (with a reason), merge it into a hazard it already
holds, or 转办 it to a grid as a task. The public side is ``reports``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from fieldcheck.core import clock
from fieldcheck.server.console import tasks
from fieldcheck.server.console.ledger import Filter, ledger_select
from fieldcheck.server.console.queries import inside
from fieldcheck.server.console.reports import R, ReportError, photos
from fieldcheck.server.console.tables import HZ

MAX_REASON = 500
MAX_CANDIDATES = 20  # hazards offered to merge into
INBOX_ZH = {"new": "待处理", "assigned": "已转办", "merged": "已并案", "rejected": "已退回"}


def inbox(conn: Connection, scope: str, state: str = "new", limit: int = 200) -> list[Any]:
    where = [inside(R.c.jurisdiction, scope)]
    if state in INBOX_ZH:
        where.append(R.c.status == state)
    stmt = select(R).where(*where).order_by(R.c.created_at.desc(), R.c.id).limit(limit)
    return list(conn.execute(stmt))


def get(conn: Connection, scope: str, report_id: str) -> Any | None:
    return conn.execute(
        select(R).where(R.c.id == report_id, inside(R.c.jurisdiction, scope))
    ).first()


def _open(conn: Connection, scope: str, report_id: str) -> Any:
    r = get(conn, scope, report_id)
    if r is None:
        raise ReportError("本辖区没有这条举报（report: not in your area）")
    if r.status != "new":
        raise ReportError(f"这条举报已{INBOX_ZH[r.status]}（report: already handled）")
    return r


def _handled(conn: Connection, rid: str, actor: str, **values: Any) -> None:
    conn.execute(
        R.update()
        .where(R.c.id == rid, R.c.status == "new")
        .values(handled_by=actor, handled_at=clock.now(), **values)
    )


def reject(conn: Connection, scope: str, actor: str, report_id: str, reason: str) -> None:
    r = _open(conn, scope, report_id)
    reason = reason.strip()
    if not reason:
        raise ReportError("请填写退回理由（reason: required）")
    if len(reason) > MAX_REASON:
        raise ReportError(f"理由不超过 {MAX_REASON} 字（reason: at most {MAX_REASON}）")
    _handled(conn, r.id, actor, status="rejected", reason=reason)


def merge(conn: Connection, scope: str, actor: str, report_id: str, hazard_id: str) -> None:
    r = _open(conn, scope, report_id)
    hz = conn.execute(
        select(HZ.c.id).where(
            HZ.c.id == hazard_id.strip(),
            inside(HZ.c.jurisdiction, scope),
            HZ.c.superseded.is_(False),
        )
    ).first()
    if hz is None:
        raise ReportError("本辖区没有这条隐患（hazard: not a hazard of your area）")
    _handled(conn, r.id, actor, status="merged", hazard_id=hz.id)


def candidates(conn: Connection, scope: str, report: Any, q: str = "") -> list[Any]:
    """Hazards the office may merge a report into: with no search, the open hazards of the
    report's township, newest first; a search (site, place or description) looks through
    every hazard of the office's own area."""
    q = q.strip()[:100]
    f = Filter(q=q) if q else Filter(status="open", child=report.jurisdiction)
    stmt = ledger_select(scope, f, clock.today(), conn.dialect.name).limit(MAX_CANDIDATES)
    return list(conn.execute(stmt))


def assign(
    conn: Connection,
    scope: str,
    actor: str,
    report_id: str,
    *,
    grid: str,
    deadline: str,
    note: str = "",
    site_id: str = "",
) -> str:
    """转办: an inspect task to the grid with the report's place and photos; the task id."""
    r = _open(conn, scope, report_id)
    if not grid.startswith(r.jurisdiction) and not r.jurisdiction.startswith(grid):
        raise ReportError("所选网格不在举报所在乡镇（grid: not of the report's township）")
    text = note.strip() or r.description
    try:
        tid = tasks.assign_task(
            conn,
            scope,
            actor,
            kind="inspect",
            deadline=deadline,
            site_id=site_id,
            grid=grid,
            note=f"随手拍 {text}"[: tasks.MAX_NOTE],
            place=r.address,
            source="report",
            source_ref=r.id,
            photos=[p["sha256"] for p in photos(r)],
        )
    except tasks.TaskError as exc:
        raise ReportError(str(exc)) from exc
    _handled(conn, r.id, actor, status="assigned", task_id=tid)
    return tid


def counts(conn: Connection, scope: str) -> dict[str, int]:
    rows = conn.execute(
        select(R.c.status, func.count()).where(inside(R.c.jurisdiction, scope)).group_by(R.c.status)
    )
    return {s: n for s, n in rows}


def _china(at: datetime) -> str:
    """An instant (naive: UTC, as the database keeps it) in China's time, to the minute."""
    return (
        (at if at.tzinfo else at.replace(tzinfo=UTC))
        .astimezone(clock.CHINA_TZ)
        .strftime("%Y-%m-%d %H:%M")
    )


def photo_captions(report: Any) -> list[dict[str, Any]]:
    """Each photo of a report as the office reads it: 照片 1/3, then when it was taken
    (the camera's EXIF time, in China's time when the camera recorded its offset, else as
    the camera's clock said it) or, with no such time, when the report was received. The
    SHA-256 stays with it (the photo's address and its link title), not as the caption."""
    shown = photos(report)
    out = []
    for n, p in enumerate(shown, start=1):
        when = f"收到 {_china(report.created_at)}"
        if p.get("taken"):
            taken = datetime.fromisoformat(p["taken"])
            when = (
                f"拍摄 {_china(taken)}"
                if taken.tzinfo
                else f"拍摄 {taken:%Y-%m-%d %H:%M}（相机时钟）"
            )
        out.append({**p, "caption": f"照片 {n}/{len(shown)} · {when}"})
    return out
