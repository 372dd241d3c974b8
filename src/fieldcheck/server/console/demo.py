# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck-server demo --scale …`: a made-up county or province to try the console on.

All of it is 演示数据 (demo data): names of sites and people are invented; the area
codes follow GB/T 2260 (河南省 41, 郑州市 4101, 金水区 410105) with made-up township
and grid codes under them.

Up to ``FEED_LIMIT`` hazards the records go the real way: wire records pushed through
``ingest.apply_push`` by an enrolled demo device, then projected from the change feed.
Bigger databases (the 1,000,000-hazard benchmarks) fill the console's read model
directly in bulk (``demo_bulk``), since pushing a million records through the API would
take an hour.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine

from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.server import auth
from fieldcheck.server.console import codes, demo_bulk, demo_oversight, project, summary_rebuild
from fieldcheck.server.ingest import apply_push
from fieldcheck.sync.protocol import MAX_BATCH, DeviceRole, PushRequest, content_sha256

FEED_LIMIT = 50_000
TOWNS = [
    "经八路街道",
    "花园路街道",
    "人民路街道",
    "杜岭街道",
    "大石桥街道",
    "南阳路街道",
    "南阳新村街道",
    "文化路街道",
    "丰产路街道",
    "东风路街道",
    "北林路街道",
    "未来路街道",
    "兴达路街道",
    "国基路街道",
    "凤凰台街道",
    "祭城路街道",
]
GRIDS = ["第一网格", "第二网格", "第三网格", "第四网格"]
COUNTIES = [
    ("410102", "中原区"),
    ("410103", "二七区"),
    ("410104", "管城回族区"),
    ("410105", "金水区"),
    ("410106", "上街区"),
    ("410108", "惠济区"),
    ("410122", "中牟县"),
    ("410181", "巩义市"),
]
INDUSTRIES = ["工贸", "危险化学品", "建筑施工", "商贸", "九小场所", "餐饮", "出租房", "仓储物流"]
SITE_WORDS = ["宏达", "金鼎", "华瑞", "中原", "恒通", "鑫源", "瑞丰", "东方", "永安", "佳美"]
SITE_KINDS = ["机械制造有限公司", "商贸有限公司", "餐饮店", "物流有限公司", "建材市场", "超市"]
HAZARDS = [
    ("消防通道堆放杂物，疏散通道不畅通", "一层走廊"),
    ("灭火器压力不足，未按期检查", "仓库"),
    ("电气线路私拉乱接，未穿管保护", "车间"),
    ("安全出口指示标志损坏", "二层"),
    ("员工未经安全生产教育培训上岗", "办公室"),
    ("特种作业人员无证上岗", "焊接区"),
    ("危险化学品未分类存放", "危化品库"),
    ("粉尘涉爆场所未按规定清扫", "打磨车间"),
    ("有限空间作业未审批", "污水池"),
    ("燃气管道未安装泄漏报警装置", "后厨"),
]


def _plan(scale: str) -> tuple[list[tuple[str, str]], int]:
    """(counties, hazards) for the scale."""
    if scale == "county":
        return [("410105", "金水区")], 2_000
    if scale == "province":
        return COUNTIES, 40_000
    try:
        n = int(scale.replace("_", "").replace(",", ""))
    except ValueError:
        raise ValueError(f"--scale {scale!r}: county, province or a number of hazards") from None
    if n < 1 or n > 5_000_000:
        raise ValueError("--scale: between 1 and 5,000,000 hazards")
    return (COUNTIES if n > 20_000 else [("410105", "金水区")]), n


def _code_rows(counties: list[tuple[str, str]]) -> list[dict[str, str]]:
    rows = [
        {"code": "41", "name": "河南省", "parent": "", "level": "province"},
        {"code": "4101", "name": "郑州市", "parent": "41", "level": "city"},
    ]
    for cc, cn in counties:
        rows.append({"code": cc, "name": cn, "parent": "4101", "level": "county"})
        for t, tn in enumerate(TOWNS[:12], start=1):
            tc = f"{cc}{t:03d}"
            rows.append({"code": tc, "name": tn, "parent": cc, "level": "township"})
            for g, gn in enumerate(GRIDS, start=1):
                rows.append(
                    {"code": f"{tc}{g:03d}", "name": f"{tn}{gn}", "parent": tc, "level": "grid"}
                )
    return rows


