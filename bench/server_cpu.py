# SPDX-License-Identifier: Apache-2.0
"""Server CPU (utime + stime of the `fieldcheck-server serve` process, /proc) per 0.5 MB
photo upload (one to a request, and eight to a request as a 1.3 device sends them) and
per pushed record, SQLite and the local store, one client, one
connection. CPU time is what other work on a shared machine disturbs least.

`python bench/server_cpu.py [UPLOADS] [RECORDS]` (defaults 300 and 5,000) prints both."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.core.models import Finding, Inspection, Site
from fieldcheck.sync.protocol import BLOBS_HEADER, DeviceRole, content_sha256
from scale import ServeProcess, enroll

BATCH = 250  # records a push, as a device sends them


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _change(entity: str, record: Any) -> dict[str, Any]:
    content = record.model_dump(mode="json")
    return {
        "entity": entity,
        "entity_id": content["id"],
        "content": content,
        "sha256": content_sha256(content),
    }


def _uploads(c: httpx.Client, h: dict[str, str], n: int) -> int:
    photos = [os.urandom(500_000) for _ in range(n)]
    for photo in photos:
        sha = hashlib.sha256(photo).hexdigest()
        rng = {"Content-Range": f"bytes 0-{len(photo) - 1}/{len(photo)}"}
        r = c.put(f"/v1/blobs/{sha}", content=photo, headers={**h, **rng})
        assert r.status_code == 200 and r.json()["complete"], r.text
    return n


def _grouped(c: httpx.Client, h: dict[str, str], n: int, size: int = 8) -> int:
    """n photos sent `size` to a request (POST /v1/blobs, as a 1.3 device sends them)."""
    photos = [os.urandom(500_000) for _ in range(n)]
    for i in range(0, n, size):
        group = photos[i : i + size]
        named = ",".join(f"{hashlib.sha256(p).hexdigest()}:{len(p)}" for p in group)
        r = c.post("/v1/blobs", content=b"".join(group), headers={**h, BLOBS_HEADER: named})
        assert r.status_code == 200 and all(b["complete"] for b in r.json()["blobs"]), r.text
    return n


def _pushes(c: httpx.Client, h: dict[str, str], n: int) -> list[bytes]:
    """The site and inspection pushed; n findings under them as push bodies, not sent."""
    site = Site(name="厂", address="路", jurisdiction="330106001")
    insp = Inspection(site_id=site.id, inspector_ids=[new_id()], started_at=clock.now())
    head = {"batch_id": new_id(), "changes": [_change("site", site), _change("inspection", insp)]}
    assert c.post("/v1/push", json=head, headers=h).status_code == 200
    found = [
        _change(
            "finding",
            Finding(
                inspection_id=insp.id,
                site_id=site.id,
                description=f"隐患 {i}",
                found_at=insp.started_at,
                found_by=insp.inspector_ids[0],
            ),
        )
        for i in range(n)
    ]
    return [
        json.dumps({"batch_id": new_id(), "changes": found[i : i + BATCH]}).encode()
        for i in range(0, n, BATCH)
    ]


def main(uploads: int = 300, records: int = 5000) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="fc-cpu-"))
    db = f"sqlite:///{tmp / 'server.db'}"
    token = enroll(db, DeviceRole.GRID, "330106001")
    server = ServeProcess(tmp / "srv", db)
    h = {"Authorization": f"Bearer {token}"}
    try:
        with httpx.Client(base_url=server.url, timeout=60) as c:
            start = _cpu(server.proc.pid)
            _uploads(c, h, uploads)
            per_upload = (_cpu(server.proc.pid) - start) / uploads
            start = _cpu(server.proc.pid)
            _grouped(c, h, uploads)
            per_grouped = (_cpu(server.proc.pid) - start) / uploads
            bodies = _pushes(c, h, records)
            start = _cpu(server.proc.pid)
            for body in bodies:
                json_h = {**h, "Content-Type": "application/json"}
                r = c.post("/v1/push", content=body, headers=json_h)
                assert r.status_code == 200, r.text[:300]
            per_record = (_cpu(server.proc.pid) - start) / records
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"server CPU per 0.5 MB upload: {per_upload * 1000:.2f} ms")
    print(f"server CPU per 0.5 MB photo sent 8 to a request: {per_grouped * 1000:.2f} ms")
    print(f"server CPU per pushed record (batches of {BATCH}): {per_record * 1e6:.0f} us")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
