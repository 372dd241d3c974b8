# SPDX-License-Identifier: Apache-2.0
"""County console at a million hazards: overview, a ledger page, the ranking, a 100k export.

The database is `fieldcheck-server demo --scale 1000000` (8 counties of 郑州市, 1,000,000
hazards in the console's read model), built once and kept under
$FIELDCHECK_BENCH_CACHE (default /tmp/fieldcheck-bench-console). SQLite by default;
PostgreSQL when FIELDCHECK_BENCH_PG_URL (or FIELDCHECK_TEST_PG_URL) names a database
this benchmark may fill. Each figure has the plain SQL statement doing the same work,
run through the driver in the same run, as its baseline.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import resource
import time
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from fieldcheck.core import clock
from fieldcheck.server.console import codes, demo, export, figures, ledger, queries, ranking
from fieldcheck.server.console.tables import HZ
from fieldcheck.server.db import open_engine
from harness import Result, benchmark, p50_ms

SCALE = int(os.environ.get("FIELDCHECK_BENCH_CONSOLE_SCALE", "1000000"))
CITY = "4101"  # all eight counties: the widest scope, the worst case
COUNTY = "410105"


def _engine() -> tuple[Engine, str]:
    url = os.environ.get("FIELDCHECK_BENCH_PG_URL") or os.environ.get("FIELDCHECK_TEST_PG_URL")
    if url:
        engine = open_engine(url)
        where = "postgresql"
    else:
        cache = Path(os.environ.get("FIELDCHECK_BENCH_CACHE", "/tmp/fieldcheck-bench-console"))
        cache.mkdir(parents=True, exist_ok=True)
        engine = open_engine(f"sqlite:///{cache / f'console-{SCALE}.db'}")
        where = "sqlite"
    with engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(HZ)).scalar_one()
    if have != SCALE:
        if have:
            with engine.begin() as conn:
                for t in reversed(HZ.metadata.sorted_tables):
                    if t.name.startswith("console_"):
                        conn.execute(t.delete())
        t0 = time.perf_counter()
        demo.build(engine, scale=str(SCALE), seed=7)
        print(f"  built {SCALE:,} hazards in {time.perf_counter() - t0:.0f} s ({where})")
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
        else:
            with engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
    return engine, where


_STATE: dict[str, Any] = {}


def _db() -> tuple[Engine, str]:
    if "engine" not in _STATE:
        _STATE["engine"], _STATE["where"] = _engine()
    return _STATE["engine"], _STATE["where"]


def _year() -> queries.Period:
    return queries.Period.of("year", clock.today())


def _raw(engine: Engine, sql: str, params: dict[str, Any]) -> Any:
    with engine.connect() as conn:
        return conn.exec_driver_sql(
            sql, params if engine.dialect.name != "sqlite" else tuple(params.values())
        ).all()


def _ph(engine: Engine, names: list[str]) -> list[str]:
    return ["?" if engine.dialect.name == "sqlite" else f"%({n})s" for n in names]


@benchmark("console_overview_1m")
def overview_bench() -> list[Result]:
    engine, where = _db()
    p = _year()
    today = clock.today()
    with engine.connect() as conn:
        kids = codes.children(conn, CITY)
    n = queries.child_length(None, CITY, kids)  # type: ignore[arg-type]

    def console() -> None:
        with engine.connect() as conn:
            figures.overview(conn, CITY, p, today, n)

    a, b, c, d = _ph(engine, ["lo", "hi", "s", "e"])
    sql = (
        "SELECT substr(jurisdiction, 1, 6), count(*), sum(CASE WHEN NOT open THEN 1 ELSE 0 END), "
        "sum(CASE WHEN level = 'major' THEN 1 ELSE 0 END) FROM console_hazard "
        f"WHERE jurisdiction >= {a} AND jurisdiction < {b} AND found_on >= {c} AND found_on <= {d} "
        "GROUP BY substr(jurisdiction, 1, 6)"
    )
    params = {"lo": CITY, "hi": "4102", "s": p.start, "e": p.end}
    ms = p50_ms(console, repeat=7, warmup=1)
    base = p50_ms(lambda: _raw(engine, sql, params), repeat=7, warmup=1)
    return [
        Result(
            "console_overview_1m",
            ms,
            "ms p50",
            "plain SQL: one GROUP BY of three figures",
            base,
            f"{where}, {SCALE:,} hazards, city scope, this year; goal < 300 ms",
        )
    ]


FILTERS = [  # every filter of the ledger on its own, each order, and a few together
    {},
    {"dir": "asc"},
    {"status": "open"},
    {"status": "rectified"},
    {"status": "assigned"},
    {"status": "verified"},
    {"status": "closed"},
    {"status": "revisit"},
    {"status": "found"},  # none in the demo: the worst case of a walk that finds nothing
    {"level": "major"},
    {"overdue": "1"},
    {"due_soon": "1"},
    {"child": COUNTY},
    {"child": f"{COUNTY}003"},  # a township
    {"industry": "餐饮", "sort": "deadline"},
    {"supervised": "1", "sort": "site", "dir": "asc"},
    {"noticed": "1"},
    {"reopened": "1"},
    {"reopened": "1", "sort": "deadline"},
    {"status": "revisit", "sort": "site"},
    {"q": "有限空间"},
    {"from": "2026-09-01", "to": "2026-09-30"},
    {"sort": "deadline"},
    {"sort": "deadline", "dir": "asc"},
    {"sort": "site"},
    {"overdue": "1", "sort": "deadline", "dir": "asc"},
    {"due_soon": "1", "sort": "deadline", "dir": "asc"},
    {"level": "major", "status": "open"},
    {"child": COUNTY, "overdue": "1"},
    {"child": f"{COUNTY}003", "status": "open"},
]


def _page_ms(engine: Engine, f: ledger.Filter, cursor: str) -> float:
    today = clock.today()

    def run() -> None:
        with engine.connect() as conn:
            ledger.ledger_page(conn, CITY, f, today, cursor)

    return p50_ms(run, repeat=7, warmup=1)


@benchmark("console_ledger_page_1m")
def ledger_bench() -> list[Result]:
    engine, where = _db()
    today = clock.today()
    timed: list[tuple[float, str]] = []
    for args in FILTERS:
        f = ledger.Filter.from_query(args)
        with engine.connect() as conn:
            first = ledger.ledger_page(conn, CITY, f, today)
        timed.append((_page_ms(engine, f, ""), f"{args or 'no filter'} page 1"))
        if first.after:
            timed.append((_page_ms(engine, f, first.after), f"{args or 'no filter'} page 2"))
    # Deep pages: the keyset cursor of the row 500,000 and 900,000 rows in.
    f = ledger.Filter()
    for depth in (500_000, 900_000):
        with engine.connect() as conn:
            row = conn.execute(
                ledger.ledger_select(CITY, f, today, engine.dialect.name).offset(depth).limit(1)
            ).first()
        if row is not None:
            cursor = ledger.cursor_of(f, row)
            timed.append((_page_ms(engine, f, cursor), f"page at row {depth:,}"))
    a, b = _ph(engine, ["lo", "hi"])
    sql = (
        "SELECT * FROM console_hazard WHERE jurisdiction >= "
        f"{a} AND jurisdiction < {b} AND NOT superseded ORDER BY found_at DESC, id DESC LIMIT 51"
    )
    base = p50_ms(lambda: _raw(engine, sql, {"lo": CITY, "hi": "4102"}), repeat=7, warmup=1)
    values = sorted(ms for ms, _ in timed)
    slowest = max(timed)
    return [
        Result(
            "console_ledger_page_1m",
            values[len(values) // 2],
            "ms p50",
            "plain SQL: first page, no filter",
            base,
            f"{where}, {len(timed)} pages over {len(FILTERS)} filters and depths to 900,000 "
            f"(each its own p50); slowest {slowest[0]:.0f} ms ({slowest[1]}); "
            f"{sum(ms >= 100 for ms in values)} at 100 ms or more; goal < 100 ms",
        ),
    ]


@benchmark("console_ranking_1m")
def ranking_bench() -> list[Result]:
    engine, where = _db()
    at = clock.today()
    p = queries.Period.of("month", at)
    with engine.connect() as conn:
        kids = codes.children(conn, CITY)

    def run() -> None:
        with engine.connect() as conn:
            now = ranking.ranking(conn, CITY, p, kids, 6, ranking.DEFAULT_WEIGHTS)
            before = ranking.ranking(conn, CITY, p.previous(), kids, 6, ranking.DEFAULT_WEIGHTS)
            ranking.with_movement(now, before)

    a, b = _ph(engine, ["lo", "hi"])
    sql = (
        "SELECT substr(jurisdiction, 1, 6), count(*), sum(CASE WHEN NOT open THEN 1 ELSE 0 END) "
        f"FROM console_hazard WHERE jurisdiction >= {a} AND jurisdiction < {b} "
        "GROUP BY substr(jurisdiction, 1, 6)"
    )
    ms = p50_ms(run, repeat=5, warmup=1)
    base = p50_ms(lambda: _raw(engine, sql, {"lo": CITY, "hi": "4102"}), repeat=5, warmup=1)
    return [
        Result(
            "console_ranking_1m",
            ms,
            "ms p50",
            "plain SQL: one GROUP BY over all hazards",
            base,
            f"{where}, this month and last, five metrics per county; goal < 1000 ms",
        )
    ]


def _openpyxl_xlsx(rows: Any, title: str, today: date) -> int:
    """The same workbook in openpyxl's write-only mode (the writer the export had before)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from fieldcheck.reports.ledger_xlsx import COLUMNS, DATE_FORMAT

    value = export.row_values(today, rows[0]._fields) if rows else None
    dates = [c for c, (*_x, is_date) in enumerate(COLUMNS) if is_date]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("隐患台账")
    ws.append([title])
    ws.append([h for h, *_ in COLUMNS])
    for n, row in enumerate(rows, start=1):
        assert value is not None
        out: list[Any] = value(row, n)
        for c in dates:
            if out[c] is not None:
                out[c] = WriteOnlyCell(ws, value=out[c])
                out[c].number_format = DATE_FORMAT
        ws.append(out)
    buf = io.BytesIO()
    wb.save(buf)
    return len(buf.getvalue())


