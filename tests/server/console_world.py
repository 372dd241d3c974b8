# SPDX-License-Identifier: Apache-2.0
"""A small county pushed through the real sync API, and console accounts on it.

County 330106 (测试区) with townships 330106001 (东风街道) and 330106002 (西湖街道).
Each township's grid device pushes its own sites, hazards, events, a notice, a photo
and (township 1) a real Ed25519 signature. Site names are hostile HTML on purpose.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from conftest import PHOTO_REST, batch, change
from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.server import auth
from fieldcheck.server.console import accounts, codes
from fieldcheck.server.console.accounts import ConsoleRole
from fieldcheck.signing import keys, signatures
from fieldcheck.signing.canonical import Statement
from fieldcheck.sync.protocol import DeviceRole

COUNTY = "330106"
TOWN_A = "330106001"
TOWN_B = "330106002"
PASSWORD = "Test-pass-2026!"
HOSTILE = ['<script>alert("x")</script>东风五金厂', '"><img src=x onerror=alert(1)>西湖商店']
CODES = """code,name
330106,测试区
330106001,东风街道
330106002,西湖街道
330106001001,东风第一网格
330106002001,西湖第一网格
"""


def png(n: int) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30 * n, 30)).save(buf, "PNG")
    return buf.getvalue()


@dataclass
class Town:
    code: str
    site_id: str = ""
    hazard_id: str = ""
    major_id: str = ""
    notice_id: str = ""
    notice_number: str = ""
    photo_sha: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _push(client: TestClient, headers: dict[str, str], *changes: dict[str, Any]) -> None:
    r = client.post("/v1/push", json=batch(*changes), headers=headers)
    assert r.status_code == 200, r.text
    bad = [x for x in r.json()["receipts"] if x["status"] not in ("accepted", "duplicate")]
    assert not bad, bad


def build_town(client: TestClient, engine: Any, code: str, name: str, n: int, sign: bool) -> Town:
    with engine.begin() as conn:
        _dev, token = auth.enroll(conn, name="网格员", role=DeviceRole.GRID, jurisdiction=code)
    h = {"Authorization": f"Bearer {token}"}
    now = clock.now()
    t = Town(code)
    person = {"id": new_id(), "name": f"检查员{n}", "role": "grid", "jurisdiction": code}
    site = {
        "id": new_id(),
        "name": name,
        "address": "测试路1号",
        "industry": "工贸" if n == 1 else "商贸",
        "jurisdiction": f"{code}001",
    }
    insp = {
        "id": new_id(),
        "site_id": site["id"],
        "inspector_ids": [person["id"]],
        "started_at": (now - timedelta(minutes=5)).isoformat(),
    }
    found = (now - timedelta(minutes=5)).isoformat()
    general = {
        "id": new_id(),
        "inspection_id": insp["id"],
        "site_id": site["id"],
        "description": f"消防通道堆放杂物{n}",
        "place": "一层",
        "deadline": (clock.today() - timedelta(days=1)).isoformat(),  # overdue
        "status": "assigned",
        "found_at": found,
        "found_by": person["id"],
    }
    major = {
        **general,
        "id": new_id(),
        "description": f"粉尘涉爆场所未清扫{n}",
        "measures": "停产清扫，加装除尘设施",
        "responsible": f"赵厂长{n}",
        "funds": "5万元",
        "safety_plan": "清扫期间停止打磨作业",
        "level": "major",
        "major_status": "confirmed",
        "deadline": (clock.today() + timedelta(days=10)).isoformat(),
    }
    assign = {
        "id": new_id(),
        "finding_id": general["id"],
        "action": "assign",
        "from_status": "found",
        "to_status": "assigned",
        "actor_id": person["id"],
        "at": found,
    }
    number = f"测安监责改〔2026〕{n}号"
    notice = {
        "id": new_id(),
        "kind": "rectification",
        "number": number,
        "inspection_id": insp["id"],
        "site_id": site["id"],
        "issued_by": person["id"],
        "issued_at": found,
        "finding_ids": [general["id"], major["id"]],
    }
    picture = png(n)
    sha = hashlib.sha256(picture).hexdigest()
    r = client.put(
        f"/v1/blobs/{sha}",
        content=picture,
        headers={**h, "Content-Range": f"bytes 0-{len(picture) - 1}/{len(picture)}"},
    )
    assert r.status_code == 200, r.text
    photo = {
        "id": new_id(),
        "finding_id": general["id"],
        "sha256": sha,
        "bytes": len(picture),
        "mime": "image/png",
        "kind": "evidence",
        **PHOTO_REST,
    }
    records = [
        change("person", person),
        change("site", site),
        change("inspection", insp),
        change("finding", general),
        change("finding", major),
        change("finding_event", assign),
        change("notice", notice),
        change("photo", photo),
    ]
    if sign:
        key = keys.generate()
        pk = {
            "id": new_id(),
            "person_id": person["id"],
            "public_key_b64": keys.public_b64(key),
            "created_at": now.isoformat(),
        }
        st = Statement(
            subject_kind="finding",
            subject_id=general["id"],
            purpose="confirm",
            signer_id=person["id"],
            role="grid",
            key_id=pk["id"],
            comment="",
            signed_at=now,
            content_version=1,
            content_sha256="ab" * 32,
        )
        good = {
            "id": new_id(),
            "subject_kind": "finding",
            "subject_id": general["id"],
            "signer_id": person["id"],
            "key_id": pk["id"],
            "role": "grid",
            "purpose": "confirm",
            "comment": "",
            "content_version": 1,
            "content_sha256": "ab" * 32,
            "signature_b64": signatures.sign(key, st.to_bytes()),
            "signed_at": now.isoformat(),
        }
        forged = {**good, "id": new_id(), "content_sha256": "cd" * 32}
        records += [change("person_key", pk), change("signature", good)]
    _push(client, h, *records)
    if sign:  # a forged copy (another content hash) never gets in: ingest verifies it
        r = client.post("/v1/push", json=batch(change("signature", forged)), headers=h)
        assert r.status_code == 200, r.text
        assert [x["status"] for x in r.json()["receipts"]] == ["rejected"]
        t.extra["forged_refused"] = r.json()["receipts"][0]["reason"]
    t.site_id, t.hazard_id, t.major_id = site["id"], general["id"], major["id"]
    t.notice_id, t.notice_number, t.photo_sha = notice["id"], number, sha
    t.extra.update(person=person["name"], inspection=insp["id"])
    return t


@dataclass
class World:
    client: TestClient
    a: Town
    b: Town

    def login(self, name: str, client: TestClient | None = None) -> TestClient:
        c = client or self.client
        r = c.get("/console/login")
        token = re.search(r'name="csrf" value="([^"]+)"', r.text)
        assert token
        r = c.post(
            "/console/login",
            data={"name": name, "password": PASSWORD, "csrf": token.group(1)},
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text
        return c


def build(client: TestClient) -> World:
    engine = client.app.state.server.engine  # type: ignore[attr-defined]
    a = build_town(client, engine, TOWN_A, HOSTILE[0], 1, sign=True)
    b = build_town(client, engine, TOWN_B, HOSTILE[1], 2, sign=False)
    with engine.begin() as conn:
        codes.import_rows(conn, codes.parse_csv(CODES))
        for name, role, code in [
            ("county", ConsoleRole.COUNTY, COUNTY),
            ("town_a", ConsoleRole.TOWNSHIP, TOWN_A),
            ("town_b", ConsoleRole.TOWNSHIP, TOWN_B),
            ("admin", ConsoleRole.ADMIN, COUNTY),
        ]:
            accounts.add_user(
                conn, name=name, role=role, jurisdiction=code, password=PASSWORD, actor="test"
            )
    return World(client, a, b)
