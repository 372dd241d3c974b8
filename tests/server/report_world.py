# SPDX-License-Identifier: Apache-2.0
"""随手拍 test helpers: a citizen's browser at an address, a report sent through the public
form with its receipt, and the report the office tests start from. Shared by the public
page's, the office's, the browser's and the hardening tests."""

from __future__ import annotations

import io
import re
from typing import Any

from console_world import TOWN_A, World
from fastapi.testclient import TestClient
from PIL import Image

from fieldcheck.server.console import reports

HOSTILE = '<script>alert("x")</script>路口电线裸露'


def engine(w: World) -> Any:
    return w.client.app.state.server.engine  # type: ignore[attr-defined]


def jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (64, 48), (180, 40, 40))
    exif = Image.Exif()
    # The GPS IFD as a dict: Pillow 10.2 (the lowest supported) does not save one filled in
    # through get_ifd() on a new Exif.
    exif[0x8825] = {1: "N", 2: (30.0, 15.0, 0.0), 3: "E", 4: (120.0, 10.0, 0.0)}
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def citizen(w: World, ip: str = "203.0.113.5") -> TestClient:
    """A browser at address ip (set in the ASGI scope: TestClient's own `client=`
    argument is newer than the lowest supported Starlette)."""
    app = w.client.app

    async def from_ip(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            scope = {**scope, "client": (ip, 50000)}
        await app(scope, receive, send)

    return TestClient(from_ip)


def send(c: TestClient, files: list[tuple[str, bytes]] | None = None, **fields: str) -> Any:
    page = c.get("/report")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token
    data = {
        "csrf": token.group(1),
        "jurisdiction": TOWN_A,
        "address": "东风路 12 号",
        "description": "配电箱门敞开，电线裸露",
        "phone": "",
        **fields,
    }
    up = [("photo", (name, body, "image/jpeg")) for name, body in (files or [])]
    return c.post("/report", data=data, files=up or None, follow_redirects=False)


def receipt(resp: Any) -> str:
    assert resp.status_code == 303, resp.text
    m = re.search(r"code=([A-Z0-9]+)", resp.headers["location"])
    assert m
    return m.group(1)


def a_report(world: World) -> str:
    receipt(
        send(citizen(world), [("a.jpg", jpeg_with_gps())], description=HOSTILE, phone="13800001111")
    )
    with engine(world).begin() as conn:
        return str(conn.execute(reports.R.select()).one().id)


def shas(world: World) -> list[str]:
    with engine(world).begin() as conn:
        return [p["sha256"] for p in reports.photos(conn.execute(reports.R.select()).one())]


def csrf(c: TestClient, url: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', c.get(url).text)
    assert m
    return m.group(1)
