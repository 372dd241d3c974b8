# SPDX-License-Identifier: Apache-2.0
"""Several whole photo originals in one request (POST /v1/blobs, protocol 1.3).

A sync sends hundreds of photos of well under a megabyte, and each request of its own
costs the server more than the photo's own work: authentication, the request limits,
the HTTP and ASGI layers, a hop to a worker thread and two database reads
(docs/scale.md). A request of many photos pays that once. Each original in it is stored
exactly as a single whole-range PUT stores it (hash checked in memory before it touches
the disk, fsynced, renamed into place, folder fsynced), so nothing about what the store
promises changes; an original that cannot be stored whole (its bytes hash to another
name, or part of it is held from a ranged upload) is refused on its own with its reason,
and the device sends it the old way. Photos larger than one range never come this way.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from fieldcheck.server.blobs import SHA_RE, BadRange
from fieldcheck.server.state import Server
from fieldcheck.server.tables import PARTIAL_UPLOAD as P
from fieldcheck.sync.protocol import (
    BLOBS_HEADER,
    MAX_BLOB_BYTES,
    MAX_BLOBS_PER_REQUEST,
    BlobRefusal,
    BlobsAnswer,
    BlobState,
)

Item = tuple[str, int]  # (sha256, size) as the header names it


def parse_manifest(header: str | None, length: int) -> list[Item]:
    """The originals a body of length bytes holds, from ``SHA256:SIZE,...``; BadRange
    (400) naming the entry when the header is missing, malformed or does not fit."""
    if header is None or not header.strip():
        raise BadRange(f"the {BLOBS_HEADER} header is required (SHA256:SIZE,SHA256:SIZE,...)")
    entries = header.split(",")
    if len(entries) > MAX_BLOBS_PER_REQUEST:
        raise BadRange(
            f"{BLOBS_HEADER} names {len(entries)} originals; at most "
            f"{MAX_BLOBS_PER_REQUEST} go in one request"
        )
    items: list[Item] = []
    for n, entry in enumerate(entries, start=1):
        sha, _, size = entry.strip().partition(":")
        if not SHA_RE.match(sha) or not size.isdigit() or len(size) > 12:
            raise BadRange(f"{BLOBS_HEADER} entry {n} {entry[:80]!r} is not SHA256:SIZE")
        if not 1 <= int(size) <= MAX_BLOB_BYTES:
            raise BadRange(f"{BLOBS_HEADER} entry {n}: size {size} is outside 1..{MAX_BLOB_BYTES}")
        if any(sha == earlier for earlier, _ in items):
            raise BadRange(f"{BLOBS_HEADER} entry {n}: {sha} is named twice")
        items.append((sha, int(size)))
    named = sum(size for _, size in items)
    if named != length:
        raise BadRange(f"{BLOBS_HEADER} names {named} bytes but the body has {length}")
    return items


def store_many(server: Server, device_id: str, items: list[Item], body: bytes) -> BlobsAnswer:
    """Store each whole original of body (in a worker thread: one hop for all of them).

    A whole original reserves no upload slot (as a single whole-range PUT); once stored,
    any device's slot for it is freed, found with one read for the whole request. An
    error of the store itself (StoreUnavailable) ends the request: what was stored before
    it stays stored, and the device asks what the server holds before it sends again."""
    states: list[BlobState] = []
    refused: list[BlobRefusal] = []
    at = 0
    view = memoryview(body)  # each original a view of the body, not a copy of its bytes
    wholes = []
    for sha, size in items:
        wholes.append((sha, view[at : at + size]))
        at += size
    for (sha, _), stored in zip(items, server.blobs.write_wholes(wholes), strict=True):
        if isinstance(stored, BlobState):
            states.append(stored)
        else:
            states.append(server.blobs.states([sha])[0])
            refused.append(BlobRefusal(sha256=sha, reason=str(stored)))
    complete = [s.sha256 for s in states if s.complete]
    if complete:
        slots = server.read(_uploading, complete)
        for sha in slots:
            server.count(server.limits.uploaded, device_id, sha, 0, True)
    return BlobsAnswer(blobs=states, refused=refused)


def _uploading(conn: Connection, shas: list[str]) -> set[str]:
    """Which of shas any device holds an upload slot for (read only)."""
    rows = conn.execute(select(P.c.sha256).where(P.c.sha256.in_(shas)).distinct())
    return {str(r.sha256) for r in rows}
