# SPDX-License-Identifier: Apache-2.0
"""The server's database: embedded SQLite under --data, or PostgreSQL by URL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlmodel import create_engine

from fieldcheck.core.errors import DatabaseTooNewError, StorageError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def sqlite_url(data: Path) -> str:
    """The default database: one SQLite file inside the data directory."""
    return f"sqlite:///{data / 'server.db'}"


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy's BEGIN drives transactions
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")  # a receipt is only sent after a durable commit
    cur.close()


def _sqlite_counter_pragmas(dbapi_conn: sqlite3.Connection, record: Any) -> None:
    # Counters, not evidence: under WAL, NORMAL commits without an fsync (a power cut may
    # lose the last few) while every checkpoint still syncs the WAL before copying it and
    # the database file after, so the durable commits of other connections stay durable.
    _sqlite_pragmas(dbapi_conn, record)
    dbapi_conn.execute("PRAGMA synchronous=NORMAL")


READ_ONLY = "fieldcheck_read_only"  # an execution option: this connection never writes


def _sqlite_begin(conn: Any) -> None:
    # Take the write lock at BEGIN: two pushes never deadlock half-way. A read-only
    # connection (the token check of every request, pulls, state questions) begins
    # deferred instead, so under WAL it reads its snapshot without queueing behind a
    # push's commit.
    read_only = conn.get_execution_options().get(READ_ONLY, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def make_engine(url: str, *, durable: bool = True) -> Engine:
    """An engine for url with the pragmas or pool settings the server needs; on SQLite,
    ``durable=False`` gives one whose commits do not wait for the disk (for counters)."""
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"check_same_thread": False})
            pragmas = _sqlite_pragmas if durable else _sqlite_counter_pragmas
            event.listen(engine, "connect", pragmas)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    except (ArgumentError, ImportError) as exc:
        raise StorageError(f"--db {redact(url)}: not a usable database URL ({exc})") from exc


def redact(url: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in creds else url


def _config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to this build's head; refuse a database from a newer server."""
    url = engine.url.render_as_string(hide_password=False)
    script = ScriptDirectory.from_config(_config(url))
    try:
        with engine.begin() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            known = {rev.revision for rev in script.walk_revisions()}
            if current is not None and current not in known:
                raise DatabaseTooNewError(
                    f"{redact(url)}: written by a newer fieldcheck-server (schema {current}); "
                    "nothing was changed"
                )
            if current != script.get_current_head():
                cfg = _config(url)
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
    except DBAPIError as exc:
        raise StorageError(f"{redact(url)}: cannot open the database ({exc.orig})") from exc


def open_engine(url: str) -> Engine:
    """Open and migrate the database at url."""
    engine = make_engine(url)
    migrate(engine)
    return engine


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """One atomic unit of work on a Core connection."""
    with engine.begin() as conn:
        yield conn
