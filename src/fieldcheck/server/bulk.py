# SPDX-License-Identifier: Apache-2.0
"""Many rows at once: a push's versions, records and feed rows, and the ids it looks up.

On PostgreSQL, rows go in with one ``COPY ... FROM STDIN`` and a set of ids is one
array parameter (``= ANY(:ids)``); through SQLAlchemy, psycopg sends an executemany
as one statement per row and an ``IN`` list as one parameter per id, compiled again
for each new length, which cost a push about half its time per record. Elsewhere
(SQLite) they are the plain executemany and ``IN``. Either way the rows are the same,
every constraint is checked and an error is the same SQLAlchemy exception.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, String, Table, any_, bindparam
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows (dicts with the same keys, in order) inside conn's transaction."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), list(rows))
        return
    names = list(rows[0])
    dialect = conn.dialect
    procs = [table.c[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names]
    quote = dialect.identifier_preparer
    sql = (
        f"COPY {quote.format_table(table)} ({', '.join(quote.quote(n) for n in names)}) FROM STDIN"
    )
    raw = conn.connection.driver_connection  # psycopg's own, for its copy()
    assert raw is not None
    try:
        with raw.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(
                    [
                        row[n] if proc is None or row[n] is None else proc(row[n])
                        for n, proc in zip(names, procs, strict=True)
                    ]
                )
    except dialect.loaded_dbapi.Error as exc:
        # As if it went through conn.execute: IntegrityError for a duplicate key, etc.
        raise DBAPIError.instance(
            sql, None, exc, dialect.loaded_dbapi.Error, dialect=dialect
        ) from exc


def among(
    conn: Connection, column: ColumnElement[str], ids: Collection[str]
) -> ColumnElement[bool]:
    """``column IN ids`` as one array parameter on PostgreSQL (one cached statement)."""
    if conn.dialect.name == "postgresql":
        return column == any_(bindparam("ids", list(ids), type_=ARRAY(String), unique=True))
    return column.in_(list(ids))
