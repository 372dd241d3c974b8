# SPDX-License-Identifier: Apache-2.0
"""What the province benchmarks share: a `fieldcheck-server serve` process on loopback,
its peak memory, a throwaway PostgreSQL database, and a township's worth of records.

The records are made the way devices make them (models, canonical content, Ed25519
signatures by an expert whose key the server attested) and enter through the same
ingest, key and signature checks as a push; only the HTTP round trips are skipped.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "sync"))

from syncfix import free_port  # noqa: E402

from fieldcheck.core import clock  # noqa: E402
from fieldcheck.core.ids import new_id  # noqa: E402
from fieldcheck.core.loop import Status  # noqa: E402
from fieldcheck.core.models import Finding, FindingEvent, Inspection, Notice, Person, Site  # noqa: E402
from fieldcheck.core.terms import Level, MajorStatus, NoticeKind, Role  # noqa: E402
from fieldcheck.server import auth  # noqa: E402
from fieldcheck.server.db import open_engine  # noqa: E402
from fieldcheck.server.server_key import load_server_key  # noqa: E402
from fieldcheck.server.trust import apply_trusted  # noqa: E402
from fieldcheck.signing import canonical, signatures  # noqa: E402
from fieldcheck.signing import keys as keymod  # noqa: E402
from fieldcheck.sync.protocol import DeviceRole, PushRequest, content_sha256  # noqa: E402

TOWN, COUNTY = "330106001", "330106"


@contextlib.contextmanager
def pg_or_sqlite(data: Path) -> Iterator[tuple[str, str]]:
    """(database URL, what it is): a fresh PostgreSQL database when FIELDCHECK_TEST_PG_URL
    is set (dropped afterwards), else SQLite under data."""
    url = os.environ.get("FIELDCHECK_TEST_PG_URL")
    if not url:
        data.mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{data / 'server.db'}", "SQLite"
        return
    from sqlalchemy import create_engine, text

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"fc_bench_{new_id()[-12:]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{url.rpartition('/')[0]}/{name}", "PostgreSQL"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def enroll(db: str, role: DeviceRole, jurisdiction: str) -> str:
    """A new device's token, enrolled straight in the server's database."""
    engine = open_engine(db)
    with engine.begin() as conn:
        _, token = auth.enroll(conn, name="新设备", role=role, jurisdiction=jurisdiction)
    engine.dispose()
    return token


class ServeProcess:
    """`fieldcheck-server serve` in its own process, so its memory can be read."""

    def __init__(self, data: Path, db: str, blobs: str | None = None, workers: int = 1) -> None:
        self.data, self.port = data, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "fieldcheck.server.cli", "serve", "--data", str(data)]
        cmd += ["--db", db, "--port", str(self.port)] + (["--blobs", blobs] if blobs else [])
        cmd += ["--workers", str(workers)] if workers > 1 else []
        data.mkdir(parents=True, exist_ok=True)
        self.log = (data.parent / f"{data.name}.log").open("ab")
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.proc.poll() is None:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/v1/health", timeout=1).status_code == 200:
                    return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"fieldcheck-server did not start; see {self.log.name}")

    def memory_mb(self, field: str = "VmRSS") -> float:
        """VmRSS (now) or VmHWM (the peak since start) of the process, in MB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.log.close()


def _push(conn: Any, device: Any, server_key: Any, items: list[tuple[str, dict[str, Any]]]) -> None:
    request = PushRequest(
        batch_id=new_id(),
        changes=[
            {"entity": e, "entity_id": c["id"], "content": c, "sha256": content_sha256(c)}
            for e, c in items
        ],  # type: ignore[misc]
    )
    answer = apply_trusted(conn, device, request, None, server_key)
    bad = [r for r in answer.receipts if r.status.value != "accepted"]
    if bad:
        raise RuntimeError(f"seeding refused: {bad[0]}")


def _dump(record: Any) -> dict[str, Any]:
    return dict(record.model_dump(mode="json"))


