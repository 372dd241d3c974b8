# SPDX-License-Identifier: Apache-2.0
"""Opening the device's SQLite store: pragmas, schema checks, migrations, errors.

No engine is created at import time; ``open_database`` makes one per data directory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session as Session  # re-exported: services pass it around
from sqlmodel import create_engine

from fieldcheck.core.errors import (
    CorruptDatabaseError,
    DatabaseTooNewError,
    ReadOnlyStorageError,
    StorageError,
    StorageFullError,
)

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"
# The newest migration in migrations/versions; a test checks it against Alembic's head.
# Kept as a constant so an up-to-date database opens without importing Alembic (~0.7 s).
SCHEMA_HEAD = "0012"


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at the migrations shipped inside the package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def head_revision() -> str:
    """The newest schema revision this build of fieldcheck knows, as Alembic sees it."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's own BEGIN drive transactions (pysqlite's implicit ones are off).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")  # evidence: a commit survives power loss
    cur.close()


def _begin(conn: Any) -> None:
    # Writers take the write lock at BEGIN so two never deadlock mid-transaction;
    # readers (Database.read) begin deferred and never block a writer.
    if conn.get_execution_options().get("fieldcheck_read"):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(path: Path) -> Engine:
    """An engine for the SQLite file at path with fieldcheck's pragmas."""
    engine = create_engine(
        f"sqlite:///{path}", connect_args={"check_same_thread": False}, pool_pre_ping=False
    )
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def _check_file(path: Path) -> None:
    if not path.exists():
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except PermissionError as exc:
        raise ReadOnlyStorageError(f"{path}: cannot read the database ({exc.strerror})") from exc
    if len(header) == 0:
        return  # an empty file: SQLite treats it as a new database
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise CorruptDatabaseError(
            f"{path}: not a fieldcheck database (the file header is damaged or it is another "
            "kind of file); it was left untouched — restore it from a backup or move it aside"
        )


def _integrity(engine: Engine, path: Path) -> None:
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("PRAGMA quick_check").fetchall()
    except DBAPIError as exc:
        raise CorruptDatabaseError(f"{path}: the database is damaged ({exc.orig})") from exc
    problems = [r[0] for r in rows if r[0] != "ok"]
    if problems:
        raise CorruptDatabaseError(
            f"{path}: the database is damaged: {'; '.join(problems[:3])}; it was left untouched"
        )


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchone()
        except OperationalError as exc:
            if "no such table" in str(exc.orig):
                return None  # a new, empty database
            raise
    return None if row is None else str(row[0])


def _migrate(engine: Engine, path: Path, current: str | None) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(str(engine.url)))
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseTooNewError(
            f"{path}: this database was written by a newer fieldcheck (schema {current}); "
            "install the newer version to open it — nothing was changed"
        )
    with engine.begin() as conn:
        cfg = alembic_config(str(engine.url))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_database(path: Path, *, check: bool = True) -> Engine:
    """Open (creating or upgrading) the store at path; refuse damaged or newer files."""
    _check_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReadOnlyStorageError(
            f"{path.parent}: cannot create the data directory ({exc.strerror})"
        ) from exc
    engine = make_engine(path)
    try:
        if check:
            _integrity(engine, path)
        current = _current_revision(engine)
        if current != SCHEMA_HEAD:
            _migrate(engine, path, current)
    except OperationalError as exc:
        engine.dispose()
        raise translate_error(exc, path) from exc
    return engine


def translate_error(exc: DBAPIError, path: Path) -> StorageError:
    """A StorageError with a plain message for an SQLite failure at path."""
    text = str(exc.orig)
    if "disk is full" in text or "database or disk is full" in text:
        return StorageFullError(
            f"{path}: the disk is full; nothing was saved — free space and retry"
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return ReadOnlyStorageError(
            f"{path}: cannot write the database ({text}); check the folder's permissions"
        )
    if "malformed" in text or "not a database" in text:
        return CorruptDatabaseError(f"{path}: the database is damaged ({text})")
    return StorageError(f"{path}: database error: {text}")


class Database:
    """The device's store; each use case runs in one ``transaction()``."""

    def __init__(self, path: Path, *, check: bool = True) -> None:
        self.path = path
        self.engine = open_database(path, check=check)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One atomic unit of work: commit on success, roll back on any error."""
        session = Session(self.engine, expire_on_commit=False)
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            raise translate_error(exc, self.path) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries only."""
        session = Session(self.engine.execution_options(fieldcheck_read=True))
        try:
            yield session
        except DBAPIError as exc:
            raise translate_error(exc, self.path) from exc
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        self.engine.dispose()
