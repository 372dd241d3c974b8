# SPDX-License-Identifier: Apache-2.0
"""The upload receiver: one finding, one random token, resumable uploads, nothing else.

Every request path starts with ``/p/<token>/``; anything else, a wrong token or the
token of a session that has ended gets the same bare 403. Behind the token:

- ``GET /p/T/`` the page, ``GET /p/T/app.js`` and ``/p/T/app.css`` its parts
  (package data, so the page works with no internet);
- ``GET /p/T/state`` what this session has stored or refused (nothing else exists
  for the phone: no listing, no download, no file path);
- ``GET /p/T/u/KEY`` how many bytes of upload KEY the laptop holds;
- ``PUT /p/T/u/KEY`` with ``X-Offset``, ``X-Total`` and ``X-Name`` (URL-encoded file
  name, recorded only) appends the body at that offset. Bytes are written as they
  arrive, so a cut connection loses only what was in flight; the phone asks for
  the offset and sends the rest. They are written straight into a temp file of the
  photo store and hashed on the way, so a complete photo is not copied again. When
  all bytes are in, the file goes through the same checks as ``photo add``
  (services.photos.attach_file) and the answer is the stored photo or the refusal;
  its thumbnail follows a moment later (the ``thumb`` event). A JPEG's thumbnail is
  decoded on another thread from the same chunks while they arrive (one upload at
  a time, see feed.py), and written and announced only after the original is
  stored under its SHA-256 and durable; any other upload's is decoded after.

KEY is the page's name for one picked file (``[A-Za-z0-9_-]{1,64}``), never a path.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO, cast
from urllib.parse import unquote

from fieldcheck import paths
from fieldcheck.core.models import PhotoKind
from fieldcheck.photos.store import Staged
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence import photos as photo_service
from fieldcheck.services.evidence.phone.addresses import local_addresses
from fieldcheck.services.evidence.phone.feed import Feed
from fieldcheck.services.findings import findings
from fieldcheck.services.sites import sites

log = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 60 * 1024 * 1024  # the largest phone photo accepted (200 MP JPEGs are ~40 MB)
MAX_PHOTOS = 200  # uploads one session may start
MAX_ACTIVE = 64  # requests handled at once; more get 429
IDLE_MINUTES = 10.0
SOCKET_TIMEOUT_S = 30.0  # a phone that stops sending mid-body frees its slot
CHUNK = 256 * 1024
KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")
STATIC = {"": ("index.html", "text/html"), "app.js": ("app.js", "text/javascript")}
STATIC["app.css"] = ("app.css", "text/css")
KIND_LABEL = {
    PhotoKind.EVIDENCE: "隐患照片",
    PhotoKind.RECTIFICATION: "整改后照片",
    PhotoKind.REVISIT: "回头看照片",
}

Event = dict[str, Any]


def page_dir() -> Path:
    """Where the page and its scripts are (package data)."""
    return paths.resources_dir() / "phone"


def clean_name(raw: str) -> str:
    """A picked file's name as the phone reported it, reduced to a bare, printable name."""
    name = unquote(raw).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip().lstrip(".")
    return name[:120] or "photo"


@dataclass
class Upload:
    """One picked file as the laptop has it so far."""

    key: str
    name: str
    total: int
    part: Path
    received: int = 0
    result: dict[str, Any] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    digest: Any = field(default_factory=hashlib.sha256)  # of the bytes received so far
    feed: Feed | None = None  # the bytes for the thumbnail decoded while they arrive
    thumb: Future[bytes] | None = None  # that decode

    def drop_feed(self) -> None:
        """Stop the thumbnail decoded while the bytes arrived (it is not used)."""
        if self.feed is not None:
            self.feed.abort()
        self.feed, self.thumb = None, None

    def staged(self) -> Staged:
        """The complete upload as the photo store's staged file (its commit fsyncs it)."""
        return Staged(self.part, self.digest.hexdigest(), self.received)


