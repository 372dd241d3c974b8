# SPDX-License-Identifier: Apache-2.0
"""Damaged files, full disks and read-only folders give clear messages and lose nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldcheck.core.errors import (
    CorruptDatabaseError,
    ReadOnlyStorageError,
    StorageFullError,
)
from fieldcheck.core.terms import Role
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.findings import ledger
from fieldcheck.services.sites import sites
from fieldcheck.storage.db import open_database


def test_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "fieldcheck.db"
    path.write_bytes(b"PK\x03\x04 this is a zip file, not a database" * 10)
    before = path.read_bytes()
    with pytest.raises(CorruptDatabaseError, match="not a fieldcheck database"):
        open_database(path)
    assert path.read_bytes() == before


def test_truncated_database_is_reported_as_damaged(demo_home: Path) -> None:
    path = demo_home / "fieldcheck.db"
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorruptDatabaseError) as err:
        open_context(demo_home)
    assert str(path) in str(err.value)


def test_full_disk_keeps_earlier_data_and_says_so(ctx: AppContext) -> None:
    site = sites.register_site(
        ctx,
        {"name": "金水五金厂", "address": "金水路1号", "jurisdiction": "410105"},
        actor_id="t",
    )
    # Make the database "full": SQLite raises SQLITE_FULL exactly as on a full disk.
    with ctx.db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    con = sqlite3.connect(ctx.db.path)
    con.execute(f"PRAGMA max_page_count={pages}")
    con.close()

    from sqlalchemy import event

    def cap(dbapi_conn: sqlite3.Connection, _rec: object) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    event.listen(ctx.db.engine, "connect", cap)
    ctx.db.engine.dispose()
    with pytest.raises(StorageFullError, match="disk is full"):
        for i in range(2000):
            sites.register_site(
                ctx,
                {"name": f"单位{i}" * 50, "address": "地址" * 200, "jurisdiction": "410105"},
                actor_id="t",
            )
    assert sites.get_site(ctx, site.id).name == "金水五金厂"
    count, problem = ledger.audit_verify(ctx)
    assert problem is None and count >= 1


def test_data_directory_that_cannot_be_created_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should go")
    with pytest.raises(ReadOnlyStorageError, match="cannot create the data directory"):
        open_context(blocker / "home")
    assert blocker.read_text() == "a file where the data folder should go"


def test_read_only_database_file_is_reported(tmp_path: Path) -> None:
    c = open_context(tmp_path / "home")
    sites.add_person(c, {"name": "甲", "role": Role.GRID}, actor_id="t")
    c.close()
    # A read-only file opened read-only: simulate with SQLite's query_only pragma
    # (root ignores file permissions, so chmod cannot be used in CI).
    c = open_context(tmp_path / "home")
    from sqlalchemy import event

    def query_only(dbapi_conn: sqlite3.Connection, _rec: object) -> None:
        dbapi_conn.execute("PRAGMA query_only=ON")

    event.listen(c.db.engine, "connect", query_only)
    c.db.engine.dispose()
    with pytest.raises(ReadOnlyStorageError, match="cannot write"):
        sites.add_person(c, {"name": "乙", "role": Role.GRID}, actor_id="t")
    assert [p.name for p in sites.list_people(c)] == ["甲"]
    c.close()


def test_a_database_that_is_a_folder_is_refused_by_name(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "fieldcheck.db").mkdir(parents=True)
    (home / "fieldcheck.db" / "kept.txt").write_text("left alone")
    with pytest.raises(CorruptDatabaseError, match="is a folder, not a fieldcheck database"):
        open_context(home)
    assert (home / "fieldcheck.db" / "kept.txt").read_text() == "left alone"


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        ("update audit_event set at='yesterday' where seq=5", "entry 5: its time was changed"),
        (
            "update audit_event set at=12345 where seq=(select max(seq) from audit_event)",
            "its time",
        ),
        ("update audit_event set payload_json=7 where seq=7", "entry 7: its content was changed"),
        ("update audit_event set actor_id=x'00ff' where seq=9", "entry 9: its content"),
        ("update meta set value='garbage' where key='audit_head'", "recorded head is 'garbage'"),
    ],
)
def test_audit_fields_edited_by_hand_are_named_not_a_crash(
    demo_home: Path, edit: str, named: str
) -> None:
    from fieldcheck.services.trust.verify import verify_all

    con = sqlite3.connect(demo_home / "fieldcheck.db")
    con.execute(edit)
    con.commit()
    con.close()
    with open_context(demo_home) as c:
        _count, problem = ledger.audit_verify(c)
        assert problem is not None and named in problem, problem
        report = verify_all(c)
        assert not report.ok and named in str(report.audit_problem), report.audit_problem
        sites.add_person(c, {"name": "丁", "role": Role.GRID}, actor_id="t")  # still writes
