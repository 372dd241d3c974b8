# SPDX-License-Identifier: Apache-2.0
"""Province benchmarks: a new device pulling a township, pushes against several server
processes, photos through the S3 backend. Servers run as `fieldcheck-server serve`
processes on 127.0.0.1 and stop at the end of each benchmark."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from fieldcheck.services.context import open_context
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.sync.protocol import DeviceRole
from harness import Result, benchmark, p50_ms
from scale import TOWN, ServeProcess, enroll, pg_or_sqlite, seed_township, visit_batches

HAZARDS = 20_000


def _raw_pages(url: str, token: str) -> tuple[float, int, int]:
    """(seconds, records, bytes) to fetch every pull page without applying any."""
    headers = {"Authorization": f"Bearer {token}"}
    since, records, size = 0, 0, 0
    with httpx.Client(base_url=url, headers=headers, timeout=120) as http:
        t0 = time.perf_counter()
        while True:
            resp = http.get("/v1/pull", params={"since": since, "limit": 1000})
            resp.raise_for_status()
            page = resp.json()
            records += len(page["records"])
            size += len(resp.content)
            since = page["cursor"]
            if not page["more"]:
                return time.perf_counter() - t0, records, size


@benchmark("pull_new_device_20k", "pull_new_device_20k_server_peak")
def bench_pull_new_device() -> list[Result]:
    tmp = Path(tempfile.mkdtemp(prefix="fc-bench-"))
    try:
        with pg_or_sqlite(tmp / "srv") as (db, kind):
            server = ServeProcess(tmp / "srv", db)
            try:
                t0 = time.perf_counter()
                seeded = seed_township(db, tmp / "srv", HAZARDS)
                seed_s = time.perf_counter() - t0
                idle_mb = server.memory_mb()
                raw_s, raw_n, raw_bytes = _raw_pages(server.url, enroll(db, DeviceRole.GRID, TOWN))
                ctx = open_context(tmp / "new-device")
                sync_service.login(ctx, server.url, enroll(db, DeviceRole.GRID, TOWN))
                t0 = time.perf_counter()
                report = sync_service.sync(ctx)
                pull_s = time.perf_counter() - t0
                assert report.ok and report.quarantined == 0, report
                with ctx.db.read() as s:
                    from sqlmodel import func, select

                    from fieldcheck.storage.tables import FindingRow

                    held = s.exec(select(func.count()).select_from(FindingRow)).one()
                ctx.close()
                peak_mb = server.memory_mb("VmHWM")
            finally:
                server.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    assert held == HAZARDS, held
    what = ", ".join(f"{n} {k}s" for k, n in seeded.items())
    return [
        Result(
            "pull_new_device_20k",
            pull_s,
            "s",
            "the same pages fetched, not applied",
            raw_s,
            f"{kind}; {what} (+ 2 people, a key and its attestation); {report.pulled} records "
            f"pulled in pages of 1,000, {raw_bytes / 1e6:.0f} MB of JSON; {held} hazards on the "
            f"new device (goal < 60 s); seeding took {seed_s:.0f} s",
        ),
        Result(
            "pull_new_device_20k_server_peak",
            peak_mb,
            "MB",
            "server RSS before the pull",
            idle_mb,
            f"VmHWM of the `fieldcheck-server serve` process over the whole run (seeding ran "
            f"in the benchmark process); {raw_n} records served twice",
        ),
    ]


DEVICES, PER_DEVICE = 20, 1000
TOWNS = ["330106001", "330106002", "330106003", "330106004"]


def _push_all(urls: list[str], tokens: list[str], bodies: list[list[bytes]]) -> float:
    """Seconds for every device to push its batches at once, device i to urls[i % n]."""
    errors: list[BaseException] = []
    start = threading.Barrier(len(tokens) + 1)

    def device(i: int) -> None:
        headers = {"Authorization": f"Bearer {tokens[i]}", "Content-Type": "application/json"}
        try:
            with httpx.Client(base_url=urls[i % len(urls)], headers=headers, timeout=300) as http:
                start.wait()
                for body in bodies[i]:
                    resp = http.post("/v1/push", content=body)
                    resp.raise_for_status()
                    statuses = {r["status"] for r in resp.json()["receipts"]}
                    assert statuses == {"accepted"}, statuses
        except BaseException as exc:
            errors.append(exc)
            with contextlib.suppress(threading.BrokenBarrierError):
                start.abort()

    threads = [threading.Thread(target=device, args=(i,)) for i in range(len(tokens))]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    took = time.perf_counter() - t0
    if errors:
        raise errors[0]
    return took


def _parallel_run(tmp: Path, processes: int) -> float:
    """Aggregate findings/s of DEVICES devices in 4 townships against processes servers."""
    with pg_or_sqlite(tmp / "srv") as (db, _kind):
        servers = [ServeProcess(tmp / f"srv{processes}-{i}", db) for i in range(processes)]
        try:
            tokens = [enroll(db, DeviceRole.GRID, TOWNS[i % 4]) for i in range(DEVICES)]
            bodies = [visit_batches(TOWNS[i % 4], PER_DEVICE) for i in range(DEVICES)]
            took = _push_all([s.url for s in servers], tokens, bodies)
        finally:
            for s in servers:
                s.stop()
    return DEVICES * PER_DEVICE / took


@benchmark("server_push_parallel")
def bench_push_parallel() -> list[Result]:
    if not os.environ.get("FIELDCHECK_TEST_PG_URL"):
        note = "skipped: several processes need PostgreSQL (FIELDCHECK_TEST_PG_URL)"
        return [Result("server_push_parallel", float("nan"), "findings/s", note=note)]
    tmp = Path(tempfile.mkdtemp(prefix="fc-bench-"))
    try:
        one = _parallel_run(tmp / "one", 1)
        three = _parallel_run(tmp / "three", 3)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [
        Result(
            "server_push_parallel",
            three,
            "findings/s",
            "the same pushes against 1 process",
            one,
            f"{DEVICES} devices in 4 townships push {PER_DEVICE} findings each (batches of "
            f"250) at once over HTTP to 3 `fieldcheck-server serve` processes on one "
            f"PostgreSQL, device i to process i mod 3; {os.cpu_count()} cores shared by "
            "clients, servers and the database",
        )
    ]


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    return p50_ms(fn, repeat=repeat, warmup=0)


@benchmark("server_request_ms")
def bench_request_costs() -> list[Result]:
    """Median wall time of each kind of request against one idle `serve` process."""
    import hashlib

    tmp = Path(tempfile.mkdtemp(prefix="fc-bench-"))
    out: dict[str, float] = {}
    try:
        with pg_or_sqlite(tmp / "srv") as (db, kind):
            server = ServeProcess(tmp / "srv", db)
            try:
                token = enroll(db, DeviceRole.GRID, TOWN)
                headers = {"Authorization": f"Bearer {token}"}
                small = iter(visit_batches(TOWN, 1, batch=4) for _ in range(40))
                big = iter(visit_batches(TOWN, 497, batch=500)[0] for _ in range(10))
                photos = iter(os.urandom(500_000) for _ in range(5))
                shas = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(1000)]
                with httpx.Client(base_url=server.url, headers=headers, timeout=120) as http:
                    json_h = {"Content-Type": "application/json"}
                    out["health"] = _median_ms(lambda: http.get("/v1/health"), 30)
                    out["me"] = _median_ms(lambda: http.get("/v1/me"), 30)
                    out["push 4 records"] = _median_ms(
                        lambda: http.post("/v1/push", content=next(small)[0], headers=json_h), 40
                    )
                    out["push 500 records"] = _median_ms(
                        lambda: http.post("/v1/push", content=next(big), headers=json_h), 10
                    )
                    out["pull page of 1000"] = _median_ms(
                        lambda: http.get("/v1/pull", params={"since": 0}), 10
                    )
                    body = json.dumps({"records": [], "blobs": shas}).encode()
                    out["held 1000 photos"] = _median_ms(
                        lambda: http.post("/v1/held", content=body, headers=json_h), 10
                    )

                    def upload() -> None:
                        data = next(photos)
                        sha = hashlib.sha256(data).hexdigest()
                        span = {"Content-Range": f"bytes 0-{len(data) - 1}/{len(data)}"}
                        http.put(f"/v1/blobs/{sha}", content=data, headers=span).raise_for_status()

                    out["photo 0.5 MB"] = _median_ms(upload, 5)
            finally:
                server.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    note = f"{kind}; " + "; ".join(f"{k} {v:.1f} ms" for k, v in out.items())
    return [
        Result(
            "server_request_ms", out["push 500 records"], "ms", "health check", out["health"], note
        )
    ]
