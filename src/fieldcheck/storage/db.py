# SPDX-License-Identifier: Apache-2.0
"""Opening the device's SQLite store: pragmas, schema checks, migrations, errors.

No engine is created at import time; ``open_database`` makes one per data directory.
"""

from __future__ import annotations

import os
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
SCHEMA_HEAD = "0013"


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


def _set_read_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA query_only=ON")
    cur.close()


def is_read_only(path: Path) -> bool:
    """True when the database at path exists but it or its folder cannot be written
    (a read-only mount, a write-protected stick, a folder without write permission)."""
    if not path.exists():
        return False
    return not (os.access(path.parent, os.W_OK) and os.access(path, os.W_OK))


def _read_only_uri(path: Path) -> str:
    """SQLite's URI for reading path where nothing can be written. A WAL database needs
    its -shm file to be read with mode=ro; a cleanly closed one has none, and as nobody
    can write the folder it is read as immutable."""
    wal = Path(f"{path}-wal")
    quoted = path.resolve().as_uri()
    if wal.exists() and wal.stat().st_size > 0:
        return f"{quoted}?mode=ro"
    return f"{quoted}?immutable=1"


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine for the SQLite file at path with fieldcheck's pragmas."""
    if read_only:
        uri = _read_only_uri(path)
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
            pool_pre_ping=False,
        )
        event.listen(engine, "connect", _set_read_pragmas)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        return engine
    engine = create_engine(
        f"sqlite:///{path}", connect_args={"check_same_thread": False}, pool_pre_ping=False
    )
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise CorruptDatabaseError(
            f"{path}: is a folder, not a fieldcheck database; it was left untouched — move "
            "it aside (fieldcheck then starts an empty database) or restore the file from a "
            "backup"
        )
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
        raise translate_error(exc, path) from exc
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


def open_database(path: Path, *, check: bool = True, read_only: bool = False) -> Engine:
    """Open (creating or upgrading) the store at path; refuse damaged or newer files.
    With read_only the file is only read: never created, migrated or written."""
    _check_file(path)
    if read_only and not path.exists():
        raise ReadOnlyStorageError(
            f"{path.parent}: the data folder cannot be written, and it holds no database yet"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReadOnlyStorageError(
            f"{path.parent}: cannot create the data directory ({exc.strerror})"
        ) from exc
    engine = make_engine(path, read_only=read_only)
    try:
        if check:
            _integrity(engine, path)
        current = _current_revision(engine)
        if current != SCHEMA_HEAD:
            if read_only:
                raise ReadOnlyStorageError(
                    f"{path}: written by an older fieldcheck (schema {current}); it must be "
                    "upgraded before it can be read, and its folder cannot be written — "
                    "copy the folder somewhere writable; nothing was changed"
                )
            _migrate(engine, path, current)
    except OperationalError as exc:
        engine.dispose()
        raise translate_error(exc, path, read_only=read_only) from exc
    except BaseException:
        engine.dispose()
        raise
    return engine


def _space_left(path: Path) -> int | None:
    try:
        st = os.statvfs(path.parent)
    except OSError:
        return None
    return st.f_bavail * st.f_frsize


def translate_error(exc: DBAPIError, path: Path, *, read_only: bool = False) -> StorageError:
    """A StorageError with a plain message for an SQLite failure at path: the true cause
    (full disk, read-only folder, damage) as far as the file system can tell it."""
    text = str(exc.orig)
    code = getattr(exc.orig, "sqlite_errorcode", -1) & 0xFF  # the primary code
    if read_only and (code == sqlite3.SQLITE_READONLY or "readonly" in text):
        return ReadOnlyStorageError(
            f"{path.parent}: the data folder is read-only, so it was opened for reading "
            "only; nothing was saved — copy it somewhere writable (or make it writable) to "
            "change anything"
        )
    if code == sqlite3.SQLITE_FULL or "disk is full" in text:
        return StorageFullError(
            f"{path}: the disk is full; nothing of this step was saved — free space and retry"
        )
    if code == sqlite3.SQLITE_READONLY or "readonly" in text or "read-only" in text:
        return ReadOnlyStorageError(
            f"{path}: cannot write the database ({text}); check the folder's permissions"
        )
    if code == sqlite3.SQLITE_IOERR or "disk I/O error" in text:
        free = _space_left(path)
        if free is not None and free < 1024 * 1024:
            return StorageFullError(
                f"{path}: the disk is full ({free:,} bytes free); nothing of this step was "
                "saved — free space and retry"
            )
        return StorageError(f"{path}: the disk could not be written ({text}); nothing was saved")
    if code == sqlite3.SQLITE_CANTOPEN or "unable to open" in text:
        return ReadOnlyStorageError(
            f"{path}: cannot open the database ({text}); check the folder's permissions"
        )
    if "malformed" in text or "not a database" in text:
        return CorruptDatabaseError(f"{path}: the database is damaged ({text})")
    return StorageError(f"{path}: database error: {text}")


class Database:
    """The device's store; each use case runs in one ``transaction()``."""

    def __init__(self, path: Path, *, check: bool = True) -> None:
        self.path = path
        self.read_only = is_read_only(path)
        self.engine = open_database(path, check=check, read_only=self.read_only)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One atomic unit of work: commit on success, roll back on any error."""
        session = Session(self.engine, expire_on_commit=False)
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            raise translate_error(exc, self.path, read_only=self.read_only) from exc
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
            raise translate_error(exc, self.path, read_only=self.read_only) from exc
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        self.engine.dispose()
