# SPDX-License-Identifier: Apache-2.0
"""A realistic demo data set: a township grid's last two months of inspections.

Everything goes through the same use cases the app uses, with the clock moved
back in time, so the demo data carries real events, audit entries and outbox rows.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from fieldcheck import paths
from fieldcheck.core import clock
from fieldcheck.core.errors import StorageError
from fieldcheck.core.loop import OPEN_STATUSES, Action, Status
from fieldcheck.core.models import Basis, InspectionKind
from fieldcheck.demo.major import seed_major_hazards
from fieldcheck.demo.notices import seed_demo_notices
from fieldcheck.demo.register import register_people, register_sites
from fieldcheck.photos.sample import demo_photo
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence import photos
from fieldcheck.services.findings import findings
from fieldcheck.services.findings.ledger import counts
from fieldcheck.services.inspections import inspections

DAYS = 60

# General hazards, with the law article they rest on where our texts have one.
GENERAL: list[tuple[str, str, str | None]] = [
    ("疏散通道堆放杂物，安全出口被封堵", "一楼走廊", "《中华人民共和国消防法》第二十八条"),
    ("灭火器压力不足，未定期检查", "营业厅", None),
    ("电动自行车在楼道内停放充电", "楼道", None),
    ("电气线路私拉乱接，未穿管保护", "仓库", None),
    ("员工未经安全生产教育和培训上岗", "车间", "《中华人民共和国安全生产法》第二十一条"),
    ("未建立隐患排查治理台账", "办公室", "《中华人民共和国安全生产法》第四十一条"),
    ("燃气管道使用橡胶软管超过2米", "厨房", None),
    ("砂轮机防护罩缺失", "机加工车间", None),
    ("消防栓被货物遮挡", "仓库北侧", "《中华人民共和国消防法》第二十八条"),
    ("应急照明灯损坏不亮", "楼梯间", None),
    ("气瓶未固定，无防倾倒措施", "焊接区", None),
    ("配电箱前堆放可燃物", "配电室", None),
]
# Major hazards by industry, each citing a clause of 工贸企业重大事故隐患判定标准 (2023).
MAJOR: dict[str, list[tuple[str, str, str]]] = {
    "木制品加工": [
        ("除尘器周边及车间地面积尘严重，未落实粉尘清理制度", "砂光车间", "第十一条第（十）项"),
        ("粉尘爆炸危险场所内设有员工休息室", "打磨车间二楼", "第十一条第（一）项"),
        ("木制品加工砂光机连接的风管未设置火花探测消除装置", "砂光车间", "第十一条第（八）项"),
    ],
    "食品加工": [
        ("快速冻结装置作业间内作业人员超过9人", "速冻间", "第十二条第（二）项"),
        (
            "有限空间作业现场未设置监护人员，未执行先通风、再检测、后作业",
            "污水池",
            "第十三条第（二）项",
        ),
    ],
    "机械加工": [
        ("电焊工未取得特种作业操作证上岗作业", "焊接区", "第三条第（二）项"),
        ("未对承租单位的安全生产工作统一协调、管理", "厂区", "第三条第（一）项"),
    ],
}
MEASURES = "立即组织整改，落实专人负责，整改完成后报告复查。"
# How far each finding goes round the loop; weights spread every status.
TARGETS: list[tuple[Status, int]] = [
    (Status.FOUND, 12),
    (Status.ASSIGNED, 30),
    (Status.RECTIFYING, 15),
    (Status.FAILED_VERIFICATION, 6),
    (Status.VERIFIED, 12),
    (Status.CLOSED, 20),
    (Status.REVISIT, 5),
]
PATHS: dict[Status, list[Action]] = {
    Status.FOUND: [],
    Status.ASSIGNED: [Action.ASSIGN],
    Status.RECTIFYING: [Action.ASSIGN, Action.REPORT_RECTIFICATION],
    Status.FAILED_VERIFICATION: [Action.ASSIGN, Action.REPORT_RECTIFICATION, Action.VERIFY_FAIL],
    Status.VERIFIED: [Action.ASSIGN, Action.REPORT_RECTIFICATION, Action.VERIFY_PASS],
    Status.CLOSED: [Action.ASSIGN, Action.REPORT_RECTIFICATION, Action.VERIFY_PASS, Action.CLOSE],
    Status.REVISIT: [
        Action.ASSIGN,
        Action.REPORT_RECTIFICATION,
        Action.VERIFY_PASS,
        Action.CLOSE,
        Action.REVISIT,
    ],
}


def _fixed(t: datetime) -> Callable[[], datetime]:
    return lambda: t


def _attach_demo_photo(
    ctx: AppContext, f: Any, site: Any, actor_id: str, folder: Path, rng: random.Random
) -> None:
    """One made-up evidence photo (marked 演示照片), taken when the hazard was found."""
    # Around 郑州 金水区, where the demo sites are.
    gps = (34.77 + rng.uniform(-0.03, 0.03), 113.68 + rng.uniform(-0.04, 0.04))
    taken = f.found_at.astimezone(clock.CHINA_TZ)
    path = demo_photo(
        folder / f"{f.id}.jpg",
        caption=f"{site.name}：{f.place}",
        taken=taken,
        gps=gps,
        font=paths.resources_dir() / "fonts" / "wqy-microhei.ttc",
        seed=rng.randint(0, 10**9),
    )
    results = photos.attach_photos(ctx, f.id, [path], actor_id=actor_id)
    path.unlink()
    failed = [r.error for r in results if not r.ok]
    if failed:
        raise StorageError(f"a demo photo could not be stored: {failed[0]}")


def seed_demo(
    ctx: AppContext, *, jurisdiction: str = "410105001", seed: int = 2026
) -> dict[str, Any]:
    """Fill ctx with 32 sites, 60 inspections and 200 findings over the last 60 days."""
    rng = random.Random(seed)
    real_now = clock.now()
    start = real_now - timedelta(days=DAYS)

    def at(day: float) -> datetime:
        return min(start + timedelta(days=day), real_now)

    clock.set_clock(lambda: start)
    shots = Path(tempfile.mkdtemp(prefix="fieldcheck-demo-"))
    try:
        people = register_people(ctx, jurisdiction)
        site_list = register_sites(ctx, rng, jurisdiction)
        statuses = [s for s, _ in TARGETS]
        weights = [w for _, w in TARGETS]
        n_findings = 0
        duplicated = False  # one hazard recorded twice, then withdrawn (作废)
        for i in range(60):
            day = i * (DAYS - 5) / 60 + rng.random()
            site = site_list[i % len(site_list)]
            inspector = people["enforcement"] if i % 10 == 0 else rng.choice(people["grid"])
            clock.set_clock(_fixed(at(day)))
            insp = inspections.start_inspection(
                ctx,
                site_id=site.id,
                inspector_ids=[inspector.id],
                actor_id=inspector.id,
                kind=InspectionKind.ROUTINE if i % 7 else InspectionKind.SPECIAL,
                location=site.address,
            )
            count = 3 if i < 40 else 4
            previous: tuple[str, str, str | None] | None = None
            for _ in range(count):
                n_findings += 1
                major = site.industry in MAJOR and rng.random() < 0.25
                if major:
                    desc, place, clause = rng.choice(MAJOR[site.industry])
                    basis = Basis(criteria_id="gongmao-2023", clause_ref=clause)
                else:
                    desc, place, law = rng.choice(GENERAL)
                dup = not duplicated and not major and previous is not None and i >= 3
                if dup and previous is not None:
                    desc, place, law = previous  # the same hazard entered a second time
                if not major:
                    previous = (desc, place, law)
                    basis = Basis(legal_basis=law)
                f = findings.record_finding(
                    ctx,
                    inspection_id=insp.id,
                    description=desc,
                    place=place,
                    basis=basis,
                    suspected_major=major,
                    measures=MEASURES,
                    actor_id=inspector.id,
                )
                if major or rng.random() < 0.12:
                    _attach_demo_photo(ctx, f, site, inspector.id, shots, rng)
                target = rng.choices(statuses, weights)[0]
                if major and target not in OPEN_STATUSES:
                    # A suspected major hazard waits for the expert before any 验收:
                    # seed_major_hazards decides, signs and accepts them below.
                    target = Status.RECTIFYING
                deadline_days = rng.choice([3, 7, 15, 30]) if not major else 30
                t = day
                for action in PATHS[target]:
                    t = min(t + rng.uniform(0.5, 6), DAYS - 0.01)
                    clock.set_clock(_fixed(at(t)))
                    deadline = clock.today() + timedelta(days=deadline_days)
                    if dup:
                        continue  # the stream of choices stays as it was without it
                    findings.transition(
                        ctx,
                        f.id,
                        action,
                        actor_id=inspector.id,
                        deadline=deadline
                        if action in {Action.ASSIGN, Action.VERIFY_FAIL}
                        else None,
                        note="整改未完成" if action is Action.VERIFY_FAIL else "",
                    )
                if dup:
                    duplicated = True
                    findings.withdraw_finding(
                        ctx, f.id, actor_id=inspector.id, reason="重复记录，同一隐患已记录一条"
                    )
                clock.set_clock(_fixed(at(day)))
            clock.set_clock(_fixed(at(day + 0.05)))
            inspections.finish_inspection(
                ctx, insp.id, actor_id=inspector.id, summary=f"检查发现隐患{count}项"
            )
    finally:
        clock.set_clock(None)
        shutil.rmtree(shots, ignore_errors=True)
    seed_major_hazards(ctx, rng)  # real keys and signatures (demo/major.py)
    issued = seed_demo_notices(ctx)  # documents of every kind (demo/notices.py)
    return counts(ctx) | {"findings_recorded": n_findings, "notices": issued}