def build(engine: Engine, *, scale: str = "county", seed: int = 2026) -> dict[str, Any]:
    """Build the demo; returns what was made."""
    started = time.perf_counter()
    counties, n = _plan(scale)
    rng = random.Random(seed)
    grids = [r["code"] for r in _code_rows(counties) if r["level"] == "grid"]
    with engine.begin() as conn:
        codes.import_rows(conn, _code_rows(counties))
    today = clock.today()
    sites = max(10, n // 8)
    world = World(rng, today, grids, sites)
    if n <= FEED_LIMIT:
        made = _through_feed(engine, world, n)
        project.catch_up(engine)
    else:
        made = demo_bulk.fill(engine, world, n)
        with engine.begin() as conn:
            summary_rebuild.rebuild(conn)  # the bulk rows bypassed the projection
    return {
        "scale": scale,
        "counties": len(counties),
        "grids": len(grids),
        **made,
        "seconds": round(time.perf_counter() - started, 1),
    }


class World:
    def __init__(self, rng: random.Random, today: date, grids: list[str], sites: int) -> None:
        self.rng = rng
        self.today = today
        self.sites = [
            {
                "id": new_id(),
                "name": f"{rng.choice(SITE_WORDS)}{rng.choice(SITE_WORDS)}"
                f"{rng.choice(SITE_KINDS)}（演示{i + 1}）",
                "industry": rng.choice(INDUSTRIES),
                "jurisdiction": rng.choice(grids),
            }
            for i in range(sites)
        ]

    def hazard(self) -> dict[str, Any]:
        """One hazard's life: found within the last 120 days, then along the loop."""
        rng = self.rng
        site = rng.choice(self.sites)
        age = int(rng.triangular(0, 120, 5))
        found = datetime.combine(self.today - timedelta(days=age), datetime.min.time(), UTC)
        found += timedelta(hours=rng.randint(1, 9), minutes=rng.randint(0, 59))
        major = rng.random() < 0.03
        deadline = found.date() + timedelta(days=rng.choice([3, 7, 15, 30]))
        steps: list[tuple[str, str, str, date]] = [("assign", "found", "assigned", found.date())]
        p_done = min(0.95, 0.15 + age / 40)
        if rng.random() < p_done:
            late = rng.random() < 0.15
            fix = min(
                self.today,
                deadline + timedelta(days=rng.randint(1, 10))
                if late
                else found.date() + timedelta(days=rng.randint(0, (deadline - found.date()).days)),
            )
            steps.append(("report_rectification", "assigned", "rectifying", fix))
            steps.append(("verify_pass", "rectifying", "verified", fix))
            if rng.random() < 0.8:
                steps.append(("close", "verified", "closed", fix))
                if age > 30 and rng.random() < 0.2:
                    steps.append(("revisit", "closed", "revisit", fix + timedelta(days=20)))
                    if rng.random() < 0.1:
                        steps.append(("reopen", "revisit", "assigned", fix + timedelta(days=20)))
        steps = [s for s in steps if s[3] <= self.today]
        text, place = rng.choice(HAZARDS)
        return {
            "id": new_id(),
            "site": site,
            "found": found,
            "major": major,
            "confirmed": major and rng.random() < 0.7,
            "deadline": deadline,
            "steps": steps,
            "status": steps[-1][2],
            "description": text,
            "place": place,
        }


def _through_feed(engine: Engine, world: World, n: int) -> dict[str, int]:
    rng = world.rng
    with engine.begin() as conn:
        device, _token = auth.enroll(
            conn, name="演示网格员", role=DeviceRole.GRID, jurisdiction="41"
        )
    people = [new_id() for _ in range(4)]
    pending: list[dict[str, Any]] = []
    counts = {"sites": 0, "inspections": 0, "hazards": 0, "events": 0, "notices": 0}

    def add(entity: str, content: dict[str, Any]) -> None:
        pending.append(
            {
                "entity": entity,
                "entity_id": content["id"],
                "content": content,
                "sha256": content_sha256(content),
            }
        )
        if len(pending) >= MAX_BATCH:
            flush()

    def flush() -> None:
        if not pending:
            return
        body = PushRequest.model_validate({"batch_id": new_id(), "changes": list(pending)})
        with engine.begin() as conn:
            apply_push(conn, device, body)
        pending.clear()

    names = ["张伟", "王芳", "李娜", "刘洋"]
    for i, pid in enumerate(people):
        add(
            "person",
            {"id": pid, "name": f"{names[i]}（演示）", "role": "grid", "jurisdiction": "41"},
        )
    for s in world.sites:
        add(
            "site",
            {
                "id": s["id"],
                "name": s["name"],
                "address": "郑州市金水区演示路1号",
                "industry": s["industry"],
                "jurisdiction": s["jurisdiction"],
            },
        )
        counts["sites"] += 1
    visits: dict[tuple[str, date], str] = {}
    for _ in range(n):
        h = world.hazard()
        key = (h["site"]["id"], h["found"].date())
        if key not in visits:
            visits[key] = new_id()
            add(
                "inspection",
                {
                    "id": visits[key],
                    "site_id": key[0],
                    "inspector_ids": [people[0]],
                    "started_at": h["found"].isoformat(),
                },
            )
            counts["inspections"] += 1
        who = rng.choice(people)
        add(
            "finding",
            {
                "id": h["id"],
                "inspection_id": visits[key],
                "site_id": key[0],
                "description": h["description"],
                "place": h["place"],
                "level": "major" if h["major"] else "general",
                "major_status": ("confirmed" if h["confirmed"] else "suspected")
                if h["major"]
                else None,
                "deadline": h["deadline"].isoformat(),
                "status": h["status"],
                "found_at": h["found"].isoformat(),
                "found_by": who,
                "basis": {"legal_basis": "《中华人民共和国安全生产法》"},
            },
        )
        counts["hazards"] += 1
        for action, frm, to, day in h["steps"]:
            at = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=10)
            add(
                "finding_event",
                {
                    "id": new_id(),
                    "finding_id": h["id"],
                    "action": action,
                    "from_status": frm,
                    "to_status": to,
                    "actor_id": who,
                    "at": max(at, h["found"]).isoformat(),
                },
            )
            counts["events"] += 1
        if rng.random() < 0.3:
            counts["notices"] += 1
            add(
                "notice",
                {
                    "id": new_id(),
                    "kind": "rectification",
                    "number": f"金安监责改〔{h['found'].year}〕{counts['notices']}号",
                    "inspection_id": visits[key],
                    "site_id": key[0],
                    "issued_by": who,
                    "issued_at": h["found"].isoformat(),
                    "finding_ids": [h["id"]],
                },
            )
    flush()  # and one 分级销号 waiting for the county, to walk through
    counts["waiting_approvals"] = demo_oversight.seed_waiting(engine, device, people[0])
    return counts
