# SPDX-License-Identifier: Apache-2.0
"""Photo originals in S3-compatible object storage, through boto3.

Layout under the bucket's prefix:

- ``ab/abcdef…``: a whole original, written by one PUT only after its SHA-256 matched
  (an S3 PUT is atomic: a reader sees the whole object or none);
- ``partial/abcdef…/000000000000``: the ranges of an upload still growing, one object
  per range, named by its start. Any server process can resume any upload, so the
  processes behind a load balancer stay stateless. When the last byte arrives the
  parts are read back in order, hashed, and only a match becomes the original; the
  parts are deleted afterwards.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlparse

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server.blobs import (
    SHA_RE,
    HashMismatch,
    RangeProblem,
    Stored,
    StoreUnavailable,
    continues,
)
from fieldcheck.sync.protocol import BlobState

T = TypeVar("T")
TRUE = {"1", "true", "yes", "on"}
LOOKUPS = 16  # HEAD requests in flight at once when a device asks about many originals


def _missing(exc: ClientError) -> bool:
    error: dict[str, Any] = exc.response.get("Error", {})
    status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return str(error.get("Code")) in {"404", "NoSuchKey", "NotFound"} or status == 404


def _contiguous(found: dict[int, tuple[str, int]]) -> list[tuple[str, int, int]]:
    """The staged ranges (start -> key, size) that follow on from byte 0: (key, start, size)."""
    parts, at = [], 0
    while at in found and found[at][1] > 0:
        key, size = found[at]
        parts.append((key, at, size))
        at += size
    return parts


class S3Store:
    """Content-addressed originals in one bucket under one prefix."""

    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        *,
        endpoint: str | None = None,
        region: str | None = None,
        path_style: bool = False,
        access_key: str | None = None,
        secret_key: str | None = None,
        create_bucket: bool = False,
    ) -> None:
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.endpoint = endpoint
        self.region = region
        self.path_style = path_style
        config = Config(
            connect_timeout=3,
            read_timeout=30,
            retries={"max_attempts": 2, "mode": "standard"},
            max_pool_connections=LOOKUPS,
            s3={"addressing_style": "path" if path_style else "auto"},
            signature_version="s3v4",
        )
        self.client = boto3.session.Session().client(
            "s3",
            endpoint_url=endpoint,
            region_name=region or "us-east-1",
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            config=config,
        )
        if create_bucket:
            self._call(self._ensure_bucket)

    @classmethod
    def from_url(cls, url: str) -> S3Store:
        """``s3://BUCKET/PREFIX?endpoint=…&region=…&path_style=1&create=1``."""
        parsed = urlparse(url)
        if not parsed.netloc:
            raise FieldcheckError(f"blob store {url[:80]!r}: name the bucket, s3://BUCKET/PREFIX")
        query = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        unknown = set(query) - {"endpoint", "region", "path_style", "create"}
        if unknown:
            raise FieldcheckError(f"blob store URL: unknown option(s) {', '.join(sorted(unknown))}")
        return cls(
            parsed.netloc,
            parsed.path,
            endpoint=query.get("endpoint") or os.environ.get("FIELDCHECK_SERVER_S3_ENDPOINT"),
            region=query.get("region") or os.environ.get("FIELDCHECK_SERVER_S3_REGION"),
            path_style=query.get("path_style", "").lower() in TRUE,
            access_key=os.environ.get("FIELDCHECK_SERVER_S3_ACCESS_KEY"),
            secret_key=os.environ.get("FIELDCHECK_SERVER_S3_SECRET_KEY"),
            create_bucket=query.get("create", "").lower() in TRUE,
        )

    @property
    def url(self) -> str:
        options = [f"endpoint={self.endpoint}"] if self.endpoint else []
        options += [f"region={self.region}"] if self.region else []
        options += ["path_style=1"] if self.path_style else []
        query = "?" + "&".join(options) if options else ""
        return f"s3://{self.bucket}/{self.prefix}{query}"

    # -- plumbing ---------------------------------------------------------------------

    def _call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one S3 call; an unreachable store or a 5xx answer is StoreUnavailable."""
        try:
            return fn(*args, **kwargs)
        except BotoCoreError as exc:
            raise StoreUnavailable(f"object store unreachable: {type(exc).__name__}") from exc
        except ClientError as exc:
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0
            if int(status) >= 500 or int(status) in {0, 429}:
                raise StoreUnavailable(f"object store answered {status}") from exc
            raise

    def _ensure_bucket(self) -> None:
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as exc:
            if not _missing(exc):
                raise
            self.client.create_bucket(Bucket=self.bucket)

    def _key(self, sha: str) -> str:
        if not SHA_RE.match(sha):  # never let a name reach the store unchecked
            raise ValueError(f"{sha[:80]!r} is not a SHA-256 in lower-case hex")
        return f"{self.prefix}{sha[:2]}/{sha}"

    def _part_prefix(self, sha: str) -> str:
        self._key(sha)
        return f"{self.prefix}partial/{sha}/"

    def _head(self, key: str) -> int | None:
        try:
            answer = self._call(self.client.head_object, Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if _missing(exc):
                return None
            raise
        return int(answer["ContentLength"])

    def _list(self, prefix: str) -> Iterator[tuple[str, int]]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=prefix
        )
        try:
            for page in pages:
                for obj in page.get("Contents", []):
                    yield str(obj["Key"]), int(obj["Size"])
        except BotoCoreError as exc:
            raise StoreUnavailable(f"object store unreachable: {type(exc).__name__}") from exc

    def _parts(self, sha: str) -> list[tuple[str, int, int]]:
        """The contiguous staged ranges of sha from byte 0: (key, start, size)."""
        prefix = self._part_prefix(sha)
        found: dict[int, tuple[str, int]] = {}
        for key, size in self._list(prefix):
            name = key[len(prefix) :]
            if name.isdigit():
                found[int(name)] = (key, size)
        return _contiguous(found)

    def _staged(self) -> dict[str, int]:
        """Bytes staged from byte 0 of every upload still growing, from one listing."""
        prefix = f"{self.prefix}partial/"
        found: dict[str, dict[int, tuple[str, int]]] = {}
        for key, size in self._list(prefix):
            sha, _, name = key[len(prefix) :].partition("/")
            if SHA_RE.match(sha) and name.isdigit():
                found.setdefault(sha, {})[int(name)] = (key, size)
        return {sha: sum(p[2] for p in _contiguous(parts)) for sha, parts in found.items()}

    # -- the store --------------------------------------------------------------------

    def states(self, shas: list[str]) -> list[BlobState]:
        """What the store holds of each: one listing of the staged uploads and the HEADs
        of the whole originals, LOOKUPS at a time (a device asks about hundreds at once)."""
        if not shas:
            return []
        staged = self._staged()
        with ThreadPoolExecutor(min(LOOKUPS, len(shas))) as pool:
            wholes = list(pool.map(lambda sha: self._head(self._key(sha)), shas))
        return [
            BlobState(sha256=sha, received=whole, complete=True)
            if whole is not None
            else BlobState(sha256=sha, received=staged.get(sha, 0), complete=False)
            for sha, whole in zip(shas, wholes, strict=True)
        ]

    def state(self, sha: str) -> BlobState:
        whole = self._head(self._key(sha))
        if whole is not None:
            return BlobState(sha256=sha, received=whole, complete=True)
        received = sum(size for _, _, size in self._parts(sha))
        return BlobState(sha256=sha, received=received, complete=False)

    def write_range(self, sha: str, start: int, total: int, data: bytes | memoryview) -> BlobState:
        """Stage one range; on the last byte check the hash and only then PUT the original."""
        data = bytes(data)  # a slice of a many-photo body: botocore sends bytes
        received = start + len(data)
        if start == 0 and received == total:
            # The usual photo: one range, checked in memory, then one atomic PUT. No look
            # first: the key is the hash, so writing the same bytes again changes nothing.
            return self.put(sha, data)
        current = self.state(sha)
        if continues(current, start):
            return current
        if received < total:
            key = f"{self._part_prefix(sha)}{start:012d}"
            self._call(self.client.put_object, Bucket=self.bucket, Key=key, Body=data)
            return BlobState(sha256=sha, received=received, complete=False)
        parts = self._parts(sha)
        chunks = [self._get(key) for key, _, _ in parts] + [data]
        whole = b"".join(c for c in chunks if c is not None)
        try:
            if len(whole) != total:
                raise RangeProblem("a staged range vanished; resume from the start", 0)
            return self.put(sha, whole)
        finally:
            self._drop_parts([key for key, _, _ in parts])

    def write_wholes(self, items: list[tuple[str, memoryview]]) -> list[Stored]:
        """Several whole originals, one atomic PUT each (the local store's shared disk
        waits have no counterpart here); per original its state or what refused it."""
        out: list[Stored] = []
        for sha, data in items:
            try:
                out.append(self.write_range(sha, 0, len(data), data))
            except (HashMismatch, RangeProblem) as exc:
                out.append(exc)
        return out

    def _get(self, key: str) -> bytes | None:
        try:
            answer = self._call(self.client.get_object, Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if _missing(exc):
                return None
            raise
        try:
            return bytes(answer["Body"].read())
        except BotoCoreError as exc:
            raise StoreUnavailable(f"object store read failed: {type(exc).__name__}") from exc

    def _drop_parts(self, keys: list[str]) -> None:
        for i in range(0, len(keys), 1000):
            objects = [{"Key": k} for k in keys[i : i + 1000]]
            self._call(self.client.delete_objects, Bucket=self.bucket, Delete={"Objects": objects})

    def put(self, sha: str, data: bytes) -> BlobState:
        """PUT a whole original once its SHA-256 matched (with a Content-MD5 for transit)."""
        digest = hashlib.sha256(data).hexdigest()
        if digest != sha:
            raise HashMismatch(f"the bytes received hash to {digest}, not {sha}; nothing was kept")
        key = self._key(sha)
        self._call(
            self.client.put_object,
            Bucket=self.bucket,
            Key=key,
            Body=data,
            ContentType="application/octet-stream",
            Metadata={"sha256": sha},
        )
        return BlobState(sha256=sha, received=len(data), complete=True)

    def size(self, sha: str) -> int | None:
        return self._head(self._key(sha))

    def hashes(self) -> Iterator[str]:
        for key, _ in self._list(self.prefix):
            rest = key[len(self.prefix) :]
            head, _, name = rest.partition("/")
            if len(head) == 2 and SHA_RE.match(name) and name.startswith(head):
                yield name

    def count(self) -> int:
        return sum(1 for _ in self.hashes())

    def read(self, sha: str) -> bytes | None:
        return self._get(self._key(sha))

    def local_path(self, sha: str) -> Path | None:
        return None