def seed_township(
    db: str, data: Path, hazards: int, per_visit: int = 10, batch: int = 500
) -> dict[str, int]:
    """A township's records: visits of per_visit hazards, each hazard with its 排查 and
    交办 events, one 整改通知书 per visit, and per visit one major hazard confirmed by the
    county expert's signature. Returns how many of each kind went in."""
    engine = open_engine(db)
    server_key = load_server_key(data)
    with engine.begin() as conn:
        grid_dev, _ = auth.enroll(conn, name="seed", role=DeviceRole.GRID, jurisdiction=TOWN)
        expert_dev, _ = auth.enroll(conn, name="专家", role=DeviceRole.EXPERT, jurisdiction=COUNTY)
    now = clock.now()
    inspector = Person(name="王网格", role=Role.GRID, jurisdiction=TOWN)
    expert = Person(name="陈志强", role=Role.EXPERT, jurisdiction=COUNTY)
    private = keymod.generate()
    key = {"id": new_id(), "person_id": expert.id, "public_key_b64": keymod.public_b64(private)}
    key |= {"created_at": (now - timedelta(days=30)).isoformat()}
    key |= {"expires_at": (now + timedelta(days=700)).isoformat(), "revoked_at": None}
    with engine.begin() as conn:
        _push(conn, grid_dev, server_key, [("person", _dump(inspector))])
        _push(conn, expert_dev, server_key, [("person", _dump(expert))])
    with engine.begin() as conn:  # a key is attested only once its person is on the server
        _push(conn, expert_dev, server_key, [("person_key", key)])
    counts = dict.fromkeys(("site", "inspection", "finding", "event", "notice", "signature"), 0)
    grid: list[tuple[str, dict[str, Any]]] = []
    signed: list[tuple[str, dict[str, Any]]] = []

    def send(device: Any, items: list[tuple[str, dict[str, Any]]]) -> None:
        for i in range(0, len(items), batch):  # in order: references come first
            with engine.begin() as conn:
                _push(conn, device, server_key, items[i : i + batch])
        items.clear()

    def flush(force: bool = False) -> None:
        if force or len(signed) >= batch:  # a signature's finding goes in before it
            send(grid_dev, grid)
            send(expert_dev, signed)
        elif len(grid) >= batch:
            send(grid_dev, grid)

    for v in range(hazards // per_visit):
        at = now - timedelta(days=20, minutes=v)
        site = Site(name=f"五金厂{v}", address=f"东风路{v}号", jurisdiction=TOWN)
        visit = Inspection(site_id=site.id, inspector_ids=[inspector.id], started_at=at)
        grid += [("site", _dump(site)), ("inspection", _dump(visit))]
        ids = []
        for i in range(per_visit):
            major = i == 0
            finding = Finding(
                inspection_id=visit.id,
                site_id=site.id,
                description=f"灭火器过期失效，疏散通道堵塞 {v}-{i}",
                place="一号车间",
                level=Level.MAJOR if major else Level.GENERAL,
                major_status=MajorStatus.CONFIRMED if major else None,
                measures="更换灭火器，清理通道",
                deadline=(at + timedelta(days=15)).date(),
                status=Status.ASSIGNED,
                found_at=at,
                found_by=inspector.id,
            )
            ids.append(finding.id)
            grid.append(("finding", _dump(finding)))
            for action, before, after in (
                ("record", None, Status.FOUND),
                ("assign", Status.FOUND, Status.ASSIGNED),
            ):
                event = FindingEvent(
                    finding_id=finding.id,
                    action=action,
                    from_status=before,
                    to_status=after,
                    actor_id=inspector.id,
                    at=at,
                )
                grid.append(("finding_event", _dump(event)))
            counts["finding"] += 1
            counts["event"] += 2
            if major:
                signed.append(("signature", _confirm(finding, site, expert, key, private, at)))
                counts["signature"] += 1
        notice = Notice(
            kind=NoticeKind.RECTIFICATION,
            number=f"检通〔2026〕B-{v + 1:05d}号",
            inspection_id=visit.id,
            site_id=site.id,
            issued_by=inspector.id,
            issued_at=at,
            finding_ids=ids,
        )
        grid.append(("notice", _dump(notice)))
        counts["site"] += 1
        counts["inspection"] += 1
        counts["notice"] += 1
        flush()
    flush(force=True)
    engine.dispose()
    return counts


def _confirm(
    finding: Finding, site: Site, expert: Person, key: dict[str, Any], private: Any, at: Any
) -> dict[str, Any]:
    """The expert's confirm signature over the finding's canonical content."""
    facts = canonical.FindingFacts(
        finding.id,
        finding.inspection_id,
        site.id,
        site.name,
        site.uscc,
        finding.description,
        finding.place,
        None,
        None,
        None,
        None,
        None,
        finding.found_at,
        finding.found_by,
    )
    content_sha = canonical.sha256_hex(canonical.finding_content(facts, level="major"))
    signed_at = at + timedelta(hours=2)
    statement = canonical.Statement(
        "finding",
        finding.id,
        "confirm",
        expert.id,
        "expert",
        key["id"],
        "",
        signed_at,
        1,
        content_sha,
    )
    sig = {"id": new_id(), "subject_kind": "finding", "subject_id": finding.id}
    sig |= {"signer_id": expert.id, "key_id": key["id"], "role": "expert", "purpose": "confirm"}
    sig |= {"comment": "", "content_version": 1, "content_sha256": content_sha}
    sig |= {"signature_b64": signatures.sign(private, statement.to_bytes())}
    sig |= {"signed_at": signed_at.isoformat(), "public_key_b64": key["public_key_b64"]}
    return sig


def visit_batches(town: str, findings: int, batch: int = 250) -> list[bytes]:
    """Push bodies of one device: a site and a visit, then its findings, batch by batch."""
    person = Person(name="李网格", role=Role.GRID, jurisdiction=town)
    site = Site(name="东风五金厂", address="东风路1号", jurisdiction=town)
    visit = Inspection(site_id=site.id, inspector_ids=[person.id], started_at=clock.now())
    items = [("person", _dump(person)), ("site", _dump(site)), ("inspection", _dump(visit))]
    for i in range(findings):
        finding = Finding(
            inspection_id=visit.id,
            site_id=site.id,
            description=f"隐患 {i}",
            found_at=visit.started_at,
            found_by=person.id,
        )
        items.append(("finding", _dump(finding)))
    bodies = []
    for i in range(0, len(items), batch):
        request = PushRequest(
            batch_id=new_id(),
            changes=[
                {"entity": e, "entity_id": c["id"], "content": c, "sha256": content_sha256(c)}
                for e, c in items[i : i + batch]
            ],  # type: ignore[misc]
        )
        bodies.append(request.model_dump_json().encode())
    return bodies
