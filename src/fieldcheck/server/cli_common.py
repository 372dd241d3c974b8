# SPDX-License-Identifier: Apache-2.0
"""What every `fieldcheck-server` command shares: --data/--db/--blobs and where they lead."""

from __future__ import annotations

import argparse
from pathlib import Path

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server.blobstore import Store, open_store
from fieldcheck.server.db import sqlite_url
from fieldcheck.server.settings import ServerSettings


def common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data",
        metavar="DIR",
        default=default,
        help="server data directory (database and photo store)",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="database URL (default: SQLite in DIR; e.g. postgresql+psycopg://...)",
    )
    parser.add_argument(
        "--blobs",
        metavar="URL",
        default=default,
        help="photo store: a directory or s3://BUCKET/PREFIX?endpoint=... (default: DIR/blobs)",
    )


def data_dir(args: argparse.Namespace) -> Path:
    if not args.data:
        raise FieldcheckError("--data DIR is required (where the server keeps its database)")
    data = Path(args.data).expanduser().resolve()
    data.mkdir(parents=True, exist_ok=True)
    return data


def db_url(args: argparse.Namespace) -> str:
    return str(args.db or sqlite_url(data_dir(args)))


def photo_store(args: argparse.Namespace) -> Store:
    return open_store(ServerSettings.load(blobs=args.blobs).blobs, data_dir(args))
