# SPDX-License-Identifier: Apache-2.0
"""Province deployment, as deployed: PostgreSQL, SeaweedFS S3, three `fieldcheck-server
serve` processes and nginx in front, all on 127.0.0.1. Twenty devices in four townships
push and pull at once; one server process is SIGKILLed mid-run and restarted. At the end
every device and the server agree record by record and photo by photo."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "sync"))
sys.path.insert(0, str(HERE.parent / "server"))

from seaweed import CREDENTIALS, seaweed_s3, skip_or_fail  # noqa: E402
from syncfix import free_port, make_field_data, pg_database  # noqa: E402

from fieldcheck.photos.store import BlobStore  # noqa: E402
from fieldcheck.server import auth  # noqa: E402
from fieldcheck.server.blobstore.s3 import S3Store  # noqa: E402
from fieldcheck.server.db import open_engine  # noqa: E402
from fieldcheck.services.context import AppContext, open_context  # noqa: E402
from fieldcheck.services.sync import sync as sync_service  # noqa: E402
from fieldcheck.services.sync import sync_view  # noqa: E402
from fieldcheck.sync.client import SyncClient  # noqa: E402
from fieldcheck.sync.protocol import MAX_HELD_QUERY, DeviceRole, HeldQuery  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres,
]

NGINX = "/usr/sbin/nginx"
TOWNS = ["330106001", "330106002", "330106003", "330106004"]
RUN_SECONDS = 25.0
SRC = Path(__file__).resolve().parents[2] / "src"


def _nginx_conf(root: Path, port: int, upstreams: list[int]) -> Path:
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    servers = "\n".join(
        f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;" for p in upstreams
    )
    # Started as root (CI, containers) nginx runs its worker as `nobody`, which cannot
    # open the client-body temp files under pytest's 0700 tmp_path: every request body
    # over client_body_buffer_size (16 KB) then gets nginx's own 500 and never reaches a
    # server. Keep the worker as the user who owns these directories.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    conf = root / "nginx.conf"
    conf.write_text(
        f"""{user}worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    client_max_body_size 80m;
    upstream fieldcheck {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://fieldcheck;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            # pushes are idempotent by batch id and uploads by range: safe to retry
            proxy_next_upstream error timeout http_502 http_503 non_idempotent;
            proxy_next_upstream_tries 3;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
        }}
    }}
}}
"""
    )
    return conf


def _wait_http(url: str, timeout: float, proc: subprocess.Popen[bytes] | None = None) -> bool:

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=1.0).status_code == 200:
                return True
        time.sleep(0.2)
    return False


class Servers:
    """Three `fieldcheck-server serve` processes sharing one database and one bucket."""

    def __init__(self, root: Path, db: str, blobs: str) -> None:
        self.root, self.db, self.blobs = root, db, blobs
        self.ports = [free_port() for _ in range(3)]
        self.procs: list[subprocess.Popen[bytes] | None] = [None, None, None]
        self.env = {**os.environ, **CREDENTIALS, "PYTHONPATH": str(SRC)}

    def start(self, i: int) -> None:
        data = self.root / "srv"  # shared, as on NFS: one server key for all three
        log = (self.root / f"srv{i}.log").open("ab")
        cmd = [sys.executable, "-m", "fieldcheck.server.cli", "serve", "--data", str(data)]
        cmd += ["--db", self.db, "--blobs", self.blobs, "--port", str(self.ports[i])]
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=self.env)
        self.procs[i] = proc
        if not _wait_http(f"http://127.0.0.1:{self.ports[i]}/v1/health", 60, proc):
            tail = (self.root / f"srv{i}.log").read_text(errors="replace")[-1500:]
            raise AssertionError(f"server {i} did not start: {tail}")

    def kill(self, i: int) -> None:
        proc = self.procs[i]
        assert proc is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)

    def stop(self) -> None:
        for proc in self.procs:
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)


@contextlib.contextmanager
def _nginx(root: Path, upstreams: list[int]) -> Iterator[str]:
    if not Path(NGINX).exists() and shutil.which("nginx") is None:
        skip_or_fail("nginx is not installed (apt-get install nginx)")
    binary = NGINX if Path(NGINX).exists() else str(shutil.which("nginx"))
    port = free_port()
    conf = _nginx_conf(root, port, upstreams)
    proc = subprocess.Popen(
        [binary, "-p", str(root), "-c", str(conf), "-e", str(root / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        if not _wait_http(f"{url}/v1/health", 20, proc):
            skip_or_fail(f"nginx did not start: {(root / 'error.log').read_text()[-600:]}")
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _large_bodies_pass(url: str, token: str) -> None:
    """A request body nginx must buffer to a temp file (a full "what do you hold" query,
    about 70 KB) reaches a server and is answered; nginx's own 500 once stopped a run."""
    import hashlib

    shas = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(MAX_HELD_QUERY)]
    with SyncClient(url, token, attempts=1) as client:
        answer = client.held(HeldQuery(blobs=shas))
    assert [b.sha256 for b in answer.blobs] == shas
    assert not any(b.complete for b in answer.blobs)


def _sync_until_clean(ctx: AppContext, deadline: float) -> None:
    """Sync until a round pushes nothing and reports nothing unexplained."""
    last: Any = None
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):  # a dying upstream: try again
            last = sync_service.sync(ctx)
            if last.ok and last.pushed == 0:
                return
        time.sleep(0.5)
    raise AssertionError(f"device never synced clean: {last}")


