# SPDX-License-Identifier: Apache-2.0
"""Photo originals by SHA-256: /v1/blobs/{sha256} and its /state."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from fieldcheck.server import feed
from fieldcheck.server.auth import Device
from fieldcheck.server.blob_batch import parse_manifest, store_many
from fieldcheck.server.blobs import parse_range
from fieldcheck.server.console import reports
from fieldcheck.server.deps import NO_TOKEN, Dev, ShaPath, State
from fieldcheck.server.limits import STALE_AFTER_S
from fieldcheck.server.logs import log
from fieldcheck.server.state import Server
from fieldcheck.sync.protocol import BLOBS_HEADER, BlobsAnswer, BlobState

router = APIRouter(prefix="/v1/blobs")

UPLOAD_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    },
    "parameters": [
        {"name": "Content-Range", "in": "header", "required": True, "schema": {"type": "string"}}
    ],
}


BATCH_DOC: dict[str, Any] = {
    "requestBody": UPLOAD_DOC["requestBody"],
    "parameters": [
        {
            "name": BLOBS_HEADER,
            "in": "header",
            "required": True,
            "description": "SHA256:SIZE,SHA256:SIZE,... : the body's originals, in order",
            "schema": {"type": "string"},
        }
    ],
}


@router.get("/{sha256}/state", responses=NO_TOKEN)
def blob_state(sha256: ShaPath, dev: Dev, server: State) -> BlobState:
    """How many bytes of this original the server holds; resume an upload from there."""
    return scoped_state(server, dev, sha256)


def scoped_state(server: Server, dev: Device, sha256: str) -> BlobState:
    """A whole original that only another area's records name looks absent: sending it
    again is harmless (the hash decides), telling that it exists is not."""
    return scoped_states(server, dev, [sha256])[0]


def scoped_states(server: Server, dev: Device, shas: list[str]) -> list[BlobState]:
    """scoped_state of many originals, looked up in the store together."""
    return [
        BlobState(sha256=s.sha256, received=0, complete=False)
        if s.complete and not server.read(feed.may_read_blob, dev, s.sha256)
        else s
        for s in server.blobs.states(shas)
    ]


@router.put(
    "/{sha256}",
    responses={**NO_TOKEN, 400: {}, 409: {}, 413: {}, 422: {}},
    openapi_extra=UPLOAD_DOC,
)
async def blob_put(sha256: ShaPath, request: Request, dev: Dev, server: State) -> BlobState:
    """Upload one byte range; the last one is hash-checked before the server says complete.

    In the app, server/upload_path.py answers every PUT whose path holds a well-formed
    hash before FastAPI routes it, with this same ``receive_range``; this route documents
    the upload in the OpenAPI schema and answers a malformed hash (422)."""
    return await receive_range(
        server, dev.id, sha256, request.headers.get("content-range"), await request.body()
    )


@router.post("", responses={**NO_TOKEN, 400: {}, 413: {}}, openapi_extra=BATCH_DOC)
async def blobs_post(request: Request, dev: Dev, server: State) -> BlobsAnswer:
    """Upload several whole originals at once (1.3), each stored and hash-checked on its
    own as a whole-range PUT is; the answer says which are complete and why not the rest.

    In the app, server/upload_path.py answers it before FastAPI routes it, with this same
    ``receive_many``."""
    return await receive_many(
        server, dev.id, request.headers.get(BLOBS_HEADER), await request.body()
    )


async def receive_many(
    server: Server, device_id: str, header: str | None, body: bytes
) -> BlobsAnswer:
    """What a many-photo upload does once its device is known and its token spent."""
    items = parse_manifest(header, len(body))
    if server.limits.sweep_due():
        await run_in_threadpool(_clean_stale, server)
    return await run_in_threadpool(store_many, server, device_id, items, body)


async def receive_range(
    server: Server, device_id: str, sha256: str, content_range: str | None, body: bytes
) -> BlobState:
    """What an upload does once its device is known and its token spent."""
    start, total = parse_range(content_range, len(body))
    if server.limits.sweep_due():
        await run_in_threadpool(_clean_stale, server)
    # One hop to a worker thread for the reservation, the write and the bookkeeping.
    return await run_in_threadpool(_store_range, server, device_id, sha256, start, total, body)


def _store_range(
    server: Server, device_id: str, sha256: str, start: int, total: int, body: bytes
) -> BlobState:
    """Reserve the range's bytes against the device's limits (OverLimit: 429; the counts
    are in the database, shared by every server process), write it, record what the
    store holds now.

    A photo that arrives whole in one range (most do) reserves nothing: the store checks
    its hash before it touches the disk and renames it into place within this request,
    so it never stays behind as an unfinished upload; the limits bound what does."""
    limits = server.limits
    whole = start == 0 and len(body) == total
    if not whole:
        server.count(limits.upload, device_id, sha256, start, len(body))
    try:
        state = server.blobs.write_range(sha256, start, total, body)
    except Exception:  # the reservation becomes what the store really holds
        _held_now(server, device_id, sha256)
        raise
    if whole and state.complete and not server.read(limits.anyone_uploading, sha256):
        return state  # no device holds a slot for it: nothing to forget, no write
    server.count(limits.uploaded, device_id, sha256, state.received, state.complete)
    return state


def _held_now(server: Server, device_id: str, sha256: str) -> None:
    held = server.blobs.states([sha256])[0]
    server.count(server.limits.uploaded, device_id, sha256, held.received, held.complete)


def _clean_stale(server: Server) -> None:
    """Remove partial uploads untouched for a day (the local store; S3 keeps its own)."""
    clean = getattr(server.blobs, "clean_partial", None)
    removed: set[str] = clean(STALE_AFTER_S) if clean is not None else set()
    server.count(server.limits.forget, removed)
    if removed:
        log("partial_uploads_removed", count=len(removed))


@router.get("/{sha256}", response_class=FileResponse, responses={**NO_TOKEN, 404: {}})
def blob_get(sha256: ShaPath, dev: Dev, server: State) -> Response:
    """The original bytes, for a device that may see a photo naming them (or a 随手拍
    task it gets: the citizen's photos travel with the task)."""
    if not server.read(feed.may_read_blob, dev, sha256) and not server.read(
        reports.device_may_read, dev.id, dev.jurisdiction, sha256
    ):
        raise HTTPException(404, f"no photo original {sha256} for this device")
    path = server.blobs.local_path(sha256)
    if path is not None:
        return FileResponse(path, media_type="application/octet-stream")
    data = server.blobs.read(sha256)
    if data is None:
        raise HTTPException(404, f"no photo original {sha256} for this device")
    return Response(data, media_type="application/octet-stream")