def _export_in_child(engine: Engine, limit: int) -> tuple[float, float, int]:
    """Export limit rows in a forked child: (seconds, peak RSS growth in MB, bytes)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its own peak RSS, starting from the parent's
        os.close(read)
        engine.dispose(close=False)
        today = clock.today()
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        size = 0
        with engine.connect() as conn:
            rows = itertools.islice(
                ledger.ledger_rows(conn, CITY, ledger.Filter(), today, export.EXPORT_COLUMNS),
                limit,
            )
            for chunk in export.ledger_xlsx(rows, "隐患台账", today):
                size += len(chunk)
        seconds = time.perf_counter() - t0
        grew = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024
        os.write(write, f"{seconds} {grew} {size}".encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as r:
        text = r.read()
    os.waitpid(pid, 0)
    seconds, grew, size = text.split()
    return float(seconds), float(grew), int(size)


@benchmark("console_export_100k")
def export_100k() -> list[Result]:
    engine, where = _db()
    today = clock.today()
    f = ledger.Filter()
    n = min(100_000, SCALE)
    # The two writers on the same rows, held in memory, so only the writing is timed.
    with engine.connect() as conn:
        same = list(
            itertools.islice(
                ledger.ledger_rows(conn, CITY, f, today, export.EXPORT_COLUMNS), 20_000
            )
        )
    t0 = time.perf_counter()
    for _chunk in export.ledger_xlsx(same, "隐患台账", today):
        pass
    xlsxwriter_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    _openpyxl_xlsx(same, "隐患台账", today)
    openpyxl_s = time.perf_counter() - t0
    del same
    # Memory against row count: each size exported in its own process.
    sizes = sorted({n // 10, n // 2, n})
    runs = {k: _export_in_child(engine, k) for k in sizes}
    seconds, _grew, size = runs[n]
    rss = ", ".join(f"{k:,} rows +{runs[k][1]:.0f} MB" for k in sizes)
    t0 = time.perf_counter()
    out = io.StringIO()
    w = csv.writer(out)
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=2000).exec_driver_sql(
            "SELECT * FROM console_hazard ORDER BY found_at DESC, id DESC"
        )
        for row in itertools.islice(result, n):
            w.writerow(row)
    base = time.perf_counter() - t0
    return [
        Result(
            "console_export_100k",
            seconds,
            "s",
            "plain SQL rows written as CSV",
            base,
            f"{where}, {n:,} rows, {size / 1e6:.1f} MB xlsx; peak RSS growth {rss}; "
            f"writers on the same 20,000 rows: the export's (rows spliced into an XlsxWriter "
            f"workbook) {xlsxwriter_s:.2f} s, openpyxl write-only {openpyxl_s:.2f} s; "
            f"goal < 15 s, memory flat",
        ),
    ]


_ = date