def test_three_servers_behind_nginx_lose_and_duplicate_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in CREDENTIALS.items():  # this process reads the bucket at the end
        monkeypatch.setenv(key, value)
    with (
        pg_database() as db,
        seaweed_s3(tmp_path / "weed") as endpoint,
    ):
        blobs = f"s3://fieldcheck-test/e2e?endpoint={endpoint}&path_style=1&create=1"
        servers = Servers(tmp_path, db, blobs)
        try:
            servers.start(0)  # the first migrates the database; the others find it ready
            servers.start(1)
            servers.start(2)
            with _nginx(tmp_path / "nginx", servers.ports) as url:
                _run(tmp_path, url, db, blobs, servers)
        finally:
            servers.stop()
    log = (tmp_path / "nginx" / "error.log").read_text(errors="replace")
    cut = sum(log.count(w) for w in ("prematurely closed", "reset by peer"))
    print(
        f"killed server 1 (SIGKILL) mid-run; nginx saw {cut} requests cut by the kill, "
        f"{log.count('Connection refused')} refused while it was down "
        "(each retried on another process or by the device)"
    )


def _run(tmp_path: Path, url: str, db: str, blobs: str, servers: Servers) -> None:
    engine = open_engine(db)
    tokens = []
    with engine.begin() as conn:
        for i in range(20):
            town = TOWNS[i % 4]
            _, token = auth.enroll(conn, name=f"网格{i}", role=DeviceRole.GRID, jurisdiction=town)
            tokens.append((town, token))
    _large_bodies_pass(url, tokens[0][1])
    keys = set()
    for port in servers.ports:  # every process attests with the same server key
        me = httpx.get(f"http://127.0.0.1:{port}/v1/me", headers=_bearer(tokens[0][1]))
        keys.add(me.json()["server_key_b64"])
    assert len(keys) == 1, keys
    devices = []
    for i, (town, token) in enumerate(tokens):
        ctx = open_context(tmp_path / f"dev{i}")
        sync_service.login(ctx, url, token)
        devices.append((town, ctx))
    errors: list[BaseException] = []
    stop_at = time.monotonic() + RUN_SECONDS

    def device_loop(town: str, ctx: AppContext) -> None:
        try:
            while time.monotonic() < stop_at:
                make_field_data(ctx, town, findings_n=1, photos_per_finding=1)
                with contextlib.suppress(Exception):  # the killed upstream: next round
                    sync_service.sync(ctx)
            _sync_until_clean(ctx, time.monotonic() + 60)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=device_loop, args=d) for d in devices]
    for t in threads:
        t.start()
    time.sleep(RUN_SECONDS / 2)
    servers.kill(1)  # SIGKILL in the middle of the run
    time.sleep(2)
    servers.start(1)
    for t in threads:
        t.join(120)
    assert not errors, errors
    for _, ctx in devices:  # everyone pulls what the others pushed last
        _sync_until_clean(ctx, time.monotonic() + 30)
    try:
        _check_agreement(engine, devices, blobs)
    finally:
        for _, ctx in devices:
            ctx.close()
        engine.dispose()


def _check_agreement(engine: Any, devices: list[tuple[str, AppContext]], blobs: str) -> None:
    from sqlalchemy import func, select

    from fieldcheck.server.tables import CHANGE as C
    from fieldcheck.server.tables import RECORD as R

    with engine.connect() as conn:
        rows = conn.execute(
            select(R.c.entity, R.c.entity_id, R.c.head_sha256, R.c.jurisdiction, R.c.blob_sha256)
        ).all()
        doubled = conn.execute(
            select(C.c.entity, C.c.entity_id, C.c.sha256)
            .group_by(C.c.entity, C.c.entity_id, C.c.sha256)
            .having(func.count() > 1)
        ).all()
    assert doubled == [], "a version entered the feed twice"
    store = S3Store.from_url(blobs)
    in_bucket = set(store.hashes())
    named = {r.blob_sha256 for r in rows if r.entity == "photo"}
    assert named <= in_bucket, "a photo record names an original the bucket lacks"
    photos_total = 0
    for town, ctx in devices:
        heads = {(r.entity, r.entity_id): r.head_sha256 for r in rows if r.jurisdiction == town}
        view = sync_view.sync_status(ctx, online=True)
        assert {r["state"] for r in view["records"]} == {"on server"}, view["records_by_state"]
        assert {(r["entity"], r["id"]): r["sha256"] for r in view["records"]} == heads
        shas = {p["sha256"] for p in view["photos"]}
        visible = {r.blob_sha256 for r in rows if r.entity == "photo" and r.jurisdiction == town}
        assert shas == visible
        local = BlobStore(ctx.home.photos)
        assert all(local.verify(sha) is None for sha in shas)
        photos_total += len(shas)
    from fieldcheck.server.blobstore.tools import named as named_in_db
    from fieldcheck.server.blobstore.tools import verify

    with engine.connect() as conn:  # `blobs verify --all` on the bucket and the database
        tally = verify(store, named=list(named_in_db(conn)))
    assert tally.bad == [] and tally.checked == len(in_bucket)
    assert tally.missing == [] and tally.named >= len(named)
    print(
        f"records={len(rows)} photos_in_bucket={len(in_bucket)} "
        f"photos_on_devices={photos_total} feed_duplicates=0 "
        f"originals_named_in_db={tally.named} missing=0 bad=0"
    )
