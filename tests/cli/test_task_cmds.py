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
from fieldcheck.core.models import Role
from fieldcheck.services.context import open_context
from fieldcheck.services.inspections import tasks
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
