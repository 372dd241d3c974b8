# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck-server blobs migrate|verify`: move originals between stores, re-hash them.

Migration only reads the source, so the server keeps serving (and accepting uploads)
from it meanwhile. It is resumable: an original the target already holds whole is
skipped, and every copy is re-hashed by the target before it becomes visible there.
Run it again after switching the server to the target to pick up what arrived during
the first pass.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from fieldcheck.server.blobs import HashMismatch
from fieldcheck.server.blobstore import Store


@dataclass
class Tally:
    """What a migrate or verify pass did, hash by hash."""

    checked: int = 0
    copied: int = 0
    skipped: int = 0
    bytes: int = 0
    bad: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "checked": self.checked,
            "copied": self.copied,
            "skipped": self.skipped,
            "bytes": self.bytes,
            "bad": self.bad,
        }


Progress = Callable[[Tally], None]


def migrate(source: Store, target: Store, progress: Progress | None = None) -> Tally:
    """Copy every whole original from source to target that target does not hold."""
    tally = Tally()
    for sha in source.hashes():
        tally.checked += 1
        if target.size(sha) is not None:
            tally.skipped += 1
        else:
            data = source.read(sha)
            try:
                if data is None:
                    raise HashMismatch("vanished from the source")
                target.put(sha, data)  # hashed again by the target before it is visible
            except HashMismatch:
                tally.bad.append(sha)
            else:
                tally.copied += 1
                tally.bytes += len(data)
        if progress is not None and tally.checked % 100 == 0:
            progress(tally)
    return tally


def verify(store: Store, sample: int | None = None, seed: int | None = None) -> Tally:
    """Re-hash every original (sample=None) or a random sample of them."""
    shas = list(store.hashes())
    if sample is not None and sample < len(shas):
        shas = random.Random(seed).sample(shas, sample)
    tally = Tally()
    for sha in shas:
        tally.checked += 1
        data = store.read(sha)
        if data is None or hashlib.sha256(data).hexdigest() != sha:
            tally.bad.append(sha)
        else:
            tally.bytes += len(data)
    return tally
