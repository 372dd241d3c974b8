# SPDX-License-Identifier: Apache-2.0
"""Signing test helpers: a store with people, keys, a site and findings, made once, copied per test.

Key sealing is deliberately slow (scrypt), so the keys are enrolled once per session.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from fieldcheck.core.terms import Role
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.evidence import photos
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import inspections
from fieldcheck.services.major import keys
from fieldcheck.services.sites import sites

GRID_PASS = "grid-passphrase-1"
EXPERT_PASS = "expert-passphrase-1"
CLAUSE = ("gongmao-2023", "第十一条第（一）项")


@dataclass(frozen=True)
class World:
    """Ids in the pristine store."""

    grid: str
    expert: str
    expert2: str
    supervisor: str
    site_rep: str
    site: str
    finding: str  # with one evidence photo
    other: str  # a second finding at the same site
    third: str


def png(seed: int = 1, size: tuple[int, int] = (320, 120)) -> bytes:
    """A small PNG with a stroke; different seeds give different bytes."""
    img = Image.new("RGB", size, (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.line([(10, 100), (80 + seed * 7, 20), (200, 90 - seed), (size[0] - 10, 30)], fill=0, width=4)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def jpeg_file(path: Path, seed: int) -> Path:
    img = Image.new("RGB", (640, 480), (seed * 40 % 255, 120, 200))
    ImageDraw.Draw(img).rectangle([50, 50, 300 + seed, 300], fill=(200, 30, 30))
    img.save(path, "JPEG", quality=90)
    return path


@pytest.fixture(scope="session")
def _pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    root = tmp_path_factory.mktemp("signing") / "home"
    c = open_context(root)
    add = sites.add_person
    grid = add(c, {"name": "李建国", "role": Role.GRID}, actor_id="t").id
    expert = add(c, {"name": "陈志强", "role": Role.EXPERT}, actor_id="t").id
    expert2 = add(c, {"name": "周敏", "role": Role.EXPERT}, actor_id="t").id
    supervisor = add(c, {"name": "刘芳", "role": Role.SUPERVISOR}, actor_id="t").id
    site_rep = add(c, {"name": "赵强", "role": Role.SITE_REP}, actor_id="t").id
    site = sites.register_site(
        c,
        {"name": "郑州某机械厂", "address": "郑州市金水区丰产路1号", "jurisdiction": "410105001"},
        actor_id="t",
    ).id
    insp = inspections.start_inspection(c, site_id=site, inspector_ids=[grid], actor_id=grid)
    ids = []
    for text in ("抛光车间粉尘爆炸危险场所内设有员工休息室", "除尘器未设置泄爆装置", "配电箱无门"):
        f = findings.record_finding(
            c, inspection_id=insp.id, description=text, place="抛光车间", actor_id=grid
        )
        ids.append(f.id)
    photos.attach_photos(c, ids[0], [jpeg_file(root.parent / "e1.jpg", 1)], actor_id=grid)
    keys.enroll_key(c, grid, GRID_PASS)
    keys.enroll_key(c, expert, EXPERT_PASS)
    keys.enroll_key(c, expert2, EXPERT_PASS)
    keys.enroll_key(c, supervisor, EXPERT_PASS)
    c.close()
    world = World(grid, expert, expert2, supervisor, site_rep, site, *ids)
    return root, world


@pytest.fixture
def world(_pristine: tuple[Path, World]) -> World:
    return _pristine[1]


@pytest.fixture
def home(_pristine: tuple[Path, World], tmp_path: Path) -> Path:
    target = tmp_path / "home"
    shutil.copytree(_pristine[0], target)
    return target


@pytest.fixture
def sctx(home: Path) -> Iterator[AppContext]:
    c = open_context(home)
    yield c
    c.close()


def sql(home: Path, statement: str, *params: object) -> None:
    """Change the database file by hand, as someone with a SQLite tool would."""
    con = sqlite3.connect(home / "fieldcheck.db")
    try:
        con.execute(statement, params)
        con.commit()
    finally:
        con.close()


def counts(home: Path) -> dict[str, int]:
    """Rows per table that a refused step must not touch."""
    con = sqlite3.connect(home / "fieldcheck.db")
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("signature", "site_ack", "finding_event", "audit_event", "outbox", "blob")
        }
    finally:
        con.close()
