# SPDX-License-Identifier: Apache-2.0
"""Sync benchmarks: push over loopback against a raw upload, server ingest, resume cost.

All servers listen on 127.0.0.1 only and stop at the end of each benchmark.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from PIL import Image

from harness import Result, benchmark

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "sync"))

from syncfix import free_port, live_server, make_field_data  # noqa: E402

from fieldcheck.core import clock  # noqa: E402
from fieldcheck.core.ids import new_id  # noqa: E402
from fieldcheck.core.models import Finding, Inspection, Site  # noqa: E402
from fieldcheck.server import auth  # noqa: E402
from fieldcheck.server.db import open_engine  # noqa: E402
from fieldcheck.server.ingest import apply_push  # noqa: E402
from fieldcheck.services.context import AppContext, open_context  # noqa: E402
from fieldcheck.services.evidence import photos  # noqa: E402
from fieldcheck.services.findings import findings  # noqa: E402
from fieldcheck.services.sync import sync as sync_service  # noqa: E402
from fieldcheck.services.sync.sync import UPLOADERS  # noqa: E402
from fieldcheck.services.sync.sync_report import SyncReport  # noqa: E402
from fieldcheck.sync.protocol import DeviceRole, PushRequest, content_sha256  # noqa: E402
from raw_upload import raw_server  # noqa: E402
from raw_upload import upload as raw_upload  # noqa: E402
from scale import ServeProcess  # noqa: E402

FINDINGS, PHOTOS, PHOTO_SIDE = 1000, 300, 800  # 800x800 noise JPEG ≈ 0.5 MB
ROUNDS = 3  # sync_push_loopback: each figure the median of this many runs
BOX_CPU: dict[str, list[float]] = {}  # run kind -> CPU seconds the whole box spent in each


def _box_busy() -> float:
    """CPU seconds every core of the box has spent busy since boot (/proc/stat: user,
    nice, system, irq, softirq), so a timed run's difference holds both sides of the
    upload and the kernel's share; 0.0 where there is no /proc/stat."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq = (int(f) for f in fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def _box_note(kind: str, seconds: float) -> str:
    """'C s of the box's CPU (P % of what N cores give in that time)' for the median run."""
    spent = statistics.median(BOX_CPU.get(kind) or [0.0])
    cores = os.cpu_count() or 1
    return f"{spent:.2f} s of the box's CPU ({spent / (cores * seconds):.0%} of {cores} cores)"


def _device(tmp: Path, url: str, token: str) -> AppContext:
    """A device with 1,000 findings and 300 photos of about 0.5 MB, logged in."""
    ctx = open_context(tmp / "dev")
    sync_service.login(ctx, url, token)
    field = make_field_data(ctx, "330106001", findings_n=1, photos_per_finding=0)
    ids = list(field.finding_ids)
    for i in range(FINDINGS - 1):
        ids.append(
            findings.record_finding(
                ctx,
                inspection_id=field.inspection_id,
                description=f"隐患 {i}",
                actor_id=field.person_id,
            ).id
        )
    folder = tmp / "incoming"
    folder.mkdir()
    for n in range(PHOTOS):
        path = folder / f"{n}.jpg"
        Image.frombytes("RGB", (PHOTO_SIDE, PHOTO_SIDE), os.urandom(PHOTO_SIDE**2 * 3)).save(
            path, quality=85
        )
        photos.attach_photos(ctx, ids[n], [path], actor_id=field.person_id)
    return ctx


def _payload_bytes(ctx: AppContext) -> tuple[list[bytes], bytes]:
    """The same bytes a sync sends: every original, and the outbox records as JSON."""
    originals = sorted((ctx.home.photos / "originals").glob("??/*"))
    from fieldcheck.storage import sync_repo

    with ctx.db.read() as s:
        rows = sync_repo.pending(s, after=0, limit=10**9)
    records = "[" + ",".join(json.dumps(r.content) for r in rows) + "]"
    return [p.read_bytes() for p in originals], records.encode()


