# SPDX-License-Identifier: Apache-2.0
"""A 回头看 with its outcome travels as protocol 1 spells it and counts on the console."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlmodel import select
from syncfix import LiveServer, make_field_data, photo_file

from fieldcheck.core import clock
from fieldcheck.core.loop import Action, RevisitOutcome, Status
from fieldcheck.server.console import project, project_rows, queries, ranking
from fieldcheck.server.console.tables import HazardView
from fieldcheck.services.evidence import photos
from fieldcheck.services.findings import findings
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.storage.tables import OutboxRow, PhotoRow
from fieldcheck.sync.protocol import Entity
from fieldcheck.sync.wire import from_wire


def _closed(ctx: Any, finding_id: str, by: str) -> None:
    due = clock.today() + timedelta(days=7)
    findings.transition(ctx, finding_id, Action.ASSIGN, actor_id=by, deadline=due)
    findings.transition(ctx, finding_id, Action.VERIFY_PASS, actor_id=by)
    findings.transition(ctx, finding_id, Action.CLOSE, actor_id=by)


def test_held_and_rebound_revisits_reach_the_server_and_the_console(
    server: LiveServer, device_factory: Any
) -> None:
    a = device_factory("a")
    field = make_field_data(a, "330106001", findings_n=3, photos_per_finding=0)
    held, rebound = field.finding_ids[1:]  # [0] is a suspected major hazard
    for fid in (held, rebound):
        _closed(a, fid, field.person_id)
    for n, fid in enumerate((held, rebound)):
        shot = photo_file(a.home.root / "revisit", 90 + n)
        photos.attach_photos(a, fid, [shot], actor_id=field.person_id, kind="revisit")
    findings.record_revisit(a, held, RevisitOutcome.HELD, actor_id=field.person_id, note="保持良好")
    findings.record_revisit(
        a, rebound, RevisitOutcome.REBOUND, actor_id=field.person_id,
        note="通道又被堆放货物", deadline=clock.today() + timedelta(days=3),
    )  # fmt: skip
    # Everything the device queued is a protocol-1 record: an older server takes it as is.
    with a.db.read() as s:
        for row in s.exec(select(OutboxRow)).all():
            from_wire(Entity(row.entity), json.loads(row.payload_json))
    report = sync_service.sync(a)
    assert report.ok, (report.error, report.rejected)
    b = device_factory("b")
    assert sync_service.sync(b).ok
    assert findings.get_finding(b, held).status is Status.CLOSED
    again = findings.get_finding(b, rebound)
    assert again.status is Status.ASSIGNED and again.deadline == clock.today() + timedelta(days=3)
    steps = [str(e.action) for e in findings.history(b, rebound)][-2:]
    assert steps == ["revisit", "reopen"]
    assert findings.history(b, held)[-1].note == "保持良好"
    with b.db.read() as s:
        kinds = {r.finding_id: r.kind for r in s.exec(select(PhotoRow)).all()}
    assert kinds == {held: "revisit", rebound: "revisit"}
    engine = server.app.state.server.engine  # type: ignore[attr-defined]
    project.catch_up(engine)
    hz = HazardView.__table__  # type: ignore[attr-defined]
    with engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(select(hz).where(hz.c.id.in_([held, rebound])))}
        assert (rows[held].reopened, rows[held].open, rows[held].status) == (False, False, "closed")
        assert (rows[rebound].reopened, rows[rebound].open) == (True, True)
        assert (
            rows[held].revisited_on
            == rows[rebound].revisited_on
            == project_rows.local_day(clock.now())
        )
        period = queries.Period.of("week", clock.today())
        [township] = ranking.ranking(
            conn, "330106", period, [("330106001", "甲")], 9, ranking.DEFAULT_WEIGHTS
        )
    assert township["metrics"]["revisit"] == 0.5  # 回头看巩固率: one of two held
