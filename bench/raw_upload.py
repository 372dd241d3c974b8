# SPDX-License-Identifier: Apache-2.0
"""The baseline of `sync_push_loopback`: a bare HTTP handler that stores each request
body in a file, fsynced before it answers (as the sync server must), run in its own
process like the server it is compared with, and the client that PUTs the same bytes.

`python bench/raw_upload.py PORT FOLDER [--loose|--folder-sync]` serves until killed;
--folder-sync also fsyncs the folder after each new file, as a new file's name needs
to be durable (the server fsyncs each original and then its folder after the rename)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

Handler = Callable[..., Any]


def raw_app(folder: Path, durable: bool, folder_sync: bool = False) -> Handler:
    """An ASGI handler storing each body in folder/<last path part>."""

    def store(name: str, body: bytes) -> None:
        with (folder / name).open("wb") as fh:
            fh.write(body)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if folder_sync:
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    async def app(scope: dict[str, Any], receive: Handler, send: Handler) -> None:
        if scope["type"] != "http":
            return
        chunks = []
        while True:
            msg = await receive()
            chunks.append(msg.get("body", b""))
            if not msg.get("more_body"):
                break
        store(os.path.basename(scope["path"]), b"".join(chunks))
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    return app


@contextmanager
def raw_server(
    port: int, folder: Path, *, durable: bool, folder_sync: bool = False
) -> Iterator[str]:
    """The bare handler in its own process on 127.0.0.1:port; its URL."""
    folder.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, __file__, str(port), str(folder)] + ([] if durable else ["--loose"])
    cmd += ["--folder-sync"] if folder_sync else []
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.put(f"{url}/probe", content=b"", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("the raw upload server did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def upload(url: str, blobs: list[bytes], records: bytes, connections: int = 1) -> float:
    """Seconds to PUT every blob and then the records. connections=1: one after another on
    one keep-alive connection; more: that many at once, as the sync's uploaders do."""
    with httpx.Client(base_url=url, timeout=60) as http:
        t0 = time.perf_counter()
        if connections == 1:
            for i, data in enumerate(blobs):
                http.put(f"/raw/{i}", content=data).raise_for_status()
        else:
            with ThreadPoolExecutor(connections) as pool:
                answers = pool.map(
                    lambda item: http.put(f"/raw/{item[0]}", content=item[1]), enumerate(blobs)
                )
                for resp in answers:
                    resp.raise_for_status()
        http.put("/raw/records", content=records).raise_for_status()
        return time.perf_counter() - t0


if __name__ == "__main__":
    import uvicorn

    port, folder = int(sys.argv[1]), Path(sys.argv[2])
    app = raw_app(folder, "--loose" not in sys.argv, "--folder-sync" in sys.argv)
    uvicorn.run(app, host="127.0.0.1", port=port, log_config=None, access_log=False)
