# SPDX-License-Identifier: Apache-2.0
"""Issue 2 figures: recording findings one use case at a time, and ledger queries at 100k."""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from fieldcheck.core import clock
from fieldcheck.core.terms import Role
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.findings import findings, ledger
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites
from harness import Result, benchmark, p50_ms

N_RECORD = 10_000
N_LEDGER = 100_000
PAGE = 100  # what the ledger view fetches at a time


def _setup(home: Path) -> tuple[AppContext, str, str]:
    ctx = open_context(home)
    p = sites.add_person(ctx, {"name": "李建国", "role": Role.GRID}, actor_id="bench")
    s = sites.register_site(
        ctx, {"name": "金水木业", "address": "金水路1号", "jurisdiction": "410105"}, actor_id=p.id
    )
    insp = inspections.start_inspection(ctx, site_id=s.id, inspector_ids=[p.id], actor_id=p.id)
    return ctx, insp.id, p.id


@benchmark("record_findings")
def record_findings() -> list[Result]:
    with tempfile.TemporaryDirectory() as d:
        ctx, insp_id, pid = _setup(Path(d) / "h")
        t0 = time.perf_counter()
        for i in range(N_RECORD):
            findings.record_finding(
                ctx, inspection_id=insp_id, description=f"隐患{i}", place="车间", actor_id=pid
            )
        app_s = time.perf_counter() - t0
        ctx.close()
        # Baseline: the same durable commits (WAL, synchronous=FULL) in raw sqlite3,
        # one finding row + one event row per transaction.
        con = sqlite3.connect(Path(d) / "raw.db", isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("CREATE TABLE f(id TEXT PRIMARY KEY, d TEXT, status TEXT, at TEXT)")
        con.execute("CREATE TABLE e(id TEXT PRIMARY KEY, f TEXT, a TEXT, at TEXT)")
        t0 = time.perf_counter()
        for i in range(N_RECORD):
            fid = str(uuid.uuid4())
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT INTO f VALUES (?,?,?,?)", (fid, f"隐患{i}", "found", "now"))
            con.execute("INSERT INTO e VALUES (?,?,?,?)", (str(uuid.uuid4()), fid, "record", "now"))
            con.execute("COMMIT")
        raw_s = time.perf_counter() - t0
        con.close()
    return [
        Result(
            "record_findings",
            N_RECORD / app_s,
            "findings/s",
            "raw sqlite3 commits",
            N_RECORD / raw_s,
            note="each with its event, audit entry and outbox row; fsync per commit",
        )
    ]


def _bulk_ledger(home: Path) -> tuple[AppContext, str]:
    """100k findings over 500 sites, inserted in bulk (the records, not the use cases)."""
    ctx, insp_id, pid = _setup(home)
    rng = random.Random(1)
    con = sqlite3.connect(ctx.db.path)
    now = datetime.now(UTC).replace(tzinfo=None)
    site_ids = [str(uuid.uuid4()) for _ in range(500)]
    con.executemany(
        "INSERT INTO site (id,name,address,industry,kind_of_place,jurisdiction,legal_rep,"
        "contact_name,contact_phone,risk_level,created_at,updated_at,uscc) "
        "VALUES (?,?,?,'','','410105','','','','low',?,?,NULL)",
        [(sid, f"单位{i}", "地址", now, now) for i, sid in enumerate(site_ids)],
    )
    statuses = [
        "found",
        "assigned",
        "rectifying",
        "verified",
        "failed_verification",
        "closed",
        "revisit",
    ]
    today = date.today()
    rows = []
    for i in range(N_LEDGER):
        rows.append(
            (
                str(uuid.uuid4()),
                insp_id,
                rng.choice(site_ids),
                f"隐患描述{i}",
                "车间",
                rng.choice(["general"] * 9 + ["major"]),
                rng.choice(statuses),
                today + timedelta(days=rng.randint(-60, 60)),
                now - timedelta(minutes=i),
                pid,
                now,
            )
        )
    con.executemany(
        "INSERT INTO finding (id,inspection_id,site_id,description,place,level,status,deadline,"
        "found_at,found_by,updated_at,measures,version,frozen) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,'',1,0)",
        rows,
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()
    return ctx, site_ids[7]


@benchmark("ledger_query_status_site", "ledger_query_overdue", "ledger_counts")
def ledger_queries() -> list[Result]:
    out = []
    with tempfile.TemporaryDirectory() as d:
        ctx, site_id = _bulk_ledger(Path(d) / "h")
        raw = sqlite3.connect(ctx.db.path)
        today = clock.today()
        f_site = ledger.ledger_filter(status="assigned", site_id=site_id, limit=PAGE)
        f_overdue = ledger.ledger_filter(overdue=True, limit=PAGE)
        join = (
            "SELECT f.*, s.* FROM finding f JOIN site s ON s.id=f.site_id "
            "WHERE f.superseded_by IS NULL "
        )
        order = " ORDER BY f.found_at DESC, f.id DESC LIMIT ?"
        cases = [
            (
                "ledger_query_status_site",
                lambda: ledger.ledger(ctx, f_site),
                lambda: raw.execute(
                    join + "AND f.status=? AND f.site_id=?" + order, ("assigned", site_id, PAGE)
                ).fetchall(),
            ),
            (
                "ledger_query_overdue",
                lambda: ledger.ledger(ctx, f_overdue),
                lambda: raw.execute(
                    join + "AND f.status IN ('found','assigned','rectifying',"
                    "'failed_verification') AND f.deadline < ?"
                    " ORDER BY f.deadline, f.id LIMIT ?",
                    (today.isoformat(), PAGE),
                ).fetchall(),
            ),
            (
                "ledger_counts",
                lambda: ledger.counts(ctx),
                lambda: [
                    raw.execute(q).fetchall()
                    for q in (
                        "SELECT count(*) FROM site",
                        "SELECT count(*) FROM inspection",
                        "SELECT count(*) FROM finding WHERE superseded_by IS NULL",
                        "SELECT count(*) FROM photo",
                        "SELECT count(*) FROM outbox WHERE receipt_at IS NULL",
                        "SELECT status, level, count(*) FROM finding WHERE superseded_by IS NULL"
                        " GROUP BY status, level",
                        f"SELECT count(*) FROM finding WHERE superseded_by IS NULL AND status IN "
                        f"('found','assigned','rectifying','failed_verification') "
                        f"AND deadline < '{today.isoformat()}'",
                    )
                ],
            ),
        ]
        for name, app_fn, raw_fn in cases:
            app = p50_ms(app_fn, repeat=25)
            base = p50_ms(raw_fn, repeat=25)
            out.append(
                Result(
                    name,
                    app,
                    "ms p50",
                    "raw sqlite3",
                    base,
                    note=f"{N_LEDGER} findings; page of {PAGE}",
                )
            )
        raw.close()
        ctx.close()
    return out
