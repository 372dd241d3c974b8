# SPDX-License-Identifier: Apache-2.0
"""Alembic environment for the server's database; run programmatically by server.db."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from fieldcheck.server.console import report_tables as _report_tables  # noqa: F401
from fieldcheck.server.console import summary_tables as _summary_tables  # noqa: F401
from fieldcheck.server.console import tables as _console_tables  # noqa: F401  (registers them)
from fieldcheck.server.console import task_tables as _task_tables  # noqa: F401
from fieldcheck.server.tables import ServerTable

target_metadata = ServerTable.metadata


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run()