class PhoneReceiver:
    """The server for one finding while the user asks for it; start(), then stop()."""

    def __init__(
        self,
        ctx: AppContext,
        finding_id: str,
        *,
        kind: PhotoKind | str = PhotoKind.EVIDENCE,
        actor_id: str,
        host: str = "0.0.0.0",
        port: int = 0,
        idle_minutes: float = IDLE_MINUTES,
        on_event: Callable[[Event], None] | None = None,
        queue: photo_service.DerivativeQueue | None = None,
    ) -> None:
        self.kind = photo_service.check_can_attach(ctx, finding_id, kind)
        finding = findings.get_finding(ctx, finding_id)
        self.title = sites.get_site(ctx, finding.site_id).name
        self.subtitle = " · ".join(p for p in (finding.place, finding.description) if p)[:80]
        self.ctx, self.finding_id, self.actor_id = ctx, finding_id, actor_id
        self.token = secrets.token_urlsafe(18)
        self.idle_s = max(idle_minutes, 0.01) * 60
        self.idle_minutes = idle_minutes
        self.on_event = on_event or (lambda _e: None)
        self.queue = queue or photo_service.DerivativeQueue()
        self._own_queue = queue is None
        self.uploads: dict[str, Upload] = {}
        self.order: list[str] = []
        self.ended = threading.Event()  # set first: from then on every token gets 403
        self.done = threading.Event()  # set last: stopped, derivatives written, parts gone
        self.last_activity = time.monotonic()
        self._active = threading.BoundedSemaphore(MAX_ACTIVE)
        self._lock = threading.Lock()
        self._ingest = threading.Lock()  # one photo through the checks and the store at a time
        self._decoding = threading.Semaphore(1)  # thumbnails decoded while the bytes arrive
        self.store = photo_service.photo_store(ctx)  # uploads are written into its temp files
        self.store.clean_orphans()  # those of a session a crash ended
        self.server = _Server((host, port), _Handler)
        self.server.receiver = self
        self.host, self.port = host, int(self.server.server_address[1])
        wildcard = host in ("0.0.0.0", "", "::")
        self.addresses = (local_addresses() or ["127.0.0.1"]) if wildcard else [host]
        self._thread: threading.Thread | None = None
        self._watch: threading.Thread | None = None

    # -- what the QR codes show -------------------------------------------------------

    @property
    def urls(self) -> list[str]:
        """The page's address on each of the laptop's addresses, most likely first."""
        return [f"http://{a}:{self.port}/p/{self.token}/" for a in self.addresses]

    @property
    def url(self) -> str:
        return self.urls[0]

    @property
    def expires_at(self) -> datetime:
        """When the link stops working if nothing more is sent (activity extends it)."""
        left = self.idle_s - (time.monotonic() - self.last_activity)
        return (datetime.now(UTC) + timedelta(seconds=left)).replace(microsecond=0)

    # -- life cycle -------------------------------------------------------------------

    def start(self) -> PhoneReceiver:
        """Serve in background threads until stop() or the idle time passes."""
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True
        )
        self._thread.start()
        self._watch = threading.Thread(target=self._watch_idle, daemon=True)
        self._watch.start()
        return self

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the session has ended (idle or stopped) and is cleaned up."""
        return self.done.wait(timeout)

    def stop(self) -> None:
        """Stop listening, forget the token, drop unfinished uploads, finish derivatives."""
        with self._lock:
            stopping = self.ended.is_set()
            self.ended.set()
        if stopping:
            self.done.wait(60)  # another thread is stopping it
            return
        self.server.shutdown()
        self.server.server_close()
        for up in list(self.uploads.values()):
            up.drop_feed()  # a decode waiting for a phone that will not send ends now
        if self._own_queue:
            self.queue.close()
        else:
            self.queue.wait()
        with self._ingest:  # a photo going through the checks finishes first
            for up in list(self.uploads.values()):
                up.part.unlink(missing_ok=True)  # unfinished ones; a stored one was renamed
        self.on_event({"type": "ended"})
        self.done.set()

    def _watch_idle(self) -> None:
        while not self.ended.wait(0.25):
            busy = any(u.lock.locked() for u in list(self.uploads.values()))
            if busy:
                self.touch()
            elif time.monotonic() - self.last_activity > self.idle_s:
                threading.Thread(target=self.stop, daemon=True).start()
                return

    def touch(self) -> None:
        self.last_activity = time.monotonic()

    # -- the requests -----------------------------------------------------------------

    def allowed(self, token: str) -> bool:
        return not self.ended.is_set() and hmac.compare_digest(token, self.token)

    def state(self) -> dict[str, Any]:
        with self._lock:
            done = [self.uploads[k].result for k in self.order if self.uploads[k].result]
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "kind": self.kind.value,
            "kind_label": KIND_LABEL[self.kind],
            "max_bytes": MAX_PHOTO_BYTES,
            "max_photos": MAX_PHOTOS,
            "idle_minutes": round(self.idle_s / 60, 1),
            "expires_at": self.expires_at.isoformat(),
            "results": done,
        }

    def upload(self, key: str, name: str, total: int) -> tuple[Upload | None, str]:
        """The upload for key (made on first use), or None and why it is refused."""
        with self._lock:
            up = self.uploads.get(key)
            if up is None:
                if len(self.uploads) >= MAX_PHOTOS:
                    return None, f"本次最多接收 {MAX_PHOTOS} 张照片"
                up = Upload(key, name, total, self.store.temp_path())
                up.part.touch()
                self.uploads[key] = up
                self.order.append(key)
            elif up.total != total:
                return None, "same key, different size"
        return up, ""

    def start_feed(self, up: Upload, first: bytes) -> None:
        """Decode a JPEG's thumbnail while its bytes arrive, if no other decode is running."""
        if first[:3] != b"\xff\xd8\xff" or not self._decoding.acquire(blocking=False):
            return
        up.feed = Feed(up.total)
        up.thumb = self.queue.stream_preview(cast(BinaryIO, up.feed), up.name)
        up.thumb.add_done_callback(lambda _f: self._decoding.release())

    def finish(self, up: Upload) -> dict[str, Any]:
        """Take a complete upload through photo add's checks; its result for the phone."""

        def thumb_ready(path: Path) -> None:
            self.on_event({"type": "thumb", "file": up.name, "thumb_path": str(path)})

        with self._ingest:  # attach_file checks the finding is still open in its transaction
            result = photo_service.attach_file(
                self.ctx,
                self.finding_id,
                up.part,
                kind=self.kind,
                actor_id=self.actor_id,
                label=up.name,
                original_name=up.name,
                queue=self.queue,
                on_thumb=thumb_ready,
                staged=up.staged(),
                thumb=up.thumb if up.feed and up.feed.size == up.received else None,
            )
        up.part.unlink(missing_ok=True)
        if not result.ok:
            up.drop_feed()
        up.feed = None  # the decode keeps its own reference until it ends
        answer = {
            "key": up.key,
            "name": up.name,
            "ok": result.ok,
            "error": result.error,
            "duplicate": result.duplicate,
            "bytes": result.bytes or up.total,
            "width": result.width,
            "height": result.height,
            "taken_at": result.taken_at,
        }
        up.result = answer
        self.on_event({"type": "stored" if result.ok else "refused", "result": result})
        return answer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    receiver: PhoneReceiver

    def server_bind(self) -> None:
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        super().server_bind()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = SOCKET_TIMEOUT_S
    protocol_version = "HTTP/1.1"
    server_version = "fieldcheck"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("phone %s: " + format, self.client_address[0], *args)

    # Every method goes through _serve, so an unknown one is refused like a wrong token.
    def do_GET(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def _serve(self) -> None:
        receiver = self.server.receiver
        if not receiver._active.acquire(timeout=5):
            self._send(HTTPStatus.TOO_MANY_REQUESTS, b"busy, try again\n", close=True)
            return
        try:
            self._route(receiver)
        except (ConnectionError, TimeoutError, OSError) as exc:
            log.debug("phone connection ended: %s", exc)
            self.close_connection = True
        except Exception:  # never a traceback to the phone, never a 5xx page with details
            log.exception("phone request failed")
            self._send(HTTPStatus.BAD_REQUEST, b"bad request\n", close=True)
        finally:
            receiver._active.release()

    def _route(self, receiver: PhoneReceiver) -> None:
        parts = self.path.split("?", 1)[0].split("/")
        # ["", "p", token, rest...]
        if len(parts) < 4 or parts[0] or parts[1] != "p" or not receiver.allowed(parts[2]):
            self._forbidden()
            return
        receiver.touch()
        rest = parts[3:]
        method = self.command
        if len(rest) == 1 and rest[0] in STATIC and method in ("GET", "HEAD"):
            file, mime = STATIC[rest[0]]
            body = (page_dir() / file).read_bytes()
            self._send(HTTPStatus.OK, body, f"{mime}; charset=utf-8", head=method == "HEAD")
        elif rest == ["state"] and method == "GET":
            self._json(HTTPStatus.OK, receiver.state())
        elif len(rest) == 2 and rest[0] == "u" and KEY.fullmatch(rest[1]):
            if method == "GET":
                up = receiver.uploads.get(rest[1])
                received = up.received if up else 0
                # The PUT that follows then opens a new connection: a browser silently
                # re-sends a whole request that failed on a reused one, defeating resume.
                self.close_connection = True
                self._json(HTTPStatus.OK, {"received": received, "result": up and up.result})
            elif method == "PUT":
                self._put(receiver, rest[1])
            else:
                self._json(HTTPStatus.METHOD_NOT_ALLOWED, {"error": "method not allowed"})
        else:
            self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})

    def _put(self, receiver: PhoneReceiver, key: str) -> None:
        try:
            offset = int(self.headers.get("X-Offset", ""))
            total = int(self.headers.get("X-Total", ""))
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self.close_connection = True
            self._json(HTTPStatus.BAD_REQUEST, {"error": "X-Offset, X-Total and Content-Length"})
            return
        if total > MAX_PHOTO_BYTES or length > MAX_PHOTO_BYTES:
            limit = MAX_PHOTO_BYTES // (1024 * 1024)
            self.close_connection = True
            self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": f"照片超过 {limit} MB"})
            return
        if min(offset, total, length) < 0 or offset + length > total:
            self.close_connection = True
            self._json(HTTPStatus.BAD_REQUEST, {"error": "range outside the file"})
            return
        up, why = receiver.upload(key, clean_name(self.headers.get("X-Name", "")), total)
        if up is None:
            self.close_connection = True
            self._json(HTTPStatus.TOO_MANY_REQUESTS, {"error": why})
            return
        if not up.lock.acquire(blocking=False):
            # Read the (bounded) body before answering: a client still sending when the
            # connection closes sees a broken pipe instead of the answer that says where
            # to resume.
            self._discard(length)
            self._json(HTTPStatus.CONFLICT, {"received": up.received, "error": "busy"})
            return
        try:
            if up.result is not None:
                self._discard(length)
                self._json(HTTPStatus.OK, {"received": up.received, "result": up.result})
                return
            if offset != up.received:
                self._discard(length)
                self._json(HTTPStatus.CONFLICT, {"received": up.received})
                return
            self._receive(receiver, up, length)
            if up.received < up.total:
                self._json(HTTPStatus.OK, {"received": up.received, "result": None})
                return
            result = receiver.finish(up)
            self._json(HTTPStatus.OK, {"received": up.received, "result": result})
        finally:
            up.lock.release()

    def _receive(self, receiver: PhoneReceiver, up: Upload, length: int) -> None:
        """Append length body bytes to the part file, keeping whatever arrives."""
        with up.part.open("r+b") as out:
            out.seek(up.received)
            left = length
            try:
                while left:
                    chunk = self.rfile.read1(min(CHUNK, left))
                    if not chunk:
                        break
                    if up.received == 0:
                        receiver.start_feed(up, chunk)
                    out.write(chunk)
                    up.digest.update(chunk)
                    if up.feed is not None:
                        up.feed.append(chunk)
                    up.received += len(chunk)
                    left -= len(chunk)
                    receiver.touch()
            finally:
                out.truncate(up.received)
        if left:
            up.drop_feed()  # resumed later, its thumbnail is decoded once it is stored
            raise ConnectionError(f"upload {up.key} cut at {up.received} of {up.total} bytes")
        if up.feed is not None and up.received == up.total:
            up.feed.complete()

    def _discard(self, length: int) -> None:
        while length > 0:
            chunk = self.rfile.read1(min(CHUNK, length))
            if not chunk:
                return
            length -= len(chunk)

    def _forbidden(self) -> None:
        self._send(HTTPStatus.FORBIDDEN, b"403 Forbidden\n", close=True)

    def _json(self, status: HTTPStatus, data: dict[str, Any]) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8", close=self.close_connection)

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        mime: str = "text/plain; charset=utf-8",
        *,
        head: bool = False,
        close: bool = False,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", "default-src 'self'; img-src 'self' blob:")
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if not head:
            self.wfile.write(body)
