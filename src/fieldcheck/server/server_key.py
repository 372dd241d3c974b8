# SPDX-License-Identifier: Apache-2.0
"""The server's own Ed25519 key (``DATA/server_key``), which attests people's keys."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def load_server_key(data: Path) -> Ed25519PrivateKey:
    """The server's signing key; made once, atomically, so several processes share it."""
    path = data / "server_key"
    if not path.exists():
        raw = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        tmp = data / f".server_key.{os.getpid()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)  # fails if another process made it first: theirs wins
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    raw = path.read_bytes()
    if len(raw) != 32:
        raise RuntimeError(f"{path}: not a server key (expected 32 bytes, found {len(raw)})")
    return Ed25519PrivateKey.from_private_bytes(raw)
