# SPDX-License-Identifier: Apache-2.0
"""The server's settings: arguments, or FIELDCHECK_SERVER_* environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server.db import sqlite_url
from fieldcheck.server.proxies import Network, parse_networks


class ServerSettings(BaseSettings):
    """Where the server keeps its data (FIELDCHECK_SERVER_DATA, FIELDCHECK_SERVER_DB, ...)
    and which proxies it believes (FIELDCHECK_SERVER_TRUSTED_PROXIES)."""

    model_config = SettingsConfigDict(env_prefix="FIELDCHECK_SERVER_", extra="ignore")

    data: Path | None = None
    """The data directory: the photo store, and the SQLite database unless ``db`` is set."""
    db: str | None = None
    """A database URL (e.g. postgresql+psycopg://...); SQLite inside ``data`` when unset."""
    blobs: str | None = None
    """Where photo originals live: a directory or s3://BUCKET/PREFIX?endpoint=…; DATA/blobs."""
    trusted_proxies: str = ""
    """Reverse proxies whose X-Forwarded-For is believed: addresses or networks, comma
    separated (e.g. ``127.0.0.1,10.0.0.0/8``); none by default (server/proxies.py)."""

    @property
    def proxies(self) -> tuple[Network, ...]:
        """trusted_proxies parsed; an error naming the entry that is not an address."""
        return parse_networks(self.trusted_proxies)

    @property
    def data_dir(self) -> Path:
        """The data directory, absolute; an error naming the variable when it is unset."""
        if self.data is None or not str(self.data).strip():
            raise FieldcheckError("set FIELDCHECK_SERVER_DATA to the server's data directory")
        return self.data.expanduser().resolve()

    @property
    def db_url(self) -> str:
        return self.db or sqlite_url(self.data_dir)

    def as_env(self) -> dict[str, str]:
        """These settings as the FIELDCHECK_SERVER_* variables that load them again (for
        the worker processes of ``serve --workers``)."""
        values = {"data": str(self.data_dir), "db": self.db_url, "blobs": self.blobs}
        values["trusted_proxies"] = self.trusted_proxies
        return {f"FIELDCHECK_SERVER_{k.upper()}": v for k, v in values.items() if v}

    @classmethod
    def load(
        cls,
        data: Path | None = None,
        db: str | None = None,
        blobs: str | None = None,
        trusted_proxies: str | None = None,
    ) -> ServerSettings:
        """Arguments where given, FIELDCHECK_SERVER_* for the rest."""
        try:
            from_env = cls()
        except ValidationError as exc:
            raise FieldcheckError(f"server settings: {exc}") from None
        args = {"data": data, "db": db, "blobs": blobs, "trusted_proxies": trusted_proxies}
        settings = from_env.model_copy(update={k: v for k, v in args.items() if v is not None})
        settings.proxies  # noqa: B018 - a bad entry is an error at start, naming it
        return settings
