# SPDX-License-Identifier: Apache-2.0
"""Where photo originals live: a local directory (default) or S3-compatible object storage.

A store is named by a URL:

- ``file:///srv/fieldcheck/blobs`` (or a plain path): the content-addressed directory
  of :mod:`fieldcheck.server.blobs`, today's behaviour;
- ``s3://BUCKET/PREFIX?endpoint=http://127.0.0.1:8333&region=us-east-1&path_style=1``:
  any S3-compatible service (SeaweedFS, MinIO, Ceph RGW, Aliyun OSS, Huawei OBS,
  Tencent COS). Credentials come from ``FIELDCHECK_SERVER_S3_ACCESS_KEY`` /
  ``FIELDCHECK_SERVER_S3_SECRET_KEY`` or boto3's usual sources (AWS_* variables,
  ~/.aws, instance roles).

Every backend keeps the same promise: an original is visible under its hash only once
it is whole and its SHA-256 matched.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol
from urllib.parse import urlparse
from urllib.request import url2pathname

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server.blobs import BlobStore, Stored, StoreUnavailable
from fieldcheck.sync.protocol import BlobState

__all__ = ["Store", "StoreUnavailable", "open_store"]


class Store(Protocol):
    """What the routes, the push and the blob tools need of a photo store."""

    @property
    def url(self) -> str: ...

    def state(self, sha: str) -> BlobState: ...

    def states(self, shas: list[str]) -> list[BlobState]: ...

    def write_range(
        self, sha: str, start: int, total: int, data: bytes | memoryview
    ) -> BlobState: ...

    def write_wholes(self, items: list[tuple[str, memoryview]]) -> list[Stored]: ...

    def size(self, sha: str) -> int | None: ...

    def count(self) -> int: ...

    def hashes(self) -> Iterator[str]: ...

    def read(self, sha: str) -> bytes | None: ...

    def put(self, sha: str, data: bytes) -> BlobState: ...

    def local_path(self, sha: str) -> Path | None: ...


def open_store(url: str | None, data_dir: Path) -> Store:
    """The store a URL names; the local directory ``DATA/blobs`` when url is empty."""
    if not url or not url.strip():
        return BlobStore(data_dir / "blobs")
    url = url.strip()
    parsed = urlparse(url)
    if parsed.scheme == "s3":
        from fieldcheck.server.blobstore.s3 import S3Store

        return S3Store.from_url(url)
    if parsed.scheme == "file":
        return BlobStore(Path(url2pathname(parsed.path)))
    if parsed.scheme == "" or len(parsed.scheme) == 1:  # a path (or a Windows drive)
        return BlobStore(Path(url).expanduser().resolve())
    raise FieldcheckError(f"blob store {url[:80]!r}: use a directory, file:///DIR or s3://BUCKET")
