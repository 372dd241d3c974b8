# SPDX-License-Identifier: Apache-2.0
"""A writer for the SIGKILL test: records findings and moves them, printing each commit."""

from __future__ import annotations

import sys
from datetime import timedelta

from fieldcheck.core import clock
from fieldcheck.core.loop import Action
from fieldcheck.core.terms import Role
from fieldcheck.services.context import open_context
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites


def main(home: str) -> None:
    ctx = open_context(home)
    person = sites.add_person(ctx, {"name": "李建国", "role": Role.GRID}, actor_id="kill")
    site = sites.register_site(
        ctx,
        {"name": "金水木业", "address": "金水路1号", "jurisdiction": "410105"},
        actor_id=person.id,
    )
    insp = inspections.start_inspection(
        ctx, site_id=site.id, inspector_ids=[person.id], actor_id=person.id
    )
    print("ready", flush=True)
    deadline = clock.today() + timedelta(days=7)
    i = 0
    while True:
        i += 1
        f = findings.record_finding(
            ctx,
            inspection_id=insp.id,
            description=f"隐患{i}" + "描述" * 200,
            place="车间",
            actor_id=person.id,
        )
        print(f"committed {f.id} found", flush=True)
        findings.transition(ctx, f.id, Action.ASSIGN, actor_id=person.id, deadline=deadline)
        print(f"committed {f.id} assigned", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
