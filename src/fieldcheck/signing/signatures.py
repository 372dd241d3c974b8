# SPDX-License-Identifier: Apache-2.0
"""Making and checking Ed25519 signatures.

Keys and signing use ``cryptography``. Checking uses libsodium (PyNaCl): the same
Ed25519 (RFC 8032), about twice as fast as OpenSSL's on this class of machine, and it
releases the GIL, so ``verify_many`` spreads a large batch over the CPU cores. That is
what keeps ``verify --all`` over 100,000 signatures well under ten seconds.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from nacl.bindings import crypto_sign_open
from nacl.exceptions import BadSignatureError, CryptoError

from fieldcheck.signing.keys import decode_public

SIGNATURE_BYTES = 64
_CHUNK = 2048  # per thread task: big enough that pool overhead disappears


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    """The signature of message as base64 text."""
    return base64.b64encode(key.sign(message)).decode("ascii")


def decode_signature(text: str) -> bytes | None:
    """The 64 signature bytes, or None when the text is not a well-formed signature."""
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None
    return raw if len(raw) == SIGNATURE_BYTES else None


def verify_raw(public: bytes, message: bytes, signature: bytes) -> bool:
    """True when signature is public's valid signature of message."""
    if len(public) != 32 or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        crypto_sign_open(signature + message, public)
    except (BadSignatureError, CryptoError, ValueError):
        return False
    return True


def verify(public_key_b64: str, message: bytes, signature_b64: str) -> bool:
    """True when signature_b64 is a valid signature of message by the key."""
    sig = decode_signature(signature_b64)
    if sig is None:
        return False
    return verify_raw(decode_public(public_key_b64), message, sig)


def _verify_chunk(items: Sequence[tuple[bytes, bytes, bytes]]) -> list[bool]:
    return [verify_raw(pk, msg, sig) for pk, msg, sig in items]


class BatchVerifier:
    """Checks signatures on worker threads while the caller keeps preparing more.

    libsodium releases the GIL, so the checks overlap with the caller's Python work.
    ``results()`` returns one bool per ``add`` in the same order.
    """

    def __init__(self, workers: int | None = None) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1)
        self._futures: list[Future[list[bool]]] = []
        self._buffer: list[tuple[bytes, bytes, bytes]] = []

    def add(self, public: bytes, message: bytes, signature: bytes) -> None:
        self._buffer.append((public, message, signature))
        if len(self._buffer) >= _CHUNK:
            self._futures.append(self._pool.submit(_verify_chunk, self._buffer))
            self._buffer = []

    def results(self) -> list[bool]:
        if self._buffer:
            self._futures.append(self._pool.submit(_verify_chunk, self._buffer))
            self._buffer = []
        try:
            return [ok for f in self._futures for ok in f.result()]
        finally:
            self._pool.shutdown()


def verify_many(
    items: Sequence[tuple[bytes, bytes, bytes]], *, workers: int | None = None
) -> list[bool]:
    """Check many (public, message, signature) triples; results in the same order."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(items) <= _CHUNK:
        return _verify_chunk(items)
    chunks = [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]
    out: list[bool] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for part in pool.map(_verify_chunk, chunks):
            out.extend(part)
    return out
