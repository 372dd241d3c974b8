# SPDX-License-Identifier: Apache-2.0
"""交办 on the device, on a live server: tasks, escalations and approvals pulled into the
device's tables at sync (idempotent, untouched by a pull cut off), the inspection a task
asks for, and the server told once that inspection is pushed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from syncfix import LiveServer, live_server, pg_database

from fieldcheck.core import clock
from fieldcheck.core.tasks import TaskState
from fieldcheck.core.terms import InspectionKind, Role
from fieldcheck.server.console import escalations, project
from fieldcheck.server.console import tasks as console_tasks
from fieldcheck.services.inspections import inspections, tasks
from fieldcheck.services.sites import sites
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.storage import task_repo
from fieldcheck.sync.client import ServerUnreachable, SyncClient

TOWN = "330106001"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """The live server on SQLite, and on PostgreSQL when FIELDCHECK_TEST_PG_URL is set."""
    with ExitStack() as stack:
        db = stack.enter_context(pg_database()) if request.param == "postgresql" else None
        yield stack.enter_context(live_server(tmp_path / "srv", db))


def _site(ctx: Any, name: str) -> tuple[str, str]:
    me = sites.add_person(
        ctx, {"name": "王网格", "role": Role.GRID.value, "jurisdiction": TOWN}, actor_id="system"
    )
    site = sites.register_site(
        ctx,
        {
            "name": name,
            "address": "测试路1号",
            "industry": "工贸",
            "kind_of_place": "粉尘涉爆企业",
            "jurisdiction": TOWN,
        },
        actor_id=me.id,
    )
    return me.id, site.id


def _engine(server: LiveServer) -> Any:
    return server.app.state.server.engine  # type: ignore[attr-defined]


def _assign(server: LiveServer, site_id: str, days: int = 3, note: str = "") -> str:
    engine = _engine(server)
    project.catch_up(engine)
    with engine.begin() as conn:
        return console_tasks.assign_task(
            conn,
            "330106",
            "county",
            kind="inspect",
            site_id=site_id,
            deadline=clock.today() + timedelta(days=days),
            note=note,
        )


def test_a_task_is_pulled_done_by_its_inspection_and_seen_done(
    server: LiveServer, device_factory: Any
) -> None:
    a = device_factory("a", jurisdiction=TOWN)
    b = device_factory("b", jurisdiction="330106002")
    me, site_id = _site(a, "东风木业")
    assert sync_service.sync(a).ok
    tid = _assign(server, site_id, note="查粉尘清扫记录")
    report = sync_service.sync(a)
    assert report.ok and report.tasks == 1, report
    [task] = tasks.list_tasks(a)
    assert task.id == tid and task.site_id == site_id and task.note == "查粉尘清扫记录"
    assert task.state(clock.today()) is TaskState.OPEN
    assert tasks.count_to_do(a) == (1, 0)
    assert sync_service.sync(b).tasks == 0  # another township's device never gets it
    # Pulling again changes nothing: the same one task.
    assert sync_service.sync(a).tasks == 1 and len(tasks.list_tasks(a)) == 1
    # Opening the task twice gives the one inspection it asks for.
    insp = tasks.open_task(a, tid, inspector_id=me)
    assert insp.kind is InspectionKind.ROUTINE and insp.site_id == site_id
    assert tasks.open_task(a, tid, inspector_id=me).id == insp.id
    assert tasks.work_of(a, insp.id) == (tid, None)
    # Not finished: the server is not told even once it holds the inspection.
    assert sync_service.sync(a).tasks_reported == 0
    inspections.finish_inspection(a, insp.id, actor_id=me)
    assert tasks.get_task(a, tid).state(clock.today()) is TaskState.INSPECTED
    report = sync_service.sync(a)
    assert report.ok and report.tasks_reported == 1, report
    [task] = tasks.list_tasks(a)
    assert task.state(clock.today()) is TaskState.DONE and task.done_inspection_id == insp.id
    assert tasks.count_to_do(a) == (0, 0)
    with _engine(server).begin() as conn:
        row = console_tasks.get(conn, "330106", tid)
    assert row is not None and row.done_inspection_id == insp.id
    assert sync_service.sync(a).tasks_reported == 0  # told once


def test_escalations_arrive_and_a_pull_cut_off_keeps_what_was_kept(
    server: LiveServer, device_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = device_factory("a", jurisdiction=TOWN)
    _me, site_id = _site(a, "东风家具")
    assert sync_service.sync(a).ok
    tid = _assign(server, site_id)
    engine = _engine(server)
    with engine.begin() as conn:  # the task goes overdue and the county supervises it
        conn.execute(
            console_tasks.T.update()
            .where(console_tasks.T.c.id == tid)
            .values(deadline=clock.today() - timedelta(days=1))
        )
        eid = escalations.escalate(
            conn,
            "330106",
            "county",
            "county",
            target_kind="task",
            target_id=tid,
            kind="supervise",
            leader="李副县长",
        )
    assert sync_service.sync(a).ok
    [task] = tasks.list_tasks(a)
    assert task.state(clock.today()) is TaskState.OVERDUE and tasks.count_to_do(a) == (1, 1)
    [esc] = tasks.escalations_of(a, tid)
    assert esc.id == eid and esc.leader == "李副县长" and esc.level == "county"
    # A second task, then a pull that breaks while storing: the device keeps the first list.
    _assign(server, site_id)

    def broken(*_a: Any, **_k: Any) -> int:
        raise OSError("disk gone mid-pull")

    monkeypatch.setattr(task_repo, "keep_approvals", broken)
    with pytest.raises(OSError):
        sync_service.sync(a)
    assert [t.id for t in tasks.list_tasks(a)] == [tid]
    assert [e.id for e in tasks.escalations(a)] == [eid]
    monkeypatch.undo()

    def unreachable(self: SyncClient) -> None:
        raise ServerUnreachable("cut off")

    monkeypatch.setattr(SyncClient, "tasks", unreachable)
    report = sync_service.sync(a)
    assert not report.ok and "cut off" in report.error
    assert [t.id for t in tasks.list_tasks(a)] == [tid]
    monkeypatch.undo()
    assert sync_service.sync(a).tasks == 2


def test_approvals_are_kept_once_and_never_dropped(device_factory: Any) -> None:
    a = device_factory("a", jurisdiction=TOWN)
    ap = {
        "id": "ap1",
        "hazard_id": "hz1",
        "escalation_id": "e1",
        "payload": "{}",
        "signature_b64": "sig",
        "certificate": "{}",
    }
    now = clock.now()
    with a.db.transaction() as s:
        assert task_repo.keep_approvals(s, [ap, ap], now) == 1
    with a.db.transaction() as s:
        assert task_repo.keep_approvals(s, [ap], now) == 0
        task_repo.replace_escalations(s, [])
    [kept] = tasks.approvals(a, "hz1")
    assert kept.id == "ap1" and kept.payload == "{}"


def test_a_task_naming_only_a_place_asks_for_the_site(
    server: LiveServer, device_factory: Any
) -> None:
    a = device_factory("a", jurisdiction=TOWN)
    me, site_id = _site(a, "东风抛光")
    assert sync_service.sync(a).ok
    with _engine(server).begin() as conn:
        tid = console_tasks.assign_task(
            conn,
            "330106",
            "county",
            kind="inspect",
            grid=TOWN,
            place="东风路口废品站",
            source="report",
            deadline=clock.today() + timedelta(days=2),
        )
    assert sync_service.sync(a).ok
    with pytest.raises(tasks.TaskError, match="东风路口废品站"):
        tasks.open_task(a, tid, inspector_id=me)
    insp = tasks.open_task(a, tid, inspector_id=me, site_id=site_id)
    assert insp.site_id == site_id
    with pytest.raises(tasks.TaskError, match="not among"):
        tasks.get_task(a, "nope")
