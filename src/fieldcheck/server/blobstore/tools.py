# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck-server blobs migrate|verify`: move originals between stores, re-hash them,
and find the ones the database names that the store does not hold.

Migration only reads the source, so the server keeps serving (and accepting uploads)
from it meanwhile. It is resumable: an original the target already holds whole is
skipped, and every copy is re-hashed by the target before it becomes visible there.
Run it again after switching the server to the target to pick up what arrived during
the first pass.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import func, select, union
from sqlalchemy.engine import Connection

from fieldcheck.server.blobs import SHA_RE, HashMismatch
from fieldcheck.server.blobstore import Store
from fieldcheck.server.console.report_tables import ReportRow
from fieldcheck.server.tables import BLOB, RECORD, table_of

REPORT = table_of(ReportRow)


@dataclass
class Tally:
    """What a migrate or verify pass did, hash by hash."""

    checked: int = 0
    copied: int = 0
    skipped: int = 0
    bytes: int = 0
    bad: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # named in the database, not in the store
    named: int = 0  # how many names of the database were looked up in the store

    def as_dict(self) -> dict[str, object]:
        return {
            "checked": self.checked,
            "copied": self.copied,
            "skipped": self.skipped,
            "bytes": self.bytes,
            "bad": self.bad,
            "named": self.named,
            "missing": self.missing,
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


def named(conn: Connection) -> Iterator[str]:
    """Every original the database names, each once, in order: the registered blobs,
    the records' (photos, site acknowledgements' handwriting) and the 随手拍 photos."""
    rows = union(
        select(BLOB.c.sha256.label("sha")),
        select(RECORD.c.blob_sha256).where(RECORD.c.blob_sha256.is_not(None)),
    ).order_by("sha")
    reports: set[str] = set()
    for (photos,) in conn.execute(select(REPORT.c.photos_json).where(REPORT.c.photos_json != "[]")):
        reports.update(str(p.get("sha256")) for p in json.loads(photos) if isinstance(p, dict))
    last = None
    for sha in heapq.merge((str(r.sha) for r in conn.execute(rows)), sorted(reports)):
        if sha != last and SHA_RE.match(sha):
            yield sha
        last = sha


def named_sample(conn: Connection, n: int) -> list[str]:
    """A random sample of n originals the database names (registered or on a record)."""
    rows = union(
        select(BLOB.c.sha256.label("sha")),
        select(RECORD.c.blob_sha256).where(RECORD.c.blob_sha256.is_not(None)),
    ).subquery()
    picked = conn.execute(select(rows.c.sha).order_by(func.random()).limit(n)).scalars()
    return sorted(str(sha) for sha in picked)


def verify(
    store: Store,
    sample: int | None = None,
    seed: int | None = None,
    named: Iterable[str] = (),
) -> Tally:
    """Re-hash every original (sample=None) or a random sample of them, and report each
    of ``named`` (in order, as :func:`named` gives them) the store does not hold whole.

    Everything: the store's listing and the names are walked side by side in hash order,
    so neither is held in memory. A sample: each name is looked up by itself."""
    tally = Tally()
    if sample is None:
        listed = _rehash(store, store.hashes(), tally)
        tally.missing = list(_absent(listed, named, tally))
        for _ in listed:  # re-hash what no name reached
            pass
        return tally
    shas = list(store.hashes())
    if sample < len(shas):
        shas = random.Random(seed).sample(shas, sample)
    for _ in _rehash(store, iter(shas), tally):
        pass
    for sha in named:
        tally.named += 1
        if store.size(sha) is None:
            tally.missing.append(sha)
    return tally


def _rehash(store: Store, shas: Iterator[str], tally: Tally) -> Iterator[str]:
    for sha in shas:
        tally.checked += 1
        data = store.read(sha)
        if data is None or hashlib.sha256(data).hexdigest() != sha:
            tally.bad.append(sha)
        else:
            tally.bytes += len(data)
        yield sha


def _absent(listed: Iterator[str], named: Iterable[str], tally: Tally) -> Iterator[str]:
    """The names not in listed; both ascending."""
    held, last = next(listed, None), ""
    for sha in named:
        if sha < last:  # a database collation that does not sort hex as bytes would
            raise ValueError(f"the database listed {sha} after {last}; not in hash order")
        last = sha
        tally.named += 1
        while held is not None and held < sha:
            held = next(listed, None)
        if held != sha:
            yield sha
