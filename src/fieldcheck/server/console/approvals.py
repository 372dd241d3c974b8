# SPDX-License-Identifier: Apache-2.0
"""分级销号: a level's signed approval of closing a major hazard under its 挂牌督办, and
the per-account key it is signed with (see ``escalations`` and docs/console.md).
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.engine import Connection

from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.server.console.escalations import (
    AP,
    EscalationError,
    NotYourLevel,
    approvals,
    of_hazard,
)
from fieldcheck.server.console.queries import inside
from fieldcheck.server.console.tables import HZ
from fieldcheck.server.console.task_tables import AccountKeyRow
from fieldcheck.server.tables import table_of
from fieldcheck.signing import keys, signatures
from fieldcheck.signing.approval import canonical

AK = table_of(AccountKeyRow)


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
