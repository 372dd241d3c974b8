# SPDX-License-Identifier: Apache-2.0
"""The phone's requests: one finding, one random token, resumable uploads, nothing else.

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
  (services.evidence.photos.attach_file) and the answer is the stored photo or the refusal;
  its thumbnail follows a moment later (the ``thumb`` event). A JPEG's thumbnail is
  decoded on another thread from the same chunks while they arrive (one upload at
  a time, see feed.py), and written and announced only after the original is
  stored under its SHA-256 and durable; any other upload's is decoded after.

KEY is the page's name for one picked file (``[A-Za-z0-9_-]{1,64}``), never a path.
"""

from __future__ import annotations

import json
import logging
import re
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol

from fieldcheck import paths
from fieldcheck.services.evidence.phone.upload import Upload, clean_name

log = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 60 * 1024 * 1024  # the largest phone photo accepted (200 MP JPEGs are ~40 MB)
SOCKET_TIMEOUT_S = 30.0  # a phone that stops sending mid-body frees its slot
CHUNK = 256 * 1024
KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")
STATIC = {"": ("index.html", "text/html"), "app.js": ("app.js", "text/javascript")}
STATIC["app.css"] = ("app.css", "text/css")


def page_dir() -> Path:
    """Where the page and its scripts are (package data)."""
    return paths.resources_dir() / "phone"


class Session(Protocol):
    """What the requests need of the session serving them (receiver.PhoneReceiver)."""

    active: threading.BoundedSemaphore  # requests handled at once
    uploads: dict[str, Upload]

    def allowed(self, token: str) -> bool: ...
    def touch(self) -> None: ...
    def state(self) -> dict[str, Any]: ...
    def upload(self, key: str, name: str, total: int) -> tuple[Upload | None, str]: ...
    def start_feed(self, up: Upload, first: bytes) -> None: ...
    def finish(self, up: Upload) -> dict[str, Any]: ...


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    receiver: Session

    def server_bind(self) -> None:
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        super().server_bind()


class Handler(BaseHTTPRequestHandler):
    server: Server
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
        if not receiver.active.acquire(timeout=5):
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
            receiver.active.release()

    def _route(self, receiver: Session) -> None:
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

    def _put(self, receiver: Session, key: str) -> None:
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

    def _receive(self, receiver: Session, up: Upload, length: int) -> None:
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
