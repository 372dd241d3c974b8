# SPDX-License-Identifier: Apache-2.0
"""督办 / 挂牌督办 with a responsible leader (领导责任), and 分级销号 approvals.

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

import base64
import hashlib
import json
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import or_, select
from sqlalchemy.engine import Connection

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.ids import new_id
from fieldcheck.server.console.queries import inside
from fieldcheck.server.console.tables import HZ
from fieldcheck.server.console.task_tables import AccountKeyRow, ApprovalRow, EscalationRow
from fieldcheck.server.console.tasks import T, status
from fieldcheck.signing import keys, signatures
from fieldcheck.signing.approval import canonical

E = EscalationRow.__table__  # type: ignore[attr-defined]
AP = ApprovalRow.__table__  # type: ignore[attr-defined]
AK = AccountKeyRow.__table__  # type: ignore[attr-defined]

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


# ---- the account's key


def _seal_secret(server_key: Ed25519PrivateKey) -> str:
    raw = server_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return hashlib.sha256(b"fieldcheck console account key\0" + raw).hexdigest()


def certificate(
    server_key: Ed25519PrivateKey, key_id: str, account: Any, public_b64: str, at: datetime
) -> dict[str, Any]:
    body = {
        "key_id": key_id,
        "account": account.name,
        "role": str(account.role),
        "jurisdiction": account.jurisdiction,
        "public_key_b64": public_b64,
        "server_key_b64": keys.public_b64(server_key),
        "issued_at": at.isoformat(),
    }
    return {**body, "signature_b64": signatures.sign(server_key, canonical(body))}


def account_key(
    conn: Connection, server_key: Ed25519PrivateKey, account: Any
) -> tuple[str, Ed25519PrivateKey, dict[str, Any]]:
    """(key id, private key, certificate) of the account, made at its first use."""
    row = conn.execute(
        select(AK).where(AK.c.account == account.name).order_by(AK.c.created_at.desc())
    ).first()
    if row is not None:
        cert = json.loads(row.certificate_json)
        if (
            cert.get("role") == str(account.role)
            and cert.get("jurisdiction") == account.jurisdiction
        ):
            blob = base64.b64decode(row.private_key)
            return row.id, keys.unseal(blob, _seal_secret(server_key), key_id=row.id), cert
    key = keys.generate()
    kid = new_id()
    now = clock.now()
    cert = certificate(server_key, kid, account, keys.public_b64(key), now)
    sealed = keys.seal(key, _seal_secret(server_key), key_id=kid)
    conn.execute(
        AK.insert().values(
            id=kid,
            account=account.name,
            public_key=keys.public_b64(key),
            private_key=base64.b64encode(sealed).decode(),
            certificate_json=json.dumps(cert, ensure_ascii=False),
            created_at=now,
        )
    )
    return kid, key, cert


def waiting(conn: Connection, hazard_id: str) -> list[Any]:
    """The 挂牌督办 escalations of a major hazard whose level has not yet approved its 销号."""
    done = {r.escalation_id for r in approvals(conn, hazard_id)}
    return [e for e in of_hazard(conn, hazard_id) if e.kind == "listed" and e.id not in done]


def approve(
    conn: Connection, server_key: Ed25519PrivateKey, account: Any, hazard_id: str, note: str = ""
) -> str:
    """The account's level approves the 销号 of a major hazard under its 挂牌督办."""
    hz = conn.execute(
        select(HZ.c.id, HZ.c.level, HZ.c.status, HZ.c.jurisdiction).where(
            HZ.c.id == hazard_id,
            inside(HZ.c.jurisdiction, account.jurisdiction),
            HZ.c.superseded.is_(False),
        )
    ).first()
    if hz is None:
        raise EscalationError("本辖区没有这条隐患（no such hazard in your area）")
    if hz.level != "major":
        raise EscalationError(
            "一般隐患由检查人员在终端销号，无需审批（general hazards close on the device）"
        )
    mine = [
        e
        for e in waiting(conn, hazard_id)
        if e.level == str(account.role) and e.level_code == account.jurisdiction
    ]
    if not mine:
        if waiting(conn, hazard_id):
            raise NotYourLevel(
                "这条隐患的挂牌督办不在本级，须由挂牌的那一级审批销号"
                "（the approval belongs to the level that listed it）"
            )
        raise EscalationError("这条隐患没有待本级审批的挂牌督办（nothing waits for your approval）")
    esc = mine[0]
    kid, key, cert = account_key(conn, server_key, account)
    now = clock.now()
    aid = new_id()
    payload = {
        "approval_id": aid,
        "hazard_id": hazard_id,
        "escalation_id": esc.id,
        "purpose": "close_approval",
        "level": esc.level,
        "level_code": esc.level_code,
        "approver": account.name,
        "role": str(account.role),
        "key_id": kid,
        "approved_at": now.isoformat(),
        "note": note.strip()[:200],
    }
    text = canonical(payload)
    conn.execute(
        AP.insert().values(
            id=aid,
            hazard_id=hazard_id,
            escalation_id=esc.id,
            level=esc.level,
            level_code=esc.level_code,
            jurisdiction=hz.jurisdiction,
            approver=account.name,
            approver_role=str(account.role),
            approved_at=now,
            payload_json=text.decode(),
            signature=signatures.sign(key, text),
            key_id=kid,
            certificate_json=json.dumps(cert, ensure_ascii=False),
        )
    )
    return aid


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
