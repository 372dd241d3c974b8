# SPDX-License-Identifier: Apache-2.0
"""The checks every pulled record passes before it is written, on every path.

A pulled record is written on three paths: when its page is applied, when a record set
aside is tried again at the end of a sync, and when a person chooses 采用服务器版本 on
a conflict. All three read the record through :func:`reader`, so none of them can
write what the first path refuses: a key attestation that is not the pinned server's
word, or a photo, site signature or notice whose original is not on this device.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.photos.store import BlobStore
from fieldcheck.services.sync import pulled
from fieldcheck.services.sync.sync_push import blob_of
from fieldcheck.signing import attestation
from fieldcheck.signing.errors import SigningError
from fieldcheck.storage import signing_repo, sync_blobs, sync_repo
from fieldcheck.storage.db import Session
from fieldcheck.storage.sync_apply import Decode, Inbound
from fieldcheck.sync.protocol import Entity

MIME = {"signature": "image/png", "notice": "application/pdf"}


class MissingOriginal(FieldcheckError):
    """A pulled record names an original (photo, handwriting, signed PDF) not held here."""

    aside_code = "missing_original"  # storage/quarantine.code_of


class BadAttestation(SigningError):
    """A pulled key attestation that does not read or is not the pinned server's word."""

    aside_code = "bad_attestation"


def reader(s: Session, store: BlobStore, now: datetime) -> Decode:
    """The decode that checks: what ``sync_conflicts.apply_pulled`` and ``apply_record``
    take on every path. It runs inside the caller's savepoint, so what it registers (the
    original's blob row) goes with the record or not at all."""
    acc = sync_repo.account(s)
    pinned = acc.server_key_b64 if acc is not None else ""

    def read(entity: str, content: dict[str, Any]) -> Inbound:
        check(s, store, entity, content, now, pinned)
        return pulled.decode(entity, content)

    return read


def check(
    s: Session,
    store: BlobStore,
    entity: str,
    content: dict[str, Any],
    now: datetime,
    pinned: str,
) -> None:
    """Raise, naming the record and what is wrong, unless it may be written here."""
    if entity == Entity.KEY_ATTESTATION.value:
        try:
            problem = attestation.problem(attestation.KeyAttestation.from_content(content), pinned)
        except SigningError as exc:  # malformed
            raise BadAttestation(str(exc)) from None
        if problem is not None:
            raise BadAttestation(problem)
    sha = blob_of(entity, content)
    if sha is None:
        return
    if not store.original(sha).is_file():  # a download is hash-checked before it lands
        raise MissingOriginal(
            f"{entity} {str(content.get('id', ''))[:80]}: its original {sha} is not on this "
            "device (the server did not send it); it applies once the server does"
        )
    if entity in MIME:
        size = store.original(sha).stat().st_size
        signing_repo.ensure_blob(s, sha256=sha, size=size, mime=MIME[entity], at=now)
    sync_blobs.confirm_blob(s, sha, now)
