# SPDX-License-Identifier: Apache-2.0
"""Display images and thumbnails made after the original is safe, thumbnails first.

An import hands a kept JPEG here and answers at once; its thumbnail follows a moment
later and its display image after that. Two worker threads: one for thumbnails, one
for display images, so a batch's slow display images never hold a thumbnail up.
A thumbnail may be decoded early (``preview``) from the checked file while the
original is being kept, or (``stream_preview``) from the bytes of a phone upload
while they arrive; it is written and announced only once the photo is stored, and
made again from the stored original when that early decode failed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

from fieldcheck.photos.ingest import thumbnail_jpeg, write_display, write_thumbnail
from fieldcheck.photos.store import BlobStore

log = logging.getLogger(__name__)
ThumbReady = Callable[[Path], None]


class DerivativeQueue:
    """Makes derivatives on worker threads; wait() blocks until all handed in are done.

    A command waits before it exits. A photo whose pixels cannot be decoded keeps
    its original and is reported (logged); the first look at it, or `photo
    regenerate`, tries again.
    """

    def __init__(self) -> None:
        self._thumbs = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thumbnail")
        self._displays = ThreadPoolExecutor(max_workers=1, thread_name_prefix="display")
        # Its own thread: a decode that waits for a slow phone's bytes holds up no other.
        self._streams = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thumbnail-stream")
        self._lock = threading.Lock()
        self._futures: list[Future[object]] = []

    def _track(self, future: Future[object]) -> None:
        with self._lock:
            self._futures = [f for f in self._futures if not f.done()] + [future]
        future.add_done_callback(_log_failure)

    def preview(self, source: Path | bytes, name: str) -> Future[bytes]:
        """Start decoding the thumbnail of a checked JPEG (a file that is not renamed, or bytes)."""
        return self._thumbs.submit(thumbnail_jpeg, source, name)

    def stream_preview(self, stream: BinaryIO, name: str) -> Future[bytes]:
        """Start decoding a JPEG's thumbnail from a stream fed while its bytes arrive."""
        return self._streams.submit(thumbnail_jpeg, stream, name)

    def submit(
        self,
        store: BlobStore,
        sha: str,
        on_thumb: ThumbReady | None = None,
        thumb: Future[bytes] | None = None,
    ) -> None:
        """Write a kept JPEG's thumbnail (thumb's bytes, or decoded now), then its display image."""
        self._track(self._thumbs.submit(self._thumb, store, sha, on_thumb, thumb))

    def _thumb(
        self, store: BlobStore, sha: str, on_thumb: ThumbReady | None, thumb: Future[bytes] | None
    ) -> Path:
        data = None
        if thumb is not None:
            try:
                data = thumb.result()
            except Exception as exc:  # a cut upload, say: decode the stored original instead
                log.debug("early thumbnail of %s failed (%s); decoding the original", sha, exc)
        if data is None:
            data = thumbnail_jpeg(store.original(sha))
        path = write_thumbnail(store, sha, data)
        if on_thumb is not None:
            on_thumb(path)
        self._track(self._displays.submit(write_display, store, sha))
        return path

    def wait(self) -> None:
        """Block until every derivative handed in so far is written (or failed)."""
        while True:
            with self._lock:
                pending = [f for f in self._futures if not f.done()]
            if not pending:
                return
            for f in pending:
                f.exception()

    def close(self) -> None:
        self.wait()
        self._thumbs.shutdown(wait=True)
        self._displays.shutdown(wait=True)
        self._streams.shutdown(wait=True)


def _log_failure(future: Future[object]) -> None:
    if (exc := future.exception()) is not None:
        log.warning("could not make a display image or thumbnail: %s", exc)
