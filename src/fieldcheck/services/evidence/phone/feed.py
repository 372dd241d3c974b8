# SPDX-License-Identifier: Apache-2.0
"""A photo's bytes as a file for a decoder while they are still arriving.

The receiver appends each chunk it writes to the photo store's temp file (and
hashes) here too, so a reader thread can decode the thumbnail of a JPEG while the
phone is still sending it. ``read(n)`` blocks until n bytes are there, the upload
is complete, or it was cut (then OSError). The result is only a candidate: the
receiver publishes it only once the very bytes it was decoded from are stored,
verified under their SHA-256 and durable.
"""

from __future__ import annotations

import io
import threading

WAIT_S = 30.0  # as long as the receiver waits for a silent phone


class Feed(io.RawIOBase):
    """A growing, seekable, read-only view of one upload's bytes from offset 0."""

    def __init__(self, total: int) -> None:
        super().__init__()
        self.total = total
        self._buf = bytearray()
        self._pos = 0
        self._complete = False
        self._aborted = False
        self._cond = threading.Condition()

    # -- the receiver's side -----------------------------------------------------------

    def append(self, chunk: bytes) -> None:
        with self._cond:
            self._buf += chunk
            self._cond.notify_all()

    def complete(self) -> None:
        """All bytes are in."""
        with self._cond:
            self._complete = True
            self._cond.notify_all()

    def abort(self) -> None:
        """The upload was cut or refused: the reader gets OSError, the memory is freed."""
        with self._cond:
            self._aborted = True
            self._buf = bytearray()
            self._cond.notify_all()

    @property
    def size(self) -> int:
        """How many bytes were appended (all of them, once complete)."""
        with self._cond:
            return len(self._buf)

    # -- the decoder's side ------------------------------------------------------------

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self.total}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def read(self, size: int | None = -1) -> bytes:
        want = -1 if size is None else size
        with self._cond:
            while True:
                if self._aborted:
                    raise OSError("the upload stopped before the picture was complete")
                have = len(self._buf) - self._pos
                if self._complete or (want >= 0 and have >= want):
                    break
                if not self._cond.wait(WAIT_S):
                    raise OSError(f"no bytes from the phone for {WAIT_S:.0f} s")
            end = len(self._buf) if want < 0 else min(len(self._buf), self._pos + want)
            with memoryview(self._buf) as view:
                data = bytes(view[self._pos : end])
            self._pos = max(self._pos, end)
            return data

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
