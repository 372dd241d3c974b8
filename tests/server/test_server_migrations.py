# SPDX-License-Identifier: Apache-2.0
"""The server's migrations, on SQLite and PostgreSQL: a fresh database goes from base to
head, and a database left at the revision before a data-filling migration (0005 the
console summaries, 0011 the campaign figures) with a read model in it comes to head with
the rows those migrations compute equal to what the application computes from the same
read model now (the migrations carry their own frozen copy of that code).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine
from test_postgres import pg_url  # noqa: F401 - the PostgreSQL fixture

from fieldcheck.server import db
from fieldcheck.server.console import campaign_figures, summary_rebuild

KEPT = (  # the tables 0005 and 0011 fill, and the column 0011 adds
    "console_hazard_sum",
    "console_visit_sum",
    "console_notice_sum",
    "console_site_period",
    "console_coverage_sum",
    "console_site_sum",
    "console_campaign_hazards",
)
CAMPAIGN = ("console_campaign_hazards", "visited_on")  # what 0011 fills
AT = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    engine = db.make_engine(url or db.sqlite_url(tmp_path))
    yield engine
    engine.dispose()


def _upgrade(engine: Engine, revision: str) -> None:
    url = engine.url.render_as_string(hide_password=False)
    with engine.begin() as conn:
        cfg = db._config(url)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def _downgrade(engine: Engine, revision: str) -> None:
    url = engine.url.render_as_string(hide_password=False)
    with engine.begin() as conn:
        cfg = db._config(url)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def _current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _head(engine: Engine) -> str | None:
    url = engine.url.render_as_string(hide_password=False)
    return ScriptDirectory.from_config(db._config(url)).get_current_head()


def _filler(column: sa.Column[Any]) -> Any:
    """A plain value for a NOT NULL column the test does not care about."""
    kind = column.type.python_type
    if kind is bool:
        return False
    if kind is int:
        return 0
    if kind is datetime:
        return AT
    if kind is date:
        return AT.date()
    return ""


def _insert(conn: Connection, name: str, rows: list[dict[str, Any]]) -> None:
    """Rows into the table as it is at the current revision (reflected), other NOT NULL
    columns filled with plain values."""
    table = sa.Table(name, sa.MetaData(), autoload_with=conn)
    full = []
    for row in rows:
        rest = {
            c.name: _filler(c)
            for c in table.columns
            if c.name not in row and not c.nullable and c.server_default is None
        }
        full.append({**rest, **row})
    conn.execute(table.insert(), full)


def _read_model(conn: Connection) -> None:
    """Two townships' sites, inspections over two months, hazards of every kind the
    summaries tell apart, notices (one voided), a campaign with a register."""
    grid_a, grid_b = "330106001001", "330106002003"
    sites = [("s1", grid_a, "五金"), ("s2", grid_a, "餐饮"), ("s3", grid_b, "五金")]
    _insert(
        conn, "console_site", [{"id": i, "jurisdiction": j, "industry": n} for i, j, n in sites]
    )
    visits = [
        ("i1", "s1", date(2026, 3, 2)),
        ("i2", "s1", date(2026, 3, 9)),
        ("i3", "s2", date(2026, 3, 31)),
        ("i4", "s3", date(2026, 4, 1)),
        ("i5", "s1", date(2026, 5, 20)),  # after the campaign
    ]
    jur = {s: j for s, j, _ in sites}
    ind = {s: n for s, _, n in sites}
    _insert(
        conn,
        "console_inspection",
        [
            {"id": i, "site_id": s, "jurisdiction": jur[s], "industry": ind[s], "day": d}
            for i, s, d in visits
        ],
    )
    hazards = [  # id, site, found, level, open, on_time, verified, superseded
        ("h1", "s1", date(2026, 3, 2), "general", False, True, date(2026, 3, 5), False),
        ("h2", "s1", date(2026, 3, 9), "major", True, None, None, False),
        ("h3", "s2", date(2026, 3, 31), "major", False, False, date(2026, 4, 20), False),
        ("h4", "s3", date(2026, 4, 1), "general", True, None, None, False),
        ("h5", "s3", date(2026, 4, 1), "general", True, None, None, True),  # superseded
        ("h6", "s1", date(2026, 5, 20), "general", True, None, None, False),
    ]
    _insert(
        conn,
        "console_hazard",
        [
            {
                "id": h,
                "site_id": s,
                "inspection_id": "i1",
                "jurisdiction": jur[s],
                "industry": ind[s],
                "level": level,
                "status": "open" if is_open else "closed",
                "open": is_open,
                "due_key": date(2026, 4, 30),
                "deadline": date(2026, 4, 30),
                "found_on": found,
                "on_time": on_time,
                "verified_on": verified,
                "supervised": h == "h3",
                # h2 awaits the expert (疑似重大隐患), h3 he confirmed
                "major_status": {"h2": "suspected", "h3": "confirmed"}.get(h),
                "reopened": h == "h3",
                "revisited_on": date(2026, 4, 25) if h == "h3" else None,
                "superseded": gone,
            }
            for h, s, found, level, is_open, on_time, verified, gone in hazards
        ],
    )
    _insert(
        conn,
        "console_notice",
        [
            {"id": "n1", "site_id": "s1", "jurisdiction": grid_a, "issued_on": date(2026, 3, 2)},
            {"id": "n2", "site_id": "s2", "jurisdiction": grid_a, "issued_on": date(2026, 3, 31)},
            {
                "id": "n3",
                "site_id": "s3",
                "jurisdiction": grid_b,
                "issued_on": date(2026, 4, 1),
                "voided": True,
            },
        ],
    )
    _insert(
        conn,
        "console_campaign",
        [
            {
                "id": "c1",
                "jurisdiction": "330106",
                "starts_on": date(2026, 3, 1),
                "ends_on": date(2026, 4, 30),
                "industries_json": "[]",
                "kinds_json": "[]",
                "checklists_json": "[]",
            }
        ],
    )
    _insert(
        conn,
        "console_campaign_site",
        [{"campaign_id": "c1", "site_id": s, "jurisdiction": jur[s]} for s, _, _ in sites],
    )


def _kept(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for name in KEPT:
        table = sa.Table(name, sa.MetaData(), autoload_with=conn)
        out[name] = sorted(tuple(r) for r in conn.execute(sa.select(table)))
    cs = sa.Table("console_campaign_site", sa.MetaData(), autoload_with=conn)
    visited = sa.select(cs.c.campaign_id, cs.c.site_id, cs.c.visited_on)
    out["visited_on"] = sorted(tuple(r) for r in conn.execute(visited))
    return out


def test_a_fresh_database_goes_from_base_to_head(engine: Engine) -> None:
    assert _current(engine) is None
    db.migrate(engine)
    assert _current(engine) == _head(engine)
    with engine.connect() as conn:
        names = set(sa.inspect(conn).get_table_names())
    assert set(KEPT) <= names
    db.migrate(engine)  # at head: nothing to do, nothing fails
    assert _current(engine) == _head(engine)


def test_down_past_the_summaries_and_up_again(engine: Engine) -> None:
    db.migrate(engine)
    _downgrade(engine, "0004")  # 0005's downgrade drops every table its upgrade made
    with engine.connect() as conn:
        assert not set(KEPT) & set(sa.inspect(conn).get_table_names())
    db.migrate(engine)
    assert _current(engine) == _head(engine)


@pytest.mark.parametrize("before", ["0004", "0010"])
def test_a_database_with_data_comes_to_head(engine: Engine, before: str) -> None:
    _upgrade(engine, before)
    assert _current(engine) == before
    with engine.begin() as conn:
        _read_model(conn)
    db.migrate(engine)
    assert _current(engine) == _head(engine)
    with engine.begin() as conn:
        migrated = _kept(conn)
        summary_rebuild.rebuild(conn)
        campaign_figures.rebuild(conn)
        now = _kept(conn)
    # The frozen copies agree with today's code. From 0010 on only 0011 computes from the
    # read model (the summaries came empty with 0005 and the rows went in around the feed).
    filled = list(now) if before == "0004" else CAMPAIGN
    assert {k: migrated[k] for k in filled} == {k: now[k] for k in filled}
    assert all(now[k] for k in filled)
    # and with the data, by hand
    assert migrated["visited_on"] == [
        ("c1", "s1", date(2026, 3, 2)),
        ("c1", "s2", date(2026, 3, 31)),
        ("c1", "s3", date(2026, 4, 1)),
    ]
    figures = {r[1]: r[4:] for r in migrated["console_campaign_hazards"]}
    # found, rectified, major, major rectified, suspected, suspected rectified; h6 is after
    # the campaign, h5 superseded; h2 awaits the expert: 疑似, not 重大 (0017)
    assert figures == {
        "s1": (2, 1, 0, 0, 1, 0),
        "s2": (1, 1, 1, 1, 0, 0),
        "s3": (1, 0, 0, 0, 0, 0),
    }
    if before != "0004":
        return
    # a township's hazards (h5 superseded is not counted)
    county = [r for r in migrated["console_hazard_sum"] if r[0] == 6]
    assert sum(r[6] for r in county) == 5  # found
    assert sum(r[7] for r in county) == 1  # major: h3; h2 awaits the expert (0018)
    assert sum(r[14] for r in county) == 1  # suspected: h2
    assert sum(r[9] for r in county) == 2  # verified
    assert sum(r[10] for r in county) == 1  # on time
    notices = [r[1:] for r in migrated["console_notice_sum"] if r[0] == 9]
    assert notices == [("330106001", date(2026, 3, 2), 1), ("330106001", date(2026, 3, 31), 1)]
    sites = {r[1]: r[2] for r in migrated["console_site_sum"] if r[0] == 9}
    assert sites == {"330106001": 2, "330106002": 1}
    march = [r for r in migrated["console_coverage_sum"] if r[:3] == ("month", date(2026, 3, 1), 6)]
    assert [r[3:] for r in march] == [("330106", 2)]  # s1 and s2 inspected in March


def test_a_merged_sites_inspections_come_to_cover_the_kept_site(engine: Engine) -> None:
    """0014: s2 merged into s1 before it, its inspections cover s1 and its hazards name s1."""
    _upgrade(engine, "0013")
    with engine.begin() as conn:
        _read_model(conn)
        conn.execute(sa.text("UPDATE console_site SET name = 'S1', uscc = 'U1' WHERE id = 's1'"))
        conn.execute(sa.text("UPDATE console_site SET merged_into = 's1' WHERE id = 's2'"))
    db.migrate(engine)
    with engine.begin() as conn:
        migrated = _kept(conn)
        names = set(conn.execute(sa.text("SELECT site_id, site_name, uscc FROM console_hazard")))
        summary_rebuild.rebuild(conn)
        campaign_figures.rebuild(conn)
        now = _kept(conn)
    for name in ("console_site_period", "console_coverage_sum"):
        assert migrated[name] == now[name], name
    # (the register rows came in after 0011 filled visited_on: only the kept site's is redone)
    kept = [r for r in now["visited_on"] if r[1] == "s1"]
    assert [r for r in migrated["visited_on"] if r[1] == "s1"] == kept
    assert kept == [("c1", "s1", date(2026, 3, 2))]
    assert "s2" not in {r[2] for r in migrated["console_site_period"]}
    march = [r for r in migrated["console_coverage_sum"] if r[:3] == ("month", date(2026, 3, 1), 6)]
    assert [r[3:] for r in march] == [("330106", 1)]  # s1, inspected there and as s2
    assert ("s2", "S1", "U1") in names


@pytest.mark.parametrize(
    ("merges", "kept"),
    [
        ({"s3": "s2", "s2": "s1"}, {"s1": None, "s2": "s1", "s3": "s1"}),  # a chain
        ({"s1": "s2", "s2": "s1", "s3": "s2"}, {"s1": None, "s2": "s1", "s3": "s1"}),  # a cycle
    ],
)
def test_merge_chains_come_to_count_at_their_end(
    engine: Engine, merges: dict[str, str], kept: dict[str, str | None]
) -> None:
    """0016: s3 merged into s2 and s2 into s1 (or s1 and s2 into each other): everything
    counts at s1, as the application counts it from the same read model."""
    _upgrade(engine, "0015")
    with engine.begin() as conn:
        _read_model(conn)
        conn.execute(sa.text("UPDATE console_site SET name = 'S' || id, uscc = 'U' || id"))
        conn.execute(
            sa.text("UPDATE console_hazard SET site_name = 'S' || site_id, uscc = 'U' || site_id")
        )
        for site, into in merges.items():
            conn.execute(
                sa.text("UPDATE console_site SET merged_into = :into WHERE id = :id"),
                {"into": into, "id": site},
            )
    db.migrate(engine)
    with engine.begin() as conn:
        got = dict(conn.execute(sa.text("SELECT id, kept_id FROM console_site")).all())
        assert got == kept
        migrated = _kept(conn)
        names = set(conn.execute(sa.text("SELECT site_id, site_name, uscc FROM console_hazard")))
        summary_rebuild.rebuild(conn)
        campaign_figures.rebuild(conn)
        now = _kept(conn)
    filled = ("console_site_period", "console_coverage_sum", "console_site_sum")
    for name in (*filled, *CAMPAIGN):
        assert migrated[name] == now[name], name
    assert {r[2] for r in migrated["console_site_period"]} == {"s1"}
    assert names == {(s, "Ss1", "Us1") for s in ("s1", "s2", "s3")}
    assert {r[1] for r in migrated["console_campaign_hazards"]} == {"s1"}
