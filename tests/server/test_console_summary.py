# SPDX-License-Identifier: Apache-2.0
"""The summary rows give the overview and the ranking exactly what the plain SQL gives.

A demo county goes through the real feed in small batches; then sites change industry,
hazards are corrected and move on, a document is voided, all through the feed again.
Every figure of the overview and every ranking metric, for every scope level and period,
is compared with the plain GROUP BY over console_hazard (the summaries switched off), and
the summaries kept by difference are compared with ones rebuilt from scratch.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.server import auth
from fieldcheck.server.console import (
    codes,
    demo,
    figures,
    ledger,
    project,
    queries,
    ranking,
    summary,
    summary_rebuild,
)
from fieldcheck.server.console.tables import HZ
from fieldcheck.server.db import open_engine
from fieldcheck.server.ingest import apply_push
from fieldcheck.server.tables import RecordRow, VersionRow
from fieldcheck.sync.protocol import DeviceRole, PushRequest, content_sha256

R = RecordRow.__table__  # type: ignore[attr-defined]
V = VersionRow.__table__  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = open_engine(f"sqlite:///{tmp_path_factory.mktemp('sum') / 'server.db'}")
    with pytest.MonkeyPatch.context() as m:
        m.setattr(project, "BATCH", 97)  # many batches: the differences add up
        demo.build(eng, scale="400", seed=11)
        _change_things(eng, random.Random(5))
        project.catch_up(eng)
    yield eng
    eng.dispose()


def _heads(conn: Any, entity: str) -> list[tuple[str, dict[str, Any]]]:
    rows = conn.execute(
        select(R.c.head_sha256, V.c.content_json)
        .join(V, (V.c.entity == R.c.entity) & (V.c.entity_id == R.c.entity_id))
        .where(R.c.entity == entity, V.c.sha256 == R.c.head_sha256)
        .order_by(R.c.entity_id)
    )
    return [(r.head_sha256, json.loads(r.content_json)) for r in rows]


def _change_things(engine: Engine, rng: random.Random) -> None:
    """New versions through the feed: what the first pass did not see."""
    with engine.begin() as conn:
        device, _ = auth.enroll(conn, name="改动", role=DeviceRole.GRID, jurisdiction="41")
        sites = _heads(conn, "site")[:25]
        findings = _heads(conn, "finding")
        notices = _heads(conn, "notice")[:20]
    changes: list[dict[str, Any]] = []

    def add(entity: str, content: dict[str, Any], base: str | None = None) -> None:
        changes.append(
            {
                "entity": entity,
                "entity_id": content["id"],
                "content": content,
                "sha256": content_sha256(content),
                "base_sha256": base,
            }
        )

    for sha, s in sites:  # the site's industry changes: all its hazards move group
        add("site", {**s, "industry": rng.choice(demo.INDUSTRIES)}, sha)
    for sha, n in notices[::2]:
        add("notice", {**n, "voided": True, "void_reason": "填写错误"}, sha)
    today = clock.today()
    for _sha, f in rng.sample(findings, 40):
        if rng.random() < 0.5:  # a correction: a new finding supersedes the old one
            new = {**f, "id": new_id(), "supersedes": f["id"], "level": "major"}
            new["major_status"] = "confirmed"
            add("finding", new)
        else:
            when = clock.now().isoformat()
            add(
                "finding_event",
                {
                    "id": new_id(),
                    "finding_id": f["id"],
                    "action": rng.choice(["verify_pass", "reopen", "assign"]),
                    "from_status": f["status"],
                    "to_status": rng.choice(["verified", "assigned", "closed"]),
                    "actor_id": f["found_by"],
                    "at": when,
                    "deadline": (today + timedelta(days=rng.choice([-3, 2, 9]))).isoformat(),
                },
            )
    for i in range(0, len(changes), 50):
        body = PushRequest.model_validate({"batch_id": new_id(), "changes": changes[i : i + 50]})
        with engine.begin() as conn:
            response = apply_push(conn, device, body)
        bad = [r for r in response.receipts if r.status not in ("accepted", "duplicate")]
        assert not bad, bad[:2]


def _periods() -> list[queries.Period]:
    today = clock.today()
    out = [queries.Period.of(k, today) for k in ("today", "week", "month", "year")]
    out += [p.previous() for p in out]
    out.append(queries.Period.of("range", today, str(today - timedelta(40)), str(today)))
    return out


def _plain(monkeypatch: pytest.MonkeyPatch, fn: Any, *args: Any) -> Any:
    with monkeypatch.context() as m:
        m.setattr(summary, "fast", lambda scope, n: False)
        m.setattr(summary, "period_kind", lambda start, end: None)
        return fn(*args)


SCOPES = ["41", "4101", "410105", "410105003", "410105003002"]


def test_overview_and_ranking_equal_the_plain_sql(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = clock.today()
    checked = 0
    with engine.connect() as conn:
        for scope in SCOPES:
            kids = codes.children(conn, scope)
            n = queries.child_length(conn, scope, kids)
            for p in _periods():
                fast = figures.overview(conn, scope, p, today, n)
                assert fast == _plain(monkeypatch, figures.overview, conn, scope, p, today, n)
                checked += fast["total"]["found"]
                rank = ranking.ranking(conn, scope, p, kids, n, ranking.DEFAULT_WEIGHTS)
                plain = _plain(
                    monkeypatch,
                    ranking.ranking,
                    conn,
                    scope,
                    p,
                    kids,
                    n,
                    ranking.DEFAULT_WEIGHTS,
                )
                assert rank == plain, (scope, p)
    assert checked > 400  # the comparisons saw the hazards (not empty results)


def _sums(engine: Engine) -> dict[str, set[tuple[Any, ...]]]:
    out = {}
    with engine.connect() as conn:
        for table in (summary.HS, summary.VS, summary.NS, summary.SP):
            rows = conn.execute(select(table)).all()
            # Rows that netted to zero stay; they count nothing.
            out[table.name] = {
                tuple(r)
                for r in rows
                if any(v for k, v in r._mapping.items() if k in {*summary.COUNTS, "n"})
            }
    return out


def test_the_kept_summaries_equal_a_rebuild(engine: Engine) -> None:
    kept = _sums(engine)
    with engine.begin() as conn:
        summary_rebuild.rebuild(conn)
    rebuilt = _sums(engine)
    assert all(rebuilt.values())
    assert kept == rebuilt


def test_major_figures_count_what_the_expert_confirmed(engine: Engine) -> None:
    """重大隐患 on the overview, the 日通报 and the ledger it links to are the major hazards
    the expert confirmed; the ones awaiting him are 疑似重大隐患, counted apart."""
    today = clock.today()
    p = queries.Period.of("year", today)
    with engine.connect() as conn:
        rows = conn.execute(
            select(HZ.c.level, HZ.c.major_status, HZ.c.open, HZ.c.found_on).where(
                HZ.c.superseded.is_(False), HZ.c.found_on >= p.start, HZ.c.found_on <= p.end
            )
        ).all()
        major = [r for r in rows if r.level == "major" and r.major_status != "suspected"]
        maybe = [r for r in rows if r.level == "major" and r.major_status == "suspected"]
        assert major and maybe  # both kinds are there to tell apart
        for n in (6, 9):  # from the summary rows and by the plain GROUP BY
            total = figures.overview(conn, "41", p, today, n)["total"]
            assert (total["major"], total["major_open"]) == (
                len(major),
                sum(r.open for r in major),
            )
            assert (total["suspected"], total["suspected_open"]) == (
                len(maybe),
                sum(r.open for r in maybe),
            )
        for level, want in (("major", major), ("suspected", maybe)):
            f = ledger.Filter(level=level, found_from=p.start, found_to=p.end)
            listed = conn.execute(
                select(func.count()).select_from(HZ).where(*ledger.conditions("41", f, today))
            ).scalar_one()
            assert listed == len(want), level
        day = max(r.found_on for r in maybe)
        daily = figures.daily(conn, "41", day, 6)["day"]
        assert sum(v["major"] for v in daily.values()) == sum(r.found_on == day for r in major)
        assert sum(v["suspected"] for v in daily.values()) == sum(r.found_on == day for r in maybe)
