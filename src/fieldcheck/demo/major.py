# SPDX-License-Identifier: Apache-2.0
"""Demo data for major hazards: real keys, real signatures, every outcome.

Every demo inspector and expert gets a key sealed with DEMO_PASSPHRASE; the demo's
suspected major hazards that are still open are then confirmed (the site signs by
hand or refuses before a witness, and rectified ones pass an expert's 验收),
downgraded, or sent back, so ``verify --all`` has honest signatures to check.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

from fieldcheck.core.loop import Action, Status
from fieldcheck.core.models import Role
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import findings
from fieldcheck.services.major import cosign, keys, major
from fieldcheck.services.major.signoff import Purpose
from fieldcheck.services.sites import sites

DEMO_PASSPHRASE = "fieldcheck-demo"  # documented in the README; demo data only
_OPEN = {Status.FOUND, Status.ASSIGNED, Status.RECTIFYING, Status.FAILED_VERIFICATION}
_DONE = {
    Purpose.CONFIRM: "confirmed",
    Purpose.DOWNGRADE: "downgraded",
    Purpose.SEND_BACK: "sent_back",
}
_SITE_PEOPLE = ["赵强", "孙丽", "周明", "吴磊", "郑红", "冯军"]
_WITNESSES = ["社区网格长 高玉梅", "物业经理 韩东", "村委会委员 沈立新"]


def scribble_png(rng: random.Random, width: int = 360, height: int = 120) -> bytes:
    """A pen-like scribble standing in for a signature drawn on screen."""
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    x, y = 20.0, height / 2
    points = [(x, y)]
    while x < width - 30:
        x += rng.uniform(8, 28)
        y = min(max(y + rng.uniform(-30, 30), 15), height - 15)
        points.append((x, y))
    draw.line(points, fill=0, width=4, joint="curve")
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def _unlocked(ctx: AppContext) -> dict[str, keys.Unlocked]:
    """Enroll (when needed) and open the key of every demo inspector and expert."""
    opened: dict[str, keys.Unlocked] = {}
    for person in sites.list_people(ctx):
        if person.role not in keys.KEY_ROLES:
            continue
        if keys.current_key(ctx, person.id) is None:
            keys.enroll_key(ctx, person.id, DEMO_PASSPHRASE, actor_id="demo-setup")
        opened[person.id] = keys.unlock(ctx, person.id, DEMO_PASSPHRASE)
    return opened


def seed_major_hazards(ctx: AppContext, rng: random.Random) -> dict[str, int]:
    """Decide and sign the demo's open suspected major hazards; return what was done."""
    opened = _unlocked(ctx)
    experts = [p for p in sites.list_people(ctx, Role.EXPERT) if p.id in opened]
    done = {
        "confirmed": 0,
        "downgraded": 0,
        "sent_back": 0,
        "site_signed": 0,
        "refused": 0,
        "accepted": 0,
        "closed": 0,
        "awaiting": 0,
    }
    if not experts:
        return done
    queue = [r for r in major.review_queue(ctx) if r.finding.status in _OPEN]
    for i, r in enumerate(queue):
        f = r.finding
        if i % 4 == 1:
            done["awaiting"] += 1
            continue  # left in the expert's queue, as on any working day
        expert = opened[rng.choice(experts).id]
        purpose, comment = Purpose.CONFIRM, f"经核查，符合{f.basis.clause_ref}规定情形"
        if i % 5 == 3:
            purpose, comment = (
                Purpose.DOWNGRADE,
                "经现场核实，现场情形不符合所引条款，按一般隐患整改",
            )
        elif i == 4:
            purpose, comment = Purpose.SEND_BACK, "请补充能看清设备铭牌和作业区域全貌的照片"
        major.decide(
            ctx,
            f.id,
            purpose,
            expert_id=expert.person_id,
            unlocked=expert,
            reviewed_sha256=r.content_sha256,
            comment=comment,
        )
        done[_DONE[purpose]] += 1
        if purpose is not Purpose.CONFIRM:
            continue
        inspector = opened.get(f.found_by)
        if inspector is None:
            continue  # found by someone without a key on this device: the site signs later
        if i % 3 == 2:
            cosign.site_refuse(
                ctx,
                f.id,
                inspector_id=f.found_by,
                unlocked=inspector,
                site_rep_name=rng.choice(_SITE_PEOPLE),
                witness_name=rng.choice(_WITNESSES),
                reason="对认定有异议，拒绝签字",
            )
            done["refused"] += 1
        else:
            cosign.site_sign(
                ctx,
                f.id,
                inspector_id=f.found_by,
                unlocked=inspector,
                site_rep_name=rng.choice(_SITE_PEOPLE),
                handwriting_png=scribble_png(rng),
            )
            done["site_signed"] += 1
        if f.status == Status.RECTIFYING:
            check = major.review(ctx, f.id, Purpose.VERIFY)
            major.accept(
                ctx,
                f.id,
                expert_id=expert.person_id,
                unlocked=expert,
                reviewed_sha256=check.content_sha256,
                comment="整改到位，同意验收",
            )
            done["accepted"] += 1
            if i % 2 == 0:  # some accepted major hazards are already struck off (销号)
                findings.transition(ctx, f.id, Action.CLOSE, actor_id=f.found_by)
                done["closed"] += 1
    return done
