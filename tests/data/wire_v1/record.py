# SPDX-License-Identifier: Apache-2.0
"""Record protocol-1 traffic from the demo: every push batch a device sends, every pull page.

Run once with the code of the protocol being recorded (it must not be re-run after the
wire changes; the point is to keep what older devices really send):

    python tests/data/wire_v1/record.py tests/data/wire_v1

It seeds the demo, serves an in-process server, logs the demo's grid worker in, syncs
(photos, then pushes), and lets a second device of the same county pull everything.
The request and response bodies are written gzipped as push.json.gz and pull.json.gz.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from fieldcheck.demo import seed
from fieldcheck.server import auth
from fieldcheck.server.app import create_app
from fieldcheck.services.context import open_context
from fieldcheck.services.sync import sync
from fieldcheck.sync.protocol import DeviceRole


class Recorder(httpx.BaseTransport):
    """Passes requests to the app and keeps the JSON bodies of pushes and pulls."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.pushes: list[dict[str, Any]] = []
        self.pulls: list[dict[str, Any]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        path = request.url.path
        if path == "/v1/push":
            self.pushes.append(
                {"request": json.loads(request.content), "response": response.json()}
            )
        elif path == "/v1/pull":
            self.pulls.append({"query": dict(request.url.params), "response": response.json()})
        return response


def main(out: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="fieldcheck-wire-"))
    try:
        app = create_app(work / "srv")
        with TestClient(app, base_url="http://fieldcheck.test") as client:
            engine = app.state.server.engine
            with engine.begin() as conn:
                _, grid = auth.enroll(
                    conn, name="网格员", role=DeviceRole.GRID, jurisdiction="410105"
                )
                _, other = auth.enroll(
                    conn, name="执法人员", role=DeviceRole.ENFORCEMENT, jurisdiction="410105"
                )
            recorder = Recorder(client._transport)
            with open_context(work / "a") as a:
                seed.seed_demo(a)
                sync.login(a, "http://fieldcheck.test", grid, transport=recorder)
                sync.sync(a, transport=recorder)
            pushes, recorder.pushes = recorder.pushes, []
            with open_context(work / "b") as b:
                sync.login(b, "http://fieldcheck.test", other, transport=recorder)
                sync.sync(b, transport=recorder)
        out.mkdir(parents=True, exist_ok=True)
        for name, data in (("push", pushes), ("pull", recorder.pulls)):
            text = json.dumps(data, ensure_ascii=False, sort_keys=True)
            (out / f"{name}.json.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
        print(f"{len(pushes)} push batches, {len(recorder.pulls)} pull pages -> {out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
