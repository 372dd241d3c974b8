# SPDX-License-Identifier: Apache-2.0
"""督办 / 挂牌督办 with a responsible leader (领导责任), and 分级销号 approvals (signed in
``approvals``).

An escalation is made by a township, county or city account at its own level: the
level is the account's role and ``level_code`` its jurisdiction. A major hazard under a
挂牌督办 closes (销号) on the device only with the signed approval of that level: an
account whose role is the level and whose jurisdiction is ``level_code``.

The approval is signed with a server-side key per console account (see
docs/console.md): made at the account's first approval, its private half sealed with a
secret derived from the server key, its public half certified by the server key the
devices already pin. A device checks the certificate against its pinned server key and
the approval against the certified key, so a row altered on the server, or an approval
with a certificate of another level, is refused by the device too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.engine import Connection

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.ids import new_id
from fieldcheck.server.console.queries import inside
from fieldcheck.server.console.tables import HZ
from fieldcheck.server.console.task_tables import ApprovalRow, EscalationRow
from fieldcheck.server.console.tasks import T, status
from fieldcheck.server.tables import table_of

E = table_of(EscalationRow)
AP = table_of(ApprovalRow)

LEVELS = ("township", "county", "city")
LEVEL_ZH = {"township": "乡镇（街道）", "county": "县（区）", "city": "市"}
KINDS = {"supervise": "督办", "listed": "挂牌督办"}
MAX_TEXT = 100
MAX_LIST = 500


class EscalationError(FieldcheckError):
    """An escalation or approval that cannot be made; the message says what and why."""


class NotYourLevel(EscalationError):
    """The account is not of the level that must approve."""


def escalate(
    conn: Connection,
    scope: str,
    actor: str,
    role: str,
    *,
    target_kind: str,
    target_id: str,
    kind: str,
    leader: str,
    leader_post: str = "",
    note: str = "",
) -> str:
    """督办 or 挂牌督办 an overdue task or an open hazard of the area, at the account's level."""
    if role not in LEVELS:
        raise EscalationError("只有乡镇、县、市账号可以督办（only township, county or city）")
    if kind not in KINDS:
        raise EscalationError("督办方式须为督办或挂牌督办（kind: supervise or listed）")
    leader = " ".join(leader.split())
    if not leader or len(leader) > MAX_TEXT:
        raise EscalationError("请填写责任领导姓名（leader: 1-100 characters）")
    if target_kind == "task":
        task = conn.execute(
            select(T).where(
                T.c.id == target_id,
                or_(inside(T.c.jurisdiction, scope), inside(T.c.grid, scope)),
            )
        ).first()
        if task is None:
            raise EscalationError("本辖区没有这项任务（no such task in your area）")
        if status(task, clock.today()) != "overdue":
            raise EscalationError("只有逾期未完成的任务可以督办（only an overdue task）")
        hazard_id, where = task.hazard_id, task.grid
    elif target_kind == "hazard":
        hz = conn.execute(
            select(HZ.c.id, HZ.c.open, HZ.c.jurisdiction).where(
                HZ.c.id == target_id, inside(HZ.c.jurisdiction, scope), HZ.c.superseded.is_(False)
            )
        ).first()
        if hz is None:
            raise EscalationError("本辖区没有这条隐患（no such hazard in your area）")
        if not hz.open:
            raise EscalationError("隐患已验收或销号，无需督办（the hazard is already closed）")
        hazard_id, where = hz.id, hz.jurisdiction
    else:
        raise EscalationError("督办对象须为任务或隐患（target: task or hazard）")
    same = conn.execute(
        select(E.c.id).where(
            E.c.target_kind == target_kind,
            E.c.target_id == target_id,
            E.c.level == role,
            E.c.kind == kind,
            E.c.lifted_at.is_(None),
        )
    ).first()
    if same is not None:
        raise EscalationError("本级已对它作出同样的督办（already escalated at your level）")
    eid = new_id()
    conn.execute(
        E.insert().values(
            id=eid,
            target_kind=target_kind,
            target_id=target_id,
            hazard_id=hazard_id,
            kind=kind,
            level=role,
            level_code=scope,
            leader=leader,
            leader_post=" ".join(leader_post.split())[:MAX_TEXT],
            jurisdiction=where,
            note=note.strip()[:500],
            created_by=actor,
            created_at=clock.now(),
        )
    )
    return eid


def leaders(conn: Connection, scope: str, limit: int = MAX_LIST) -> list[Any]:
    """领导责任: the area's escalations in force, with what each covers, newest first."""
    return list(
        conn.execute(
            select(E)
            .where(inside(E.c.jurisdiction, scope), E.c.lifted_at.is_(None))
            .order_by(E.c.created_at.desc(), E.c.id)
            .limit(limit)
        )
    )


def of_targets(conn: Connection, kind: str, ids: list[str]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for i in range(0, len(ids), 500):
        for r in conn.execute(
            select(E)
            .where(E.c.target_kind == kind, E.c.target_id.in_(ids[i : i + 500]))
            .where(E.c.lifted_at.is_(None))
            .order_by(E.c.created_at)
        ):
            out.setdefault(r.target_id, []).append(r)
    return out


def of_hazard(conn: Connection, hazard_id: str) -> list[Any]:
    """Every escalation in force concerning a hazard (its own and its tasks')."""
    return list(
        conn.execute(
            select(E)
            .where(E.c.hazard_id == hazard_id, E.c.lifted_at.is_(None))
            .order_by(E.c.created_at)
        )
    )


def approvals(conn: Connection, hazard_id: str) -> list[Any]:
    return list(
        conn.execute(select(AP).where(AP.c.hazard_id == hazard_id).order_by(AP.c.approved_at))
    )


# ---- devices


def for_device(
    conn: Connection, jurisdiction: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(escalations, approvals) in force for the hazards and tasks of a device's area."""
    escs = list(
        conn.execute(
            select(E)
            .where(
                inside(E.c.jurisdiction, jurisdiction),
                E.c.lifted_at.is_(None),
            )
            .order_by(E.c.created_at)
            .limit(2000)
        )
    )
    hazard_ids = sorted({e.hazard_id for e in escs if e.hazard_id})
    aps: list[Any] = []
    for i in range(0, len(hazard_ids), 500):
        aps += conn.execute(select(AP).where(AP.c.hazard_id.in_(hazard_ids[i : i + 500])))
    return (
        [
            {
                "id": e.id,
                "target_kind": e.target_kind,
                "target_id": e.target_id,
                "hazard_id": e.hazard_id,
                "kind": e.kind,
                "level": e.level,
                "level_code": e.level_code,
                "leader": e.leader,
                "leader_post": e.leader_post,
                "created_at": e.created_at,
            }
            for e in escs
        ],
        [
            {
                "id": a.id,
                "hazard_id": a.hazard_id,
                "escalation_id": a.escalation_id,
                "payload": a.payload_json,
                "signature_b64": a.signature,
                "certificate": a.certificate_json,
            }
            for a in aps
        ],
    )