@benchmark("sync_push_loopback", "sync_push_loopback_workers")
def bench_push_loopback() -> list[Result]:
    """The device in this process; `fieldcheck-server serve` (SQLite, the township default)
    and the raw baseline each in a process of their own, as on two machines.

    Each figure is the median of ROUNDS runs, the sync's and the raw upload's taking turns,
    each from a settled disk (``os.sync()`` first: the device's photos were just written,
    and their write-back would otherwise land in whichever run comes first). Every sync
    starts from a copy of one device and one server made once (the same records, photos
    and enrolment), so the rounds are alike."""
    tmp = Path(tempfile.mkdtemp(prefix="fc-bench-"))
    try:
        workers = max(2, os.cpu_count() or 2)
        token = _template(tmp)
        ctx = open_context(tmp / "dev")
        blobs, records = _payload_bytes(ctx)
        ctx.close()
        keys = ("raw", "rawf", "raw8", "loose", "sync", "cores")
        runs: dict[str, list[float]] = {k: [] for k in keys}
        BOX_CPU.clear()
        pushed = 0
        for n in range(ROUNDS):
            for key, durable, conns, fsync_folder in (
                ("raw", True, 1, False),
                ("rawf", True, 1, True),
                ("raw8", True, UPLOADERS, False),
                ("loose", False, 1, False),
            ):
                runs[key].append(
                    _raw_run(
                        tmp / f"{key}{n}",
                        key,
                        blobs,
                        records,
                        durable=durable,
                        connections=conns,
                        folder_sync=fsync_folder,
                    )
                )
            took, pushed = _sync_copy(tmp, f"sync{n}", "sync", token, workers=1)
            runs["sync"].append(took)
            runs["cores"].append(_sync_copy(tmp, f"cores{n}", "cores", token, workers=workers)[0])
        mid = {k: statistics.median(v) for k, v in runs.items()}
        raw_s, rawf_s, raw8_s, loose_s = mid["raw"], mid["rawf"], mid["raw8"], mid["loose"]
        sync_s, cores_s = mid["sync"], mid["cores"]
        mb = (sum(map(len, blobs)) + len(records)) / 1e6
        each = "; ".join(f"{k} " + " ".join(f"{x:.2f}" for x in v) for k, v in runs.items())
        return [
            Result(
                "sync_push_loopback",
                mb / sync_s,
                "MB/s",
                "raw HTTP upload, fsynced",
                mb / raw_s,
                f"{FINDINGS} findings + {PHOTOS} photos, {mb:.0f} MB, to `fieldcheck-server "
                f"serve` (SQLite) in its own process, medians of {ROUNDS} rounds: sync "
                f"{sync_s:.2f}s ({UPLOADERS} uploads at once, records beside them); baseline "
                f"raw {raw_s:.2f}s = the same bytes PUT one after another on one connection to "
                f"a bare handler in its own process that fsyncs each file (the goal's "
                f"reference); the same with a folder fsync after each file (the server's fsync "
                f"policy) {rawf_s:.2f}s (sync/that {rawf_s / sync_s:.2f}); the same raw upload "
                f"on {UPLOADERS} connections {raw8_s:.2f}s = {mb / raw8_s:.0f} MB/s (sync/that "
                f"{raw8_s / sync_s:.2f}); raw on one connection without fsync {loose_s:.2f}s = "
                f"{mb / loose_s:.0f} MB/s; {pushed} records; the same sync to `serve "
                f"--workers {workers}` (one process per core) {cores_s:.2f}s = "
                f"{mb / cores_s:.0f} MB/s (raw/that {raw_s / cores_s:.3f}); CPU, medians, both "
                f"sides and the kernel: the sync {_box_note('sync', sync_s)}, the raw upload "
                f"{_box_note('raw', raw_s)}; every run (s): {each}",
            ),
            Result(
                "sync_push_loopback_workers",
                mb / cores_s,
                "MB/s",
                "raw HTTP upload, fsynced",
                mb / raw_s,
                f"the same sync to `fieldcheck-server serve --workers {workers}` (one process "
                f"per core, as docs/server.md advises for a box of its own), median of "
                f"{ROUNDS}: {cores_s:.2f}s; baseline the same raw upload as "
                f"sync_push_loopback's, {raw_s:.2f}s",
            ),
        ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _template(tmp: Path) -> str:
    """The device (tmp/dev, logged in) and its server's data (tmp/tsrv) that every round
    copies; the device's token."""
    db = f"sqlite:///{tmp / 'tsrv' / 'server.db'}"
    server = ServeProcess(tmp / "tsrv", db)
    try:
        token = _enroll(db)
        _device(tmp, server.url, token).close()
    finally:
        server.stop()
    return token


def _sync_copy(tmp: Path, name: str, kind: str, token: str, *, workers: int) -> tuple[float, int]:
    """Seconds of one whole sync of a copy of the template device to a copy of its server
    (`serve --workers N`), from a settled disk; the records it pushed. The box's CPU for
    it goes to BOX_CPU[kind]."""
    run = tmp / name
    shutil.copytree(tmp / "tsrv", run / "srv")
    shutil.copytree(tmp / "dev", run / "dev")
    server = ServeProcess(run / "srv", f"sqlite:///{run / 'srv' / 'server.db'}", workers=workers)
    try:
        ctx = open_context(run / "dev")
        sync_service.login(ctx, server.url, token)  # the copy's own port
        _settle()
        busy = _box_busy()
        took, report = _timed_sync(ctx)
        BOX_CPU.setdefault(kind, []).append(_box_busy() - busy)
        return took, report.pushed
    finally:
        server.stop()
        shutil.rmtree(run, ignore_errors=True)


def _settle() -> None:
    """Let the disk write back what earlier steps left dirty before a timed run."""
    os.sync()
    time.sleep(0.3)


def _timed_sync(ctx: AppContext) -> tuple[float, SyncReport]:
    """One whole sync of ctx (which it closes): its seconds and its report."""
    t0 = time.perf_counter()
    report = sync_service.sync(ctx)
    took = time.perf_counter() - t0
    assert report.ok and report.accepted == report.pushed, report
    ctx.close()
    return took, report


def _enroll(db: str) -> str:
    engine = open_engine(db)
    with engine.begin() as conn:
        _, token = auth.enroll(conn, name="测试", role=DeviceRole.GRID, jurisdiction="330106001")
    engine.dispose()
    return token


def _raw_run(
    folder: Path,
    kind: str,
    blobs: list[bytes],
    records: bytes,
    *,
    durable: bool,
    connections: int,
    folder_sync: bool = False,
) -> float:
    """Seconds for the raw upload against a fresh bare server in its own process, from a
    settled disk; the box's CPU for it goes to BOX_CPU[kind]."""
    try:
        with raw_server(free_port(), folder, durable=durable, folder_sync=folder_sync) as url:
            _settle()
            busy = _box_busy()
            took = raw_upload(url, blobs, records, connections)
            BOX_CPU.setdefault(kind, []).append(_box_busy() - busy)
            return took
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _ingest(url: str, n: int = 10_000, batch: int = 500) -> tuple[float, float]:
    """(findings/s through apply_push, rows/s of a bare insert of the same versions)."""
    engine = open_engine(url)
    with engine.begin() as conn:
        device, _ = auth.enroll(conn, name="bench", role=DeviceRole.GRID, jurisdiction="330106001")
    site = Site(name="厂", address="路", jurisdiction="330106001")
    insp = Inspection(site_id=site.id, inspector_ids=[new_id()], started_at=clock.now())
    head = [site, insp]
    changes = []
    for i in range(n):
        f = Finding(
            inspection_id=insp.id,
            site_id=site.id,
            description=f"隐患 {i}",
            found_at=insp.started_at,
            found_by=insp.inspector_ids[0],
        )
        changes.append(("finding", f.model_dump(mode="json")))

    def req(items: list[tuple[str, dict]]) -> PushRequest:  # type: ignore[type-arg]
        return PushRequest(
            batch_id=new_id(),
            changes=[
                {"entity": e, "entity_id": c["id"], "content": c, "sha256": content_sha256(c)}
                for e, c in items
            ],
        )  # type: ignore[misc]

    with engine.begin() as conn:
        apply_push(
            conn,
            device,
            req(
                [
                    ("site", head[0].model_dump(mode="json")),
                    ("inspection", head[1].model_dump(mode="json")),
                ]
            ),
        )
    requests = [req(changes[i : i + batch]) for i in range(0, n, batch)]
    t0 = time.perf_counter()
    for r in requests:
        with engine.begin() as conn:
            apply_push(conn, device, r)
    ingest = n / (time.perf_counter() - t0)
    from sqlalchemy import Column, MetaData, String, Table, Text

    meta = MetaData()
    scratch = Table(
        f"bench_raw_{new_id()[:8].replace('-', '')}",
        meta,
        Column("id", String, primary_key=True),
        Column("body", Text),
    )
    meta.create_all(engine)
    rows = [{"id": c["id"], "body": json.dumps(c)} for _, c in changes]
    t0 = time.perf_counter()
    for i in range(0, n, batch):
        with engine.begin() as conn:
            conn.execute(scratch.insert(), rows[i : i + batch])
    raw = n / (time.perf_counter() - t0)
    meta.drop_all(engine)
    engine.dispose()
    return ingest, raw


@benchmark("server_ingest_sqlite")
def bench_ingest_sqlite() -> list[Result]:
    tmp = Path(tempfile.mkdtemp(prefix="fc-bench-"))
    try:
        rate, raw = _ingest(f"sqlite:///{tmp / 'server.db'}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [
        Result(
            "server_ingest_sqlite",
            rate,
            "findings/s",
            "bare INSERT of same rows",
            raw,
            "10,000 findings in batches of 500, one transaction per batch (goal ≥ 5,000/s)",
        )
    ]


@benchmark("server_ingest_postgres")
def bench_ingest_postgres() -> list[Result]:
    url = os.environ.get("FIELDCHECK_TEST_PG_URL")
    if not url:
        return [
            Result(
                "server_ingest_postgres",
                float("nan"),
                "findings/s",
                note="skipped: FIELDCHECK_TEST_PG_URL not set",
            )
        ]
    from sqlalchemy import create_engine, text

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"fc_bench_{new_id()[-12:]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        rate, raw = _ingest(url.rpartition("/")[0] + "/" + name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return [
        Result(
            "server_ingest_postgres",
            rate,
            "findings/s",
            "bare INSERT of same rows",
            raw,
            "10,000 findings in batches of 500 (goal ≥ 5,000/s)",
        )
    ]


