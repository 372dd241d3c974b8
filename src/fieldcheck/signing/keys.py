# SPDX-License-Identifier: Apache-2.0
"""Ed25519 key pairs and their protection by a passphrase.

The private key is kept as its 32 raw bytes sealed with AES-256-GCM under a key
derived from the passphrase with scrypt. The sealed blob is self-describing:

    b"FCK1" | n_log2 (1 byte) | r (1) | p (1) | salt (16) | nonce (12) | ciphertext+tag

The GCM associated data is the key's id, so a sealed private key copied onto another
key record does not open. scrypt's cost makes each passphrase guess take ~0.1-0.3 s
and 32 MiB, which is what slows down someone who copied the database.
"""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from fieldcheck.signing.errors import SigningError, WrongPassphraseError

MAGIC = b"FCK1"
SCRYPT_N_LOG2 = 15
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
NONCE_BYTES = 12
MIN_PASSPHRASE_CHARS = 8
_HEADER = len(MAGIC) + 3 + SALT_BYTES + NONCE_BYTES


def generate() -> Ed25519PrivateKey:
    """A fresh Ed25519 private key from the operating system's random source."""
    return Ed25519PrivateKey.generate()


def public_raw(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    """The 32 raw bytes of the public key."""
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_b64(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The public key as standard base64 text (what records and documents carry)."""
    return base64.b64encode(public_raw(key)).decode("ascii")


def load_public(text: str) -> Ed25519PublicKey:
    """The public key from its base64 text; SigningError when it is not one."""
    raw = decode_public(text)
    return Ed25519PublicKey.from_public_bytes(raw)


def decode_public(text: str) -> bytes:
    """The 32 raw bytes from base64 text; SigningError when malformed."""
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise SigningError(f"public key {text[:16]!r}...: not valid base64") from None
    if len(raw) != 32:
        raise SigningError(f"public key {text[:16]!r}...: {len(raw)} bytes, an Ed25519 key has 32")
    return raw


def fingerprint(public_key_b64: str) -> str:
    """A short, readable fingerprint (SHA-256 of the raw key, 4 groups of 4 hex)."""
    digest = hashlib.sha256(decode_public(public_key_b64)).hexdigest()[:16].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def check_passphrase(passphrase: str) -> None:
    """Refuse passphrases too short to resist guessing."""
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise SigningError(
            f"the passphrase has {len(passphrase)} characters; use at least {MIN_PASSPHRASE_CHARS}"
        )


def _kdf(passphrase: str, salt: bytes, n_log2: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=1 << n_log2, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal(key: Ed25519PrivateKey, passphrase: str, *, key_id: str) -> bytes:
    """The private key encrypted with the passphrase and bound to key_id."""
    check_passphrase(passphrase)
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    salt = os.urandom(SALT_BYTES)
    nonce = os.urandom(NONCE_BYTES)
    kek = _kdf(passphrase, salt, SCRYPT_N_LOG2, SCRYPT_R, SCRYPT_P)
    sealed = AESGCM(kek).encrypt(nonce, raw, key_id.encode("utf-8"))
    header = MAGIC + bytes([SCRYPT_N_LOG2, SCRYPT_R, SCRYPT_P]) + salt + nonce
    return header + sealed


def unseal(blob: bytes, passphrase: str, *, key_id: str) -> Ed25519PrivateKey:
    """The private key; WrongPassphraseError when the passphrase does not open it."""
    if len(blob) < _HEADER + 32 + 16 or not blob.startswith(MAGIC):
        raise SigningError(
            f"key {key_id}: the stored private key is damaged or of an unknown format"
        )
    n_log2, r, p = blob[4], blob[5], blob[6]
    if not (10 <= n_log2 <= 22 and 1 <= r <= 32 and 1 <= p <= 16):
        raise SigningError(
            f"key {key_id}: the stored private key has implausible scrypt parameters"
        )
    salt = blob[7 : 7 + SALT_BYTES]
    nonce = blob[7 + SALT_BYTES : _HEADER]
    kek = _kdf(passphrase, salt, n_log2, r, p)
    try:
        raw = AESGCM(kek).decrypt(nonce, blob[_HEADER:], key_id.encode("utf-8"))
    except InvalidTag:
        raise WrongPassphraseError(
            f"key {key_id}: wrong passphrase (or the stored key was altered); nothing was signed"
        ) from None
    return Ed25519PrivateKey.from_private_bytes(raw)
