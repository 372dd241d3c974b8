# SPDX-License-Identifier: Apache-2.0
"""A read-only home and a full disk, on real mounts: the true diagnosis, nothing lost.

Before: both were reported as "the database is damaged", a read-only home could not
even be read, and `demo` on a full disk ended in a traceback after saving half its set.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from disks import remount, tmpfs

from fieldcheck.core.errors import CorruptDatabaseError, ReadOnlyStorageError, StorageFullError
from fieldcheck.core.terms import Role
from fieldcheck.demo.run import MARKER, DemoError, run_demo
from fieldcheck.services.context import open_context
from fieldcheck.services.findings import ledger
from fieldcheck.services.sites import sites
from fieldcheck.services.trust.verify import verify_all

J = "410105"
CLI = [sys.executable, "-c", "import sys; from fieldcheck.app import main; sys.exit(main())"]


def _cli(home: Path, *words: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "--home", str(home), *words],
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        check=False,
    )


def test_a_read_only_home_is_diagnosed_and_can_still_be_read(
    demo_home: Path, tmp_path: Path
) -> None:
    with tmpfs(tmp_path / "stick", "64m") as stick:
        home = stick / "home"
        shutil.copytree(demo_home, home)
        remount(stick, "ro")
        with open_context(home) as ctx:
            assert ctx.read_only
            c = ledger.counts(ctx)
            assert (c["sites"], c["findings"]) == (32, 200)
            assert len(ledger.ledger(ctx, ledger.ledger_filter(limit=500))) == 200
            assert ledger.audit_verify(ctx) == (ledger.audit_verify(ctx)[0], None)
            assert verify_all(ctx).ok
            with pytest.raises(ReadOnlyStorageError, match="read-only") as err:
                sites.add_person(ctx, {"name": "乙", "role": Role.GRID}, actor_id="t")
            assert not isinstance(err.value, CorruptDatabaseError)
            assert "damaged" not in str(err.value)
        status = _cli(home, "status")
        assert status.returncode == 0, status.stderr
        assert "sites 32" in status.stdout
        listed = _cli(home, "ledger", "--limit", "3")
        assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 3, listed.stderr
        refused = _cli(home, "person", "add", "--name", "丙", "--role", "grid")
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert "read-only" in refused.stderr and "damaged" not in refused.stderr
        remount(stick, "rw")
        with open_context(home) as ctx:  # nothing was changed on the stick
            assert ledger.counts(ctx)["sites"] == 32 and len(sites.list_people(ctx)) == 5


def test_a_full_disk_is_diagnosed_as_full_and_keeps_what_was_saved(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "1m") as disk:
        home = disk / "home"
        with open_context(home) as ctx:
            first = sites.register_site(
                ctx, {"name": "金水五金厂", "address": "金水路1号", "jurisdiction": J}, actor_id="t"
            )
            with pytest.raises(StorageFullError, match="disk is full") as err:
                for i in range(5000):
                    sites.register_site(
                        ctx,
                        {"name": f"单位{i}" * 40, "address": "地址" * 200, "jurisdiction": J},
                        actor_id="t",
                    )
            assert "damaged" not in str(err.value)
            assert sites.get_site(ctx, first.id).name == "金水五金厂"
            assert ledger.audit_verify(ctx)[1] is None


def _said(text: str) -> dict[str, int]:
    found = re.search(
        r"\((\d+) people, (\d+) sites, (\d+) inspections, (\d+) findings and (\d+) photos\)", text
    )
    assert found, text
    return dict(
        zip(
            ["people", "sites", "inspections", "findings", "photos"],
            map(int, found.groups()),
            strict=True,
        )
    )


def _holds(home: Path) -> dict[str, int]:
    con = sqlite3.connect(home / "fieldcheck.db")
    try:
        return {
            "people": con.execute("select count(*) from person").fetchone()[0],
            "sites": con.execute("select count(*) from site").fetchone()[0],
            "inspections": con.execute("select count(*) from inspection").fetchone()[0],
            "findings": con.execute("select count(*) from finding").fetchone()[0],
            "photos": con.execute("select count(*) from photo").fetchone()[0],
        }
    finally:
        con.close()


def test_demo_on_a_full_disk_says_what_it_saved_and_runs_again(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "6m") as disk:
        home = disk / "home"
        with pytest.raises(DemoError) as err:
            run_demo(home, jurisdiction="410105001", seed=2026)
        text = str(err.value)
        assert re.search("disk is full|No space left on device", text), text
        assert "nothing was saved" not in text and "damaged" not in text
        said = _said(text)
        assert said == _holds(home) and said["sites"] > 0  # the truth, not "nothing"
        assert (home / MARKER).exists()
        remount(disk, "size=80m")
        summary = run_demo(home, jurisdiction="410105001", seed=2026)
        assert summary["restarted"] is True
        assert (summary["sites"], summary["inspections"], summary["findings"]) == (32, 62, 200)
        assert not (home / MARKER).exists()
        with open_context(home) as ctx:
            assert verify_all(ctx).ok
        with pytest.raises(DemoError, match="already holds data"):  # never over real data
            run_demo(home, jurisdiction="410105001", seed=2026)


def test_demo_killed_part_way_runs_again(tmp_path: Path) -> None:
    home = tmp_path / "home"
    proc = subprocess.Popen(
        [*CLI, "--home", str(home), "demo"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(1200):  # until the demo is part-way through its inspections
            if (home / "fieldcheck.db").exists():
                try:
                    if _holds(home)["inspections"] >= 3:
                        break
                except sqlite3.OperationalError:
                    pass
            assert proc.poll() is None, "the demo finished before it could be killed"
            subprocess.run(["sleep", "0.05"], check=True)
        proc.kill()
    finally:
        proc.wait(timeout=60)
    assert (home / MARKER).exists()
    again = _cli(home, "demo")
    assert again.returncode == 0, again.stderr
    assert "was interrupted" in again.stdout
    assert "32 sites, 62 inspections, 200 findings" in again.stdout
    assert _holds(home)["sites"] == 32
    verified = _cli(home, "verify", "--all")
    assert verified.returncode == 0, verified.stdout + verified.stderr