class _Wire(httpx.HTTPTransport):
    """Counts request bytes that really went out; with a limit, the link dies after it."""

    def __init__(self, limit: int | None = None) -> None:
        super().__init__()
        self.limit, self.sent = limit, 0
        self.lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            if self.limit is not None and self.sent >= self.limit:
                raise httpx.ConnectError("link lost", request=request)
            self.sent += len(request.content)
        return super().handle_request(request)


@benchmark("sync_resume_resent_fraction")
def bench_resume() -> list[Result]:
    import fieldcheck.sync.client as client_mod

    tmp = Path(tempfile.mkdtemp(prefix="fc-bench-"))
    client_mod.BACKOFF = 0.0
    try:
        with live_server(tmp / "srv") as server:
            ctx = _device(tmp, server.url, server.enroll("grid", "330106001"))
            blobs, records = _payload_bytes(ctx)
            total = sum(map(len, blobs)) + len(records)
            cut, rest = _Wire(limit=total // 2), _Wire()
            first = sync_service.sync(ctx, transport=cut)
            assert not first.ok
            second = sync_service.sync(ctx, transport=rest)
            assert second.ok and second.pending_after == 0, second
            ctx.close()
        again = max(0, cut.sent + rest.sent - total)
        note = (
            f"link cut after {cut.sent / total:.0%} of {total / 1e6:.0f} MB went out; "
            f"{again / 1e6:.2f} MB sent again on resume (goal ≤ 0.05)"
        )
        return [Result("sync_resume_resent_fraction", again / total, "fraction", note=note)]
    finally:
        client_mod.BACKOFF = 0.2
        shutil.rmtree(tmp, ignore_errors=True)
