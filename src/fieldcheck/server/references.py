# SPDX-License-Identifier: Apache-2.0
"""Refuse what another device could not apply: references that point nowhere, taken numbers.

Every device applies a pulled record into tables with foreign keys and a unique notice
number. A record whose inspection, findings or notice are on neither the server nor the
same batch, or a notice number another notice already holds, would stop (or be set
aside on) every other device, so the server refuses that record (the rest of its batch
goes on).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Connection

from fieldcheck.server.heads import select_current
from fieldcheck.server.scope import Refusal
from fieldcheck.server.tables import RECORD, VERSION
from fieldcheck.sync import refusals
from fieldcheck.sync.protocol import Change, Entity

R = RECORD
V = VERSION

# Per kind: (field, kind it names, a list of them?) besides the parent scope.py checks.
REFERENCES: dict[Entity, tuple[tuple[str, Entity, bool], ...]] = {
    Entity.FINDING: (("inspection_id", Entity.INSPECTION, False),),
    Entity.NOTICE: (
        ("inspection_id", Entity.INSPECTION, False),
        ("finding_ids", Entity.FINDING, True),
        ("refers_to", Entity.NOTICE, False),
    ),
}


def targets(change: Change) -> list[tuple[str, str]]:
    """The (kind, id) of every record this one names besides its parent."""
    found: list[tuple[str, str]] = []
    for name, kind, many in REFERENCES.get(change.entity, ()):
        value = change.content.get(name)
        named = (value or []) if many else ([value] if value else [])
        if isinstance(named, list):
            found.extend((kind.value, t) for t in named if isinstance(t, str))
    return found


@dataclass
class References:
    """The references of one batch, checked in apply order (push_checks.in_order)."""

    conn: Connection
    in_batch: set[tuple[str, str]] = field(default_factory=set)
    numbers: dict[str, str] = field(default_factory=dict)  # number -> notice id, this batch
    on_server: set[tuple[str, str]] | None = None  # what prefetch found, for the whole batch

    def prefetch(self, changes: list[Change]) -> None:
        """Look up every reference of the batch on the server at once (one query per 500
        ids instead of one per record); the push-order check of ``in_batch`` stays."""
        wanted = {target for change in changes for target in targets(change)}
        found: set[tuple[str, str]] = set()
        ids = sorted({i for _, i in wanted})
        for start in range(0, len(ids), 500):
            rows = self.conn.execute(
                select(R.c.entity, R.c.entity_id).where(R.c.entity_id.in_(ids[start : start + 500]))
            )
            found.update((r.entity, r.entity_id) for r in rows if (r.entity, r.entity_id) in wanted)
        self.on_server = found

    def _exists(self, entity: Entity, entity_id: str) -> bool:
        if (entity.value, entity_id) in self.in_batch:
            return True
        if self.on_server is not None:
            return (entity.value, entity_id) in self.on_server
        found = self.conn.execute(
            select(R.c.entity_id).where(R.c.entity == entity.value, R.c.entity_id == entity_id)
        ).first()
        return found is not None

    def see(self, change: Change) -> Refusal | None:
        """Why this record could not be applied elsewhere, or None."""
        self.in_batch.add((change.entity.value, change.entity_id))
        where = f"{change.entity.value} {change.entity_id}"
        for name, kind, many in REFERENCES.get(change.entity, ()):
            value = change.content.get(name)
            named = (value or []) if many else ([value] if value else [])
            for target in named:
                if not isinstance(target, str) or not self._exists(kind, target):
                    return Refusal(
                        refusals.REFERENCE_MISSING,
                        f"{where}: its {kind.value} {target} is on neither the server "
                        "nor this batch",
                    )
        if change.entity is Entity.NOTICE:
            return self._number(change)
        return None

    def _number(self, change: Change) -> Refusal | None:
        number = change.content.get("number")
        if not isinstance(number, str) or not number:
            return None
        holder = self.numbers.get(number)
        if holder is None:
            rows = self.conn.execute(
                select_current(V.c.entity_id, V.c.content_json).where(
                    V.c.entity == Entity.NOTICE.value, V.c.content_json.contains(number)
                )
            ).all()
            holder = next(
                (r.entity_id for r in rows if json.loads(r.content_json).get("number") == number),
                None,
            )
        if holder is not None and holder != change.entity_id:
            return Refusal(
                refusals.DUPLICATE,
                f"notice {change.entity_id}: number {number} is already held by notice {holder}; "
                "a copied or restored device reuses numbers: enrol it again before issuing",
            )
        self.numbers[number] = change.entity_id
        return None
