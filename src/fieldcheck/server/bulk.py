# SPDX-License-Identifier: Apache-2.0
"""Many rows at once: a push's versions, records and feed rows, and the ids it looks up.

On PostgreSQL, rows go in with one ``COPY ... FROM STDIN`` and a set of ids is one
array parameter (``= ANY(:ids)``); through SQLAlchemy, psycopg sends an executemany
as one statement per row and an ``IN`` list as one parameter per id, compiled again
for each new length, which cost a push about half its time per record. On SQLite the
rows go in as one executemany of a statement made once, with each column's bind
processor applied here (SQLAlchemy's own executemany rebuilds every row's parameters,
about a fifth of a push's server time there); ``IN`` is the plain one. Either way the
rows are the same, every constraint is checked and an error is the same SQLAlchemy
exception.
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
    dialect = conn.dialect
    if dialect.name not in ("postgresql", "sqlite"):
        conn.execute(table.insert(), list(rows))
        return
    names = list(rows[0])
    quote = dialect.identifier_preparer
    columns = f"{quote.format_table(table)} ({', '.join(quote.quote(n) for n in names)})"
    if dialect.name == "sqlite":
        marks = ", ".join("?" for _ in names)
        conn.exec_driver_sql(f"INSERT INTO {columns} VALUES ({marks})", _values(conn, table, rows))
        return
    sql = f"COPY {columns} FROM STDIN"
    raw = conn.connection.driver_connection  # psycopg's own, for its copy()
    assert raw is not None
    try:
        with raw.cursor() as cursor, cursor.copy(sql) as copy:
            for values in _values(conn, table, rows):
                copy.write_row(values)
    except dialect.loaded_dbapi.Error as exc:
        # As if it went through conn.execute: IntegrityError for a duplicate key, etc.
        raise DBAPIError.instance(
            sql, None, exc, dialect.loaded_dbapi.Error, dialect=dialect
        ) from exc


def _values(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """Each row's values in the first row's key order, as the driver takes them: through
    each column's bind processor for this dialect (datetimes as SQLite's text, booleans
    as its integers, and so on), None as None. A batch's rows share one timestamp object,
    so a value that is the same object as the row before's is processed once."""
    names = list(rows[0])
    dialect = conn.dialect
    procs = [table.c[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names]
    if all(proc is None for proc in procs):
        return [tuple(row[n] for n in names) for row in rows]
    last: list[tuple[Any, Any]] = [(None, None)] * len(names)  # (value in, value out)
    out = []
    for row in rows:
        values = [row[n] for n in names]
        for i, proc in enumerate(procs):
            value = values[i]
            if proc is None or value is None:
                continue
            seen, made = last[i]
            if value is not seen:
                made = proc(value)
                last[i] = (value, made)
            values[i] = made
        out.append(tuple(values))
    return out


def among(
    conn: Connection, column: ColumnElement[str], ids: Collection[str]
) -> ColumnElement[bool]:
    """``column IN ids`` as one array parameter on PostgreSQL (one cached statement)."""
    if conn.dialect.name == "postgresql":
        return column == any_(bindparam("ids", list(ids), type_=ARRAY(String), unique=True))
    return column.in_(list(ids))
