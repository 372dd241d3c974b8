# SPDX-License-Identifier: Apache-2.0
"""The upload receiver's session: one finding, one random token, resumable uploads.

A ``PhoneReceiver`` serves the requests of ``handler.py`` (which says what the phone may
ask) until it is stopped or idle: it keeps each picked file's upload, lets one JPEG's
thumbnail be decoded while its bytes arrive, and takes each complete upload through the
same checks as ``photo add`` (services.evidence.photos.attach_file).
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, BinaryIO, cast

from fieldcheck.core.terms import PhotoKind
from fieldcheck.services.context import AppContext
from fieldcheck.services.evidence import photos as photo_service
from fieldcheck.services.evidence.phone.addresses import local_addresses
from fieldcheck.services.evidence.phone.feed import Feed
from fieldcheck.services.evidence.phone.handler import MAX_PHOTO_BYTES, Handler, Server
from fieldcheck.services.evidence.phone.upload import ThumbGate, Upload
from fieldcheck.services.findings import findings
from fieldcheck.services.sites import sites

MAX_PHOTOS = 200  # uploads one session may start
MAX_ACTIVE = 64  # requests handled at once; more get 429
IDLE_MINUTES = 10.0
KIND_LABEL = {
    PhotoKind.EVIDENCE: "隐患照片",
    PhotoKind.RECTIFICATION: "整改后照片",
    PhotoKind.REVISIT: "回头看照片",
}

Event = dict[str, Any]


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
        self.active = threading.BoundedSemaphore(MAX_ACTIVE)
        self._lock = threading.Lock()
        self._ingest = threading.Lock()  # one photo through the checks and the store at a time
        self._decoding = threading.Semaphore(1)  # thumbnails decoded while the bytes arrive
        self.store = photo_service.photo_store(ctx)  # uploads are written into its temp files
        self.store.clean_orphans()  # those of a session a crash ended
        self.server = Server((host, port), Handler)
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

        gate = ThumbGate(
            lambda path: self.on_event({"type": "thumb", "file": up.name, "thumb_path": str(path)})
        )

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
                on_thumb=gate.thumb,
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
        gate.open()
        return answer
