# SPDX-License-Identifier: Apache-2.0
"""周晾晒/月排名: a unit with nothing to measure is 无可计 and sits after those ranked (page,
xlsx, PDF table); a metric with nothing to measure is left out of the index, not met."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from console_world import COUNTY, World, build
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from fieldcheck.core import clock
from fieldcheck.server.app import create_app
from fieldcheck.server.console import codes, queries, ranking, ranking_web

EMPTY = "330106003"  # a township in the code table with no sites, no inspections, no hazards


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    app = create_app(tmp_path / "srv")
    with TestClient(app) as client:
        w = build(client)
        with app.state.server.engine.begin() as conn:
            codes.import_rows(conn, codes.parse_csv(f"code,name\n{EMPTY},北山街道\n"))
        yield w
    app.state.server.engine.dispose()


def _rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)


def test_a_township_with_nothing_to_measure_is_not_ranked_first(world: World) -> None:
    c = world.login("county")
    for url in ["/console/ranking", "/console/ranking?kind=month"]:
        rows = _rows(c.get(url).text)
        assert len(rows) == 3, url
        assert "北山街道" in rows[-1], url  # last, not first with 100.0
        assert "无可计" in rows[-1] and "100.0" not in rows[-1], url
        first = re.search(r'<td class="n">(\S+?)[<\s]', rows[-1])
        assert first and first.group(1) == "—", url  # no 名次
        for row in rows[:2]:
            assert "无可计" not in row and re.search(r"<b>\d+\.\d</b>", row), url


def test_the_exports_say_the_same(world: World) -> None:
    c = world.login("county")
    xlsx = load_workbook(io.BytesIO(c.get("/console/ranking.xlsx").content), read_only=True)
    table = [r for r in xlsx.active.iter_rows(values_only=True) if r and r[0] != "权重"]  # type: ignore[union-attr]
    head = next(i for i, r in enumerate(table) if r[0] == "名次")
    units = [r for r in table[head + 1 :] if r[1]]
    assert [u[2] for u in units][-1] == EMPTY
    assert units[-1][0] is None and units[-1][8] == "无可计"
    assert all(isinstance(u[0], int) and isinstance(u[8], (int, float)) for u in units[:-1])
    assert c.get("/console/ranking.pdf").content.startswith(b"%PDF")
    engine = c.app.state.server.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        label, kids = codes.label(conn, COUNTY), codes.children(conn, COUNTY)
        n = queries.child_length(conn, COUNTY, kids)
        p = queries.Period.of("week", clock.today())
        now = ranking.ranking(conn, COUNTY, p, kids, n, ranking.DEFAULT_WEIGHTS)
    data = {"label": label, "rows": ranking.with_movement(now, now), "p": p}
    pdf_rows = ranking_web._ranking_table(data)
    assert pdf_rows[-1][:2] == ["—", "北山街道"] and pdf_rows[-1][-2:] == ["无可计", "—"]


def test_a_metric_with_nothing_to_measure_is_left_out_of_the_index() -> None:
    w = ranking.DEFAULT_WEIGHTS
    only_coverage = {"coverage": 0.1, **{k: None for k in w if k != "coverage"}}
    assert ranking.index_of(only_coverage, w) == 10.0  # was 77.5: the rest counted as met
    assert ranking.index_of(dict.fromkeys(w), w) is None
    rows = [
        {"code": "a", "index": None},
        {"code": "b", "index": 40.0},
        {"code": "c", "index": 90.0},
        {"code": "d", "index": None},
    ]
    out = ranking.with_movement(ranking.ranked(rows), [])
    assert [(d["code"], d["rank"]) for d in out] == [("c", 1), ("b", 2), ("a", None), ("d", None)]
    before = [{"code": "a", "rank": 1}, {"code": "b", "rank": 2}]
    assert [d["movement"] for d in ranking.with_movement(out, before)] == [None, 0, None, None]
    five = [{"code": c, "index": float(i)} for i, c in enumerate("vwxyz")] + [
        {"code": "n", "index": None}
    ]
    marked = ranking.with_movement(ranking.ranked(five), [])
    assert [d["code"] for d in marked if d["bottom"]] == ["x", "w", "v"]  # not the unranked
