# SPDX-License-Identifier: Apache-2.0
"""The demo's 分级销号 waiting: a confirmed major hazard the county listed (挂牌督办) while
it was open, then rectified and verified on the device; its 销号 waits for the county's
approval (console/leaders, the hazard page). The real way: the escalation by the
console's service, the device's events through ``ingest.apply_push``, then projected."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.server.console import escalations, project
from fieldcheck.server.console.tables import HZ
from fieldcheck.server.ingest import apply_push
from fieldcheck.sync.protocol import PushRequest, content_sha256

COUNTY_LEN = 6  # GB/T 2260: 410105 金水区
LISTED = {
    "kind": "listed",
    "leader": "王建国（演示）",
    "leader_post": "副区长",
    "note": "演示：挂牌督办，整改验收后由区级审批销号",
}


def seed_waiting(engine: Engine, device: Any, actor_id: str) -> int:
    """List one open confirmed major hazard at its county and verify it; 1, or 0 if the
    demo has none open."""
    project.catch_up(engine)
    with engine.begin() as conn:
        hz = conn.execute(
            select(HZ.c.id, HZ.c.status, HZ.c.jurisdiction)
            .where(
                HZ.c.level == "major",
                HZ.c.major_status == "confirmed",
                HZ.c.open.is_(True),
                HZ.c.superseded.is_(False),
            )
            .order_by(HZ.c.found_on.desc(), HZ.c.id)
            .limit(1)
        ).first()
        if hz is None:
            return 0
        escalations.escalate(
            conn,
            hz.jurisdiction[:COUNTY_LEN],
            "演示",
            "county",
            target_kind="hazard",
            target_id=hz.id,
            **LISTED,
        )
    now = clock.now()
    steps = [("verify_pass", "rectifying", "verified")]
    if hz.status != "rectifying":
        steps.insert(0, ("report_rectification", hz.status, "rectifying"))
    changes = []
    for i, (action, frm, to) in enumerate(steps):
        content = {
            "id": new_id(),
            "finding_id": hz.id,
            "action": action,
            "from_status": frm,
            "to_status": to,
            "actor_id": actor_id,
            "at": (now - timedelta(minutes=len(steps) - i)).isoformat(),
        }
        changes.append(
            {
                "entity": "finding_event",
                "entity_id": content["id"],
                "content": content,
                "sha256": content_sha256(content),
            }
        )
    body = PushRequest.model_validate({"batch_id": new_id(), "changes": changes})
    with engine.begin() as conn:
        apply_push(conn, device, body)
    project.catch_up(engine)
    return 1
