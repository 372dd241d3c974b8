# SPDX-License-Identifier: Apache-2.0
"""One picked file as the laptop has it so far, the name the phone gave it, and the
order of its announcements."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from fieldcheck.photos.store import Staged
from fieldcheck.services.evidence.phone.feed import Feed


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


class ThumbGate:
    """Holds a photo's thumbnail event until the photo's own answer is out, as the page
    and the dialog expect: acknowledged first, then shown. The thumbnail may be ready
    before (written on the queue's thread while the answer is still being made)."""

    def __init__(self, send: Callable[[Path], None]) -> None:
        self._send = send
        self._lock = threading.Lock()
        self._open = False
        self._held: list[Path] = []

    def thumb(self, path: Path) -> None:
        """The thumbnail is written: announce it now, or once the answer is out."""
        with self._lock:
            if not self._open:
                self._held.append(path)
                return
        self._send(path)

    def open(self) -> None:
        """The answer is out: announce what was held, and from now on at once."""
        with self._lock:
            self._open = True
            held, self._held = self._held, []
        for path in held:
            self._send(path)
