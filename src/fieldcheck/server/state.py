# SPDX-License-Identifier: Apache-2.0
"""What the routes share: the database engine and the photo store, opened by the lifespan."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from fieldcheck.server.blobstore import Store, open_store
from fieldcheck.server.db import READ_ONLY, make_engine, open_engine
from fieldcheck.server.limits import Limits
from fieldcheck.server.server_key import load_server_key
from fieldcheck.server.settings import ServerSettings
from fieldcheck.signing.keys import public_b64

T = TypeVar("T")


class Server:
    """The engine and the photo store behind one app; ``open`` migrates, ``close`` disposes."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self.data = settings.data_dir
        self.data.mkdir(parents=True, exist_ok=True)
        self.blobs: Store = open_store(settings.blobs, self.data)
        self.key = load_server_key(self.data)  # attests people's keys (server/trust.py)
        self.key_b64 = public_b64(self.key)
        self.limits = Limits()  # per-device request rate and unfinished uploads
        self._engine: Engine | None = None
        self._counts: Engine | None = None  # SQLite: the same file, commits not fsynced

    def open(self) -> Engine:
        """Open and migrate the database once; later calls return the same engine."""
        if self._engine is None:
            self._engine = open_engine(self.settings.db_url)
            url = self._engine.url
            if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
                self._counts = make_engine(self.settings.db_url, durable=False)
        return self._engine

    def close(self) -> None:
        """Close every pooled connection (the engine reconnects if used again); the
        counters' first, so the last connection to close (which checkpoints) is durable."""
        for engine in (self._counts, self._engine):
            if engine is not None:
                engine.dispose()

    @property
    def engine(self) -> Engine:
        return self.open()

    def write(self, fn: Callable[..., T], *args: object, tries: int = 3) -> T:
        """Run fn(conn, *args) in one transaction, again if a concurrent writer collided."""
        return self._write(self.engine, fn, args, tries)

    def count(self, fn: Callable[..., T], *args: object) -> T:
        """``write`` for counters that are not evidence (the device limits): committed
        without waiting for the disk, so a power cut may lose the last few updates. On
        PostgreSQL SET LOCAL ends with the transaction; on SQLite a connection of its own
        has synchronous=NORMAL: neither reaches any other transaction."""
        self.open()
        return self._write(self._counts or self.engine, fn, args, 3, not_durable=True)

    @staticmethod
    def _write(
        engine: Engine,
        fn: Callable[..., T],
        args: tuple[object, ...],
        tries: int,
        *,
        not_durable: bool = False,
    ) -> T:
        for attempt in range(tries):
            try:
                with engine.begin() as conn:
                    if not_durable:
                        _not_durable(conn)
                    return fn(conn, *args)
            except IntegrityError:
                if attempt == tries - 1:
                    raise
        raise AssertionError("unreachable")

    def read(self, fn: Callable[..., T], *args: object) -> T:
        """Run fn(conn, *args) on a connection that only reads (never committed)."""
        with self.engine.connect() as conn:
            return fn(conn.execution_options(**{READ_ONLY: True}), *args)


def _not_durable(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL synchronous_commit = off"))
