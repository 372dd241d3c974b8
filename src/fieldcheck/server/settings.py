# SPDX-License-Identifier: Apache-2.0
"""The server's settings: arguments, or FIELDCHECK_SERVER_* environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server.db import sqlite_url


class ServerSettings(BaseSettings):
    """Where the server keeps its data: FIELDCHECK_SERVER_DATA and FIELDCHECK_SERVER_DB."""

    model_config = SettingsConfigDict(env_prefix="FIELDCHECK_SERVER_", extra="ignore")

    data: Path | None = None
    """The data directory: the photo store, and the SQLite database unless ``db`` is set."""
    db: str | None = None
    """A database URL (e.g. postgresql+psycopg://...); SQLite inside ``data`` when unset."""
    blobs: str | None = None
    """Where photo originals live: a directory or s3://BUCKET/PREFIX?endpoint=…; DATA/blobs."""

    @property
    def data_dir(self) -> Path:
        """The data directory, absolute; an error naming the variable when it is unset."""
        if self.data is None or not str(self.data).strip():
            raise FieldcheckError("set FIELDCHECK_SERVER_DATA to the server's data directory")
        return self.data.expanduser().resolve()

    @property
    def db_url(self) -> str:
        return self.db or sqlite_url(self.data_dir)

    @classmethod
    def load(
        cls, data: Path | None = None, db: str | None = None, blobs: str | None = None
    ) -> ServerSettings:
        """Arguments where given, FIELDCHECK_SERVER_* for the rest."""
        try:
            from_env = cls()
        except ValidationError as exc:
            raise FieldcheckError(f"server settings: {exc}") from None
        given = {k: v for k, v in {"data": data, "db": db, "blobs": blobs}.items() if v is not None}
        return from_env.model_copy(update=given)
