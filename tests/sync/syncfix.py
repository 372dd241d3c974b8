# SPDX-License-Identifier: Apache-2.0
"""Test helpers: a real server on 127.0.0.1, enrolled devices, field data with photos."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import uvicorn
from PIL import Image

from fieldcheck.core.terms import Role
from fieldcheck.server import auth
from fieldcheck.server.app import create_app
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence import photos
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites
from fieldcheck.sync.protocol import DeviceRole


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    """A fieldcheck-server running in this process on a loopback port."""

    url: str
    data: Path
    app: object

    def enroll(self, role: str, jurisdiction: str, name: str = "测试") -> str:
        server = self.app.state.server  # type: ignore[attr-defined]
        with server.engine.begin() as conn:
            _, token = auth.enroll(
                conn, name=name, role=DeviceRole(role), jurisdiction=jurisdiction
            )
        return token


@contextmanager
def live_server(
    data: Path, db_url: str | None = None, timeout: float = 10.0, port: int | None = None
) -> Iterator[LiveServer]:
    """Serve on 127.0.0.1 (on ``port``, else a free one) in a thread; stops when the block ends."""
    app = create_app(data, db_url)
    port = port or free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", data, app)
    finally:
        server.should_exit = True
        thread.join(timeout)
        app.state.server.engine.dispose()  # type: ignore[attr-defined]


def photo_file(folder: Path, n: int, size: tuple[int, int] = (64, 48)) -> Path:
    """A small JPEG with unique pixels (so each has its own SHA-256)."""
    folder.mkdir(parents=True, exist_ok=True)
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    path = folder / f"p{n}.jpg"
    image.save(path, quality=90)
    return path


@dataclass
class Field:
    """What make_field_data created."""

    person_id: str
    site_id: str
    inspection_id: str
    finding_ids: list[str]


def make_field_data(
    ctx: AppContext,
    jurisdiction: str,
    findings_n: int = 3,
    photos_per_finding: int = 1,
    photo_size: tuple[int, int] = (64, 48),
) -> Field:
    """A grid worker, a site, an inspection, findings with photos, through the services."""
    person = sites.add_person(
        ctx,
        {"name": "王网格", "role": Role.GRID.value, "jurisdiction": jurisdiction},
        actor_id="system",
    )
    site = sites.register_site(
        ctx,
        {"name": "东风五金厂", "address": "东风路1号", "jurisdiction": jurisdiction},
        actor_id=person.id,
    )
    insp = inspections.start_inspection(
        ctx, site_id=site.id, inspector_ids=[person.id], actor_id=person.id
    )
    ids = []
    for i in range(findings_n):
        f = findings.record_finding(
            ctx,
            inspection_id=insp.id,
            description=f"灭火器失效 {i}",
            actor_id=person.id,
            suspected_major=(i == 0),
        )
        files = [
            photo_file(ctx.home.root / "incoming", i * 10 + k, photo_size)
            for k in range(photos_per_finding)
        ]
        if files:
            photos.attach_photos(ctx, f.id, files, actor_id=person.id)
        ids.append(f.id)
    return Field(person.id, site.id, insp.id, ids)


def server_heads(server: LiveServer) -> dict[tuple[str, str], str]:
    """The server's current version of every record."""
    from sqlalchemy import select

    from fieldcheck.server.tables import RecordRow

    engine = server.app.state.server.engine  # type: ignore[attr-defined]
    table = RecordRow.__table__  # type: ignore[attr-defined]
    with engine.connect() as conn:
        return {(r.entity, r.entity_id): r.head_sha256 for r in conn.execute(select(table))}


def assert_converged(server: LiveServer, *devices: AppContext) -> None:
    """Every device holds exactly the server's records (by id and hash) and photos."""
    from fieldcheck.photos.store import BlobStore
    from fieldcheck.services.sync import sync_view

    heads = server_heads(server)
    server_blobs = {p.name for p in (server.data / "blobs").glob("??/*")}
    for ctx in devices:
        view = sync_view.sync_status(ctx, online=True)
        assert {r["state"] for r in view["records"]} == {"on server"}, view["records_by_state"]
        assert {(r["entity"], r["id"]): r["sha256"] for r in view["records"]} == heads
        assert {p["state"] for p in view["photos"]} <= {"on server (hash checked)"}
        shas = {p["sha256"] for p in view["photos"]}
        assert shas == server_blobs
        store = BlobStore(ctx.home.photos)
        assert all(store.verify(sha) is None for sha in shas)


def hold(
    server: LiveServer, entity: str, content_json: str, area: str = "330106001", **record: Any
) -> str:
    """Put a record version into the server's tables and feed as a server from before its
    ingest checks kept it (nothing checked); its id."""
    from sqlalchemy import Engine

    from fieldcheck.server.tables import CHANGE, RECORD, VERSION

    ident = str(record.pop("entity_id", None) or json.loads(content_json)["id"])
    sha = hashlib.sha256(content_json.encode()).hexdigest()
    now = datetime.now(UTC)
    engine: Engine = server.app.state.server.engine  # type: ignore[attr-defined]
    key = {"entity": entity, "entity_id": ident}
    with engine.begin() as conn:
        conn.execute(
            RECORD.insert(),
            {**key, "head_sha256": sha, "jurisdiction": area, "updated_at": now, **record},
        )
        conn.execute(
            VERSION.insert(),
            {**key, "sha256": sha, "content_json": content_json, "state": "accepted"}
            | {"device_id": "old", "received_at": now},
        )
        conn.execute(
            CHANGE.insert(),
            {**key, "sha256": sha, "jurisdiction": area, "device_id": "old"}
            | {"finding_id": record.get("finding_id")},
        )
    return ident


@contextmanager
def pg_database() -> Iterator[str]:
    """A fresh database on FIELDCHECK_TEST_PG_URL, dropped afterwards (skip when unset)."""
    import uuid

    import pytest
    from sqlalchemy import create_engine, text

    url = os.environ.get("FIELDCHECK_TEST_PG_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must set FIELDCHECK_TEST_PG_URL (see .ci/run)")
        pytest.skip("FIELDCHECK_TEST_PG_URL is not set (no PostgreSQL to test against)")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"fc_wire_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{url.rpartition('/')[0]}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
