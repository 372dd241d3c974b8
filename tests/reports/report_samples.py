# SPDX-License-Identifier: Apache-2.0
"""Document data and pictures for tests, examples and benchmarks (made here, not stored)."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter

from fieldcheck.core import clock
from fieldcheck.core.models import Basis
from fieldcheck.core.terms import NoticeKind, Role
from fieldcheck.reports.model import DocumentData, Hazard, Officer, PhotoRef, SignerBlock
from fieldcheck.reports.wording import NUMBER_CODES
from fieldcheck.services.context import AppContext
from fieldcheck.services.documents import doc_settings
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import inspections
from fieldcheck.services.major import keys
from fieldcheck.services.sites import sites

ISSUED = datetime(2026, 3, 2, 2, 30, tzinfo=UTC)
GONGMAO = "《工贸企业重大事故隐患判定标准》"
INSPECTORS = [
    Officer(name="李建国", unit="金水区丰产路街道办事处", certificate_no="豫网格2026-0107"),
    Officer(name="王秀兰", unit="金水区丰产路街道办事处", certificate_no="豫网格2026-0112"),
]
OFFICERS = [
    Officer(name="张伟", unit="郑州市金水区应急管理局", certificate_no="豫应急执法41010500231"),
    Officer(name="赵敏", unit="郑州市金水区应急管理局", certificate_no="豫应急执法41010500254"),
]
HAZARDS = [
    Hazard(
        finding_id="f1",
        description="疏散通道堆放杂物，安全出口被封堵",
        place="一楼走廊",
        legal_basis="《中华人民共和国消防法》第二十八条",
        measures="立即清理杂物，保持疏散通道畅通。",
        deadline=date(2026, 3, 5),
    ),
    Hazard(
        finding_id="f2",
        description="除尘器周边及车间地面积尘严重，未落实粉尘清理制度",
        place="砂光车间",
        major=True,
        criteria_title=GONGMAO,
        clause_ref="第十一条（十）",
        measures="停止砂光作业，清理积尘，建立并落实粉尘清理制度。",
        deadline=date(2026, 4, 1),
    ),
    Hazard(
        finding_id="f3",
        description="电气线路私拉乱接，未穿管保护",
        place="仓库",
        measures="由持证电工规范敷设线路并穿管保护。",
        deadline=date(2026, 3, 9),
    ),
    Hazard(
        finding_id="f4",
        description="员工未经安全生产教育和培训上岗",
        place="车间",
        legal_basis="《中华人民共和国安全生产法》第二十八条",
        deadline=date(2026, 3, 16),
    ),
]


def photo_bytes(seed: int, size: tuple[int, int] = (2400, 1800)) -> bytes:
    """A camera-sized JPEG with enough texture to compress like a real photo."""
    rng = random.Random(seed)
    img = Image.new("RGB", size, (rng.randint(90, 160), rng.randint(90, 150), 120))
    draw = ImageDraw.Draw(img)
    for _ in range(220):
        x, y = rng.randint(0, size[0]), rng.randint(0, size[1])
        r = rng.randint(20, 260)
        colour = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    img = img.filter(ImageFilter.GaussianBlur(3))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def signature_png(text_seed: int = 1) -> bytes:
    """A stroke drawing standing in for a handwritten signature."""
    rng = random.Random(text_seed)
    img = Image.new("RGBA", (600, 200), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    pts = [(40 + i * 26, 100 + rng.randint(-60, 60)) for i in range(21)]
    draw.line(pts, fill=(20, 20, 90, 255), width=7, joint="curve")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def photos(n: int) -> tuple[list[PhotoRef], dict[str, bytes]]:
    refs, images = [], {}
    for i in range(n):
        sha = f"{i:064x}"
        images[sha] = photo_bytes(i)
        refs.append(
            PhotoRef(
                caption=f"隐患{i % 4 + 1}：现场照片（2026年3月2日10时3{i}分）",
                photo_id=f"p{i}",
                sha256=sha,
            )
        )
    return refs, images


def signers(enforcement: bool, *, refused: bool = False, kind: NoticeKind) -> list[SignerBlock]:
    officers = OFFICERS if enforcement else INSPECTORS
    if kind is NoticeKind.RECORD:
        label = "检查人员"
    else:
        label = "安全生产监管行政执法人员" if enforcement else "安全生产检查人员"
    out = [
        SignerBlock(
            label=label,
            name=o.name,
            certificate_no=o.certificate_no,
            image_sha256="sig0" if i == 0 else None,
        )
        for i, o in enumerate(officers)
    ]
    site_label = {NoticeKind.RECORD: "被检查单位现场负责人", NoticeKind.REVIEW: "被复查单位负责人"}
    out.append(
        SignerBlock(
            label=site_label.get(kind, "被检查单位负责人"),
            name="赵强",
            refused=refused,
            witness="钱师傅（村委会治保主任）" if refused else "",
        )
    )
    return out


def document(
    kind: NoticeKind,
    *,
    enforcement: bool,
    hazards: list[Hazard] | None = None,
    n_photos: int = 0,
    refused: bool = False,
) -> tuple[DocumentData, dict[str, bytes]]:
    """A complete document of kind with its images."""
    refs, images = photos(n_photos)
    images["sig0"] = signature_png()
    officers = OFFICERS if enforcement else INSPECTORS
    unit = "郑州市金水区应急管理局" if enforcement else "金水区丰产路街道办事处"
    hz = HAZARDS if hazards is None else hazards
    data = DocumentData(
        kind=kind,
        enforcement=enforcement,
        number=f"（金水）{NUMBER_CODES[kind]}〔2026〕A3F9-0007号",
        issued_at=ISSUED,
        issuer_name=officers[0].name,
        issuer_unit=unit,
        site_name="金水木业有限公司",
        site_address="郑州市金水区丰庆路118号",
        site_uscc="91410105MA44XK3T22",
        legal_rep="赵强",
        site_phone="0371-63325518",
        place="砂光车间、仓库、一楼走廊",
        started_at=datetime(2026, 3, 2, 1, 30, tzinfo=UTC),
        finished_at=ISSUED,
        inspectors=officers,
        hazards=hz if kind is not NoticeKind.REVIEW else hz[1:3],
        fixed=hz[:1] + hz[3:] if kind is NoticeKind.REVIEW else [],
        new_deadline=date(2026, 4, 15) if kind is NoticeKind.REVIEW else None,
        refers_to_number="（金水）应急责改〔2026〕A3F9-0003号" if kind is NoticeKind.REVIEW else "",
        refers_to_title="责令限期整改指令书" if enforcement else "隐患整改通知书",
        refers_to_date=date(2026, 2, 20) if kind is NoticeKind.REVIEW else None,
        escalate_to="郑州市金水区应急管理局",
        appeal_government="郑州市金水区人民政府",
        appeal_department="郑州市应急管理局",
        appeal_court="郑州铁路运输法院",
        signers=signers(enforcement, refused=refused, kind=kind),
        photos=refs,
    )
    return data, images


PASS = "correct horse battery staple"


@dataclass
class Visit:
    """One inspection of one site with three hazards (one major)."""

    ctx: AppContext
    site_id: str
    grid: str
    officer: str
    inspection_id: str
    finding_ids: list[str]


def person(ctx: AppContext, name: str, role: Role, unit: str, cert: str) -> str:
    data = {"name": name, "role": role, "unit": unit, "certificate_no": cert}
    return sites.add_person(ctx, data, actor_id="test").id


def make_visit(ctx: AppContext, *, inspector_role: Role = Role.GRID, n: int = 3) -> Visit:
    site = sites.register_site(
        ctx,
        {
            "name": "金水木业有限公司",
            "uscc": "91410105MA44XK3T22",
            "address": "郑州市金水区丰庆路118号",
            "jurisdiction": "410105001",
            "legal_rep": "赵强",
            "contact_phone": "0371-63325518",
        },
        actor_id="test",
    )
    grid = person(ctx, "李建国", Role.GRID, "金水区丰产路街道办事处", "豫网格2026-0107")
    officer = person(
        ctx, "张伟", Role.ENFORCEMENT, "郑州市金水区应急管理局", "豫应急执法41010500231"
    )
    who = grid if inspector_role is Role.GRID else officer
    insp = inspections.start_inspection(ctx, site_id=site.id, inspector_ids=[who], actor_id=who)
    ids = []
    for i in range(n):
        major = i == 1
        basis = (
            Basis(criteria_id="gongmao-2023", clause_ref="第十一条（十）")
            if major
            else Basis(legal_basis="《中华人民共和国消防法》第二十八条")
        )
        f = findings.record_finding(
            ctx,
            inspection_id=insp.id,
            description=f"隐患描述第{i + 1}项：疏散通道堆放杂物",
            place="一楼走廊",
            basis=basis,
            suspected_major=major,
            measures="立即清理。",
            actor_id=who,
        )
        ids.append(f.id)
    inspections.finish_inspection(ctx, insp.id, actor_id=who)
    return Visit(ctx, site.id, grid, officer, insp.id, ids)


def configure_all(ctx: AppContext) -> None:
    doc_settings.configure(ctx, dict(doc_settings.DEMO_SETTINGS), actor_id="test")


def enroll(ctx: AppContext, person_id: str) -> None:
    keys.enroll_key(ctx, person_id, PASS, actor_id=person_id)


def soon(days: int = 10):
    return clock.today() + timedelta(days=days)


def pdftotext(path: Path) -> str:
    """The text of a PDF as poppler extracts it (what a search or a court clerk would see)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout
