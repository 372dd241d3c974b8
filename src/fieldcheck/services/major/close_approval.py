# SPDX-License-Identifier: Apache-2.0
"""分级销号 on the device: which 挂牌督办 listings a major hazard's 销号 still waits for.

The escalations and the signed approvals come with the tasks at each sync
(services/inspections/tasks.py). An approval counts only when it verifies on this
device (``signing.approval.verify_approval``: the certificate under the server key
pinned at login, the statement under the certified account key, the statement's level
and area the certificate's) and when core says it covers the listing
(``core.major.approval_covers``: this hazard, this listing, its level and area). A
payload changed after signing, a certificate of another server, or an approver of
another level: refused, and 销号 keeps waiting.
"""

from __future__ import annotations

from typing import Any

from fieldcheck.core.major import ESCALATION_ZH, LEVEL_ZH, close_waits
from fieldcheck.core.models import Finding
from fieldcheck.core.tasks import Escalation
from fieldcheck.services.context import AppContext
from fieldcheck.signing.approval import verify_approval
from fieldcheck.storage import task_repo, trust_repo
from fieldcheck.storage.db import Session


def verified_statements(s: Session, hazard_id: str) -> list[dict[str, Any]]:
    """The approvals kept for the hazard that verify against the pinned server key."""
    pinned = trust_repo.pinned_server_key(s)
    out = []
    for a in task_repo.approvals(s, hazard_id):
        stated = verify_approval(a.payload, a.signature_b64, a.certificate, pinned)
        if stated is not None and stated.get("escalation_id") == a.escalation_id:
            out.append(stated)
    return out


def of_hazard(s: Session, hazard_id: str) -> list[Escalation]:
    """The escalations in force concerning the hazard (its own and its tasks')."""
    return [e for e in task_repo.escalations(s) if e.hazard_id == hazard_id]


def waits_in(s: Session, finding: Finding) -> list[Escalation]:
    """The listings whose approval the finding's 销号 waits for (none for a general one)."""
    if str(finding.level) != "major":
        return []
    return close_waits(
        str(finding.level), finding.id, of_hazard(s, finding.id), verified_statements(s, finding.id)
    )


def waits(ctx: AppContext, finding: Finding) -> list[Escalation]:
    with ctx.db.read() as s:
        return waits_in(s, finding)


def escalations(ctx: AppContext, hazard_id: str) -> list[Escalation]:
    with ctx.db.read() as s:
        return of_hazard(s, hazard_id)


def escalations_text(items: list[Escalation]) -> str:
    """县（区）挂牌督办，责任领导：王副区长（副区长）: one per escalation, for documents."""
    parts = []
    for e in items:
        post = f"（{e.leader_post}）" if e.leader_post else ""
        kind = ESCALATION_ZH.get(e.kind, e.kind)
        parts.append(f"{LEVEL_ZH.get(e.level, e.level)}{kind}，责任领导：{e.leader}{post}")
    return "；".join(parts)
