# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck task list|show|open` and `fieldcheck campaign list|open`: 今日's tasks and
campaign sites from the command line, thin over the same services."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from fieldcheck.cli import main
from fieldcheck.core import clock
from fieldcheck.core.terms import Role
from fieldcheck.services.context import open_context
from fieldcheck.services.inspections import inspections, tasks
from fieldcheck.storage import campaign_repo, task_repo


def _run(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> Any:
    code, out, err = _run(capsys, home, *argv)
    assert code == 0, err
    return json.loads(out)


def _world(home: Path) -> tuple[str, list[str]]:
    from fieldcheck.services.sites import sites

    today = clock.today()
    with open_context(home) as ctx:
        me = sites.add_person(
            ctx, {"name": "李建国", "role": Role.GRID, "jurisdiction": "410105001"}, actor_id="t"
        ).id
        ids = [
            sites.register_site(
                ctx,
                {"name": n, "address": "东风路1号", "jurisdiction": "410105001"},
                actor_id=me,
            ).id
            for n in ("东风五金厂", "东风木业")
        ]
        with ctx.db.transaction() as s:
            task_repo.replace_tasks(
                s,
                [
                    {
                        "id": "t1",
                        "kind": "revisit",
                        "grid": "410105001",
                        "site_id": ids[0],
                        "site_name": "东风五金厂",
                        "hazard_id": "hz1",
                        "deadline": today - timedelta(days=1),
                        "note": "回头看灭火器",
                    },
                    {
                        "id": "t2",
                        "kind": "inspect",
                        "grid": "410105001",
                        "place": "东风路口",
                        "source": "report",
                        "deadline": today + timedelta(days=3),
                        "photos": ["ab" * 32],
                    },
                ],
                clock.now(),
            )
            campaign_repo.replace_all(
                s,
                [
                    {
                        "id": "c1",
                        "name": "五金专项",
                        "jurisdiction": "410105",
                        "starts_on": today,
                        "ends_on": today + timedelta(days=9),
                        "site_ids": ids,
                    }
                ],
                clock.now(),
            )
    return me, ids


def test_tasks_and_campaigns_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    me, ids = _world(home)
    listed = _json(capsys, home, "task", "list", "--json")
    assert (listed["to_do"], listed["overdue"]) == (2, 1)
    assert [(t["id"], t["state"]) for t in listed["tasks"]] == [
        ("t1", "overdue"),
        ("t2", "open"),
    ]
    code, out, _err = _run(capsys, home, "task", "list")
    assert code == 0 and "2 to do, 1 overdue" in out and "东风五金厂" in out
    assert _json(capsys, home, "task", "show", "t1", "--json")["hazard"] is None  # not here
    shown = _json(capsys, home, "task", "show", "t2", "--json")
    assert shown["place"] == "东风路口" and shown["photo_files"] == {"ab" * 32: None}
    # A report task naming only a place: the site must be given, and the error says so.
    code, _out, err = _run(capsys, home, "task", "open", "t2", "--inspector", me)
    assert code != 0 and "东风路口" in err
    insp = _json(capsys, home, "task", "open", "t1", "--inspector", me, "--json")
    assert insp["kind"] == "revisit" and insp["site_id"] == ids[0]
    again = _json(capsys, home, "task", "open", "t1", "--inspector", me, "--json")
    assert again["id"] == insp["id"]  # the one inspection under way, not a second
    with open_context(home) as ctx:
        assert tasks.work_of(ctx, insp["id"]) == ("t1", None)
    # The campaign: both sites left until one is inspected under it (t1's inspection
    # counts too: a site counts as visited once inspected in the period).
    [camp] = _json(capsys, home, "campaign", "list", "--json")
    assert camp["id"] == "c1" and camp["left"] == 1
    got = _json(
        capsys, home, "campaign", "open", "c1", "--site", ids[1], "--inspector", me, "--json"
    )
    assert got["kind"] == "special"
    with open_context(home) as ctx:
        assert tasks.work_of(ctx, got["id"]) == (None, "c1")
    assert _json(capsys, home, "campaign", "list", "--json") == []
    code, _out, err = _run(capsys, home, "campaign", "open", "nope", "--site", ids[1],
                           "--inspector", me)  # fmt: skip
    assert code != 0 and "nope" in err
    code, _out, err = _run(capsys, home, "task", "show", "zzz")
    assert code != 0 and "zzz" in err


def _hazard_task(home: Path, kind: str, statuses: tuple[str, ...]) -> tuple[str, str, str]:
    """A kind task at a general hazard of the demo in one of statuses: (hazard, site, me)."""
    from fieldcheck.services.findings import ledger
    from fieldcheck.services.sites import sites

    with open_context(home) as ctx:
        rows = ledger.ledger(ctx, ledger.ledger_filter(jurisdiction="410105001", limit=200))
        hit = next(e for e in rows if e.status in statuses and e.level == "general")
        me = sites.list_people(ctx, Role.GRID.value)[0].id
        row = {
            "id": f"t-{kind}",
            "kind": kind,
            "grid": "410105001",
            "site_id": hit.site_id,
            "site_name": "",
            "hazard_id": hit.id,
            "deadline": clock.today() + timedelta(days=3),
        }
        with ctx.db.transaction() as s:
            task_repo.replace_tasks(s, [row], clock.now())
    return hit.id, hit.site_id, me


def test_a_recheck_task_opened_on_the_command_line_leads_to_its_hazards_step(
    demo_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As 办理 in the window: the task names its hazard and the step; taking it with
    `finding act` finishes the task's inspection."""
    hazard, site, me = _hazard_task(demo_home, "recheck", ("assigned", "rectifying"))
    opened = _json(capsys, demo_home, "task", "open", "t-recheck", "--inspector", me, "--json")
    assert opened["kind"] == "reinspection" and opened["site_id"] == site
    assert opened["hazard"]["id"] == hazard
    assert opened["steps"] == ["verify_pass", "verify_fail"]
    code, out, _err = _run(capsys, demo_home, "task", "open", "t-recheck", "--inspector", me)
    assert code == 0 and out.splitlines()[0] == opened["id"]  # the same inspection
    assert f"next: fieldcheck finding act {hazard} verify_pass|verify_fail --by {me}" in out
    code, out, err = _run(capsys, demo_home, "finding", "act", hazard,
                          "verify_pass", "--by", me, "--note", "整改到位")  # fmt: skip
    assert code == 0, err
    assert f"task t-recheck: inspection {opened['id']} finished" in err
    with open_context(demo_home) as ctx:
        task = tasks.get_task(ctx, "t-recheck")
        finished = inspections.get_inspection(ctx, opened["id"])
    assert task.inspection_finished
    assert finished.finished_at is not None and "验收通过" in finished.summary


def test_a_revisit_task_on_the_command_line_names_the_revisit(
    demo_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hazard, _site, me = _hazard_task(demo_home, "revisit", ("closed",))
    code, out, _err = _run(capsys, demo_home, "task", "open", "t-revisit", "--inspector", me)
    assert code == 0
    assert f"next: fieldcheck finding revisit {hazard} --outcome held|rebound" in out
    code, _out, err = _run(capsys, demo_home, "finding", "revisit", hazard, "--outcome",
                           "held", "--by", me)  # fmt: skip
    assert code == 0, err
    with open_context(demo_home) as ctx:
        task = tasks.get_task(ctx, "t-revisit")
        insp = inspections.get_inspection(ctx, str(task.inspection_id))
    assert task.inspection_finished and "回头看" in insp.summary
