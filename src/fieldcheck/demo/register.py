# SPDX-License-Identifier: Apache-2.0
"""The demo's people and sites (demo/seed.py then records two months of inspections)."""

from __future__ import annotations

import random
from typing import Any

from fieldcheck.core.models import RiskLevel, Role
from fieldcheck.core.uscc import ALPHABET, make_uscc
from fieldcheck.services.context import AppContext
from fieldcheck.services.sites import sites

# (industry, kind of place, name pattern, risk)
SITE_KINDS: list[tuple[str, str, str, RiskLevel]] = [
    ("机械加工", "小微企业", "{}五金机械加工厂", RiskLevel.MEDIUM),
    ("木制品加工", "小微企业", "{}木业有限公司", RiskLevel.HIGH),
    ("食品加工", "小微企业", "{}食品冷冻厂", RiskLevel.HIGH),
    ("纺织", "小微企业", "{}纺织品加工厂", RiskLevel.MEDIUM),
    ("餐饮", "九小场所", "{}小吃店", RiskLevel.LOW),
    ("零售", "九小场所", "{}便民超市", RiskLevel.LOW),
    ("住宿", "九小场所", "{}快捷宾馆", RiskLevel.MEDIUM),
    ("居住", "出租房", "{}群租房", RiskLevel.MEDIUM),
    ("汽车维修", "小微企业", "{}汽车修理部", RiskLevel.MEDIUM),
    ("房屋建筑", "建筑工地", "{}安置房项目工地", RiskLevel.HIGH),
]
PLACE_NAMES = [
    "金水",
    "花园",
    "东风",
    "文化",
    "丰产",
    "经三",
    "纬五",
    "农业",
    "政七",
    "黄河",
    "南阳",
    "国基",
    "柳林",
    "庙李",
    "杨金",
    "三全",
]
STREETS = ["金水路", "花园路", "东风路", "文化路", "经三路", "农业路", "丰庆路", "国基路"]


def demo_uscc(rng: random.Random, individual: bool) -> str:
    """A valid-looking 统一社会信用代码 in 郑州 (4101xx) with a correct check character."""
    head = "92" if individual else "91"
    area = "4101" + rng.choice(["02", "03", "04", "05", "08"])
    org = "".join(rng.choice(ALPHABET) for _ in range(9))
    return make_uscc(head + area + org)


def register_people(ctx: AppContext, jurisdiction: str) -> dict[str, Any]:
    """The demo's two grid workers, enforcement officer, expert and supervisor."""
    actor = "demo-setup"
    mk = sites.add_person
    return {
        "grid": [
            mk(
                ctx,
                {
                    "name": "李建国",
                    "role": Role.GRID,
                    "unit": "金水区丰产路街道办事处",
                    "certificate_no": "豫网格2026-0107",
                    "jurisdiction": jurisdiction,
                },
                actor_id=actor,
            ),
            mk(
                ctx,
                {
                    "name": "王秀兰",
                    "role": Role.GRID,
                    "unit": "金水区丰产路街道办事处",
                    "certificate_no": "豫网格2026-0112",
                    "jurisdiction": jurisdiction,
                },
                actor_id=actor,
            ),
        ],
        "enforcement": mk(
            ctx,
            {
                "name": "张伟",
                "role": Role.ENFORCEMENT,
                "unit": "郑州市金水区应急管理局",
                "certificate_no": "豫应急执法41010500231",
                "jurisdiction": jurisdiction,
            },
            actor_id=actor,
        ),
        "expert": mk(
            ctx,
            {
                "name": "陈志强",
                "role": Role.EXPERT,
                "unit": "河南省安全生产专家库",
                "certificate_no": "专家证HN-0388",
                "jurisdiction": jurisdiction,
            },
            actor_id=actor,
        ),
        "supervisor": mk(
            ctx,
            {
                "name": "刘芳",
                "role": Role.SUPERVISOR,
                "unit": "金水区丰产路街道安监站",
                "jurisdiction": jurisdiction,
            },
            actor_id=actor,
        ),
    }


def register_sites(ctx: AppContext, rng: random.Random, jurisdiction: str) -> list[Any]:
    """32 sites of every kind around 郑州 金水区."""
    out = []
    names = rng.sample(PLACE_NAMES, len(PLACE_NAMES))
    for i in range(32):
        industry, kind, pattern, risk = SITE_KINDS[i % len(SITE_KINDS)]
        prefix = names[i % len(names)] + ("" if i < len(names) else "新")
        out.append(
            sites.register_site(
                ctx,
                {
                    "name": pattern.format(prefix),
                    "uscc": demo_uscc(rng, individual=kind in {"九小场所", "出租房"}),
                    "address": f"郑州市金水区{rng.choice(STREETS)}{rng.randint(1, 300)}号",
                    "industry": industry,
                    "kind_of_place": kind,
                    "jurisdiction": jurisdiction,
                    "legal_rep": rng.choice(["赵强", "孙丽", "周明", "吴磊", "郑红", "冯军"]),
                    "contact_name": rng.choice(["钱师傅", "马经理", "何主任", "罗老板"]),
                    "contact_phone": f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}",
                    "risk_level": risk,
                },
                actor_id="demo-setup",
            )
        )
    return out
