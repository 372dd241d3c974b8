# SPDX-License-Identifier: Apache-2.0
"""The document settings a unit sets once (`notice setup`): number prefix, the body a
hazard is escalated to, the bodies and court named for an appeal. Kept in the database."""

from __future__ import annotations

from fieldcheck.core.errors import InvalidValueError
from fieldcheck.services.context import AppContext
from fieldcheck.storage import audit, notice_repo

SETTING_KEYS = (
    "prefix",
    "escalate_to",
    "appeal_government",
    "appeal_department",
    "appeal_court",
)


def current(ctx: AppContext) -> dict[str, str]:
    """The document settings as set now (a key never set is absent)."""
    with ctx.db.read() as s:
        return notice_repo.settings(s)


def configure(ctx: AppContext, values: dict[str, str], *, actor_id: str) -> dict[str, str]:
    """Set document settings (number prefix, escalation body, review bodies, court)."""
    unknown = set(values) - set(SETTING_KEYS)
    if unknown:
        raise InvalidValueError(", ".join(sorted(unknown)), None, "not a document setting")
    with ctx.db.transaction() as s:
        for key, value in values.items():
            notice_repo.set_setting(s, key, value.strip())
        audit.append(
            s,
            actor_id=actor_id,
            action="notice.settings",
            entity="meta",
            entity_id="notice",
            payload=values,
        )
        return notice_repo.settings(s)


# Demo settings for 郑州市金水区; a real unit sets its own with `notice setup`.
DEMO_SETTINGS = {
    "prefix": "金水",
    "escalate_to": "郑州市金水区应急管理局",
    "appeal_government": "郑州市金水区人民政府",
    "appeal_department": "郑州市应急管理局",
    "appeal_court": "郑州铁路运输法院",
}
