# SPDX-License-Identifier: Apache-2.0
"""The schema ladder: every earlier version upgrades to the same schema as a fresh one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from fieldcheck.core.errors import DatabaseTooNewError
from fieldcheck.storage.db import alembic_config, head_revision, make_engine, open_database


def _schema(path: Path) -> set[tuple[str, str, str]]:
    con = sqlite3.connect(path)
    try:
        rows = con.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
    finally:
        con.close()
    # Batch-mode migrations may quote or space identically-meaning DDL differently.
    return {(t, n, " ".join((sql or "").replace('"', "").split())) for t, n, sql in rows}


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_fresh_database_matches_the_models(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "fresh.db")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"


@pytest.mark.parametrize("start", _revisions())
def test_upgrade_from_every_earlier_version_equals_fresh(tmp_path: Path, start: str) -> None:
    fresh = tmp_path / "fresh.db"
    open_database(fresh).dispose()
    old = tmp_path / "old.db"
    engine = make_engine(old)
    with engine.begin() as conn:
        cfg = alembic_config(str(engine.url))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, start)
    engine.dispose()
    open_database(old).dispose()
    assert _schema(old) == _schema(fresh)
    with make_engine(old).connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_database(path).dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num='9999_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="newer fieldcheck"):
        open_database(path)
    assert path.read_bytes() == before


def test_partial_index_sql_matches_the_migration() -> None:
    import importlib

    from fieldcheck.storage.tables import OPEN_SQL

    mig = importlib.import_module("fieldcheck.storage.migrations.versions.0004_ledger_indexes")
    assert mig.OPEN == OPEN_SQL


def test_schema_head_constant_is_alembics_head() -> None:
    from fieldcheck.storage.db import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD, "bump storage.db.SCHEMA_HEAD with each migration"
