# SPDX-License-Identifier: Apache-2.0
"""A pulled record read through its kind's wire model into what a local write takes.

``decode`` is the one door from the wire into the device's store: ``sync.wire.from_wire``
checks the content against the protocol (an unknown field, a missing one or a wrong type
is refused with its name: the record is set aside, never cut down), and the wire record
becomes the core model (site, person, inspection, item result, finding, finding event,
notice) or the repository's plain record (photo, signature with its site
acknowledgement, person key, key attestation) that ``storage.sync_apply`` writes with
the same mappers as a local write.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

from fieldcheck.core import clock
from fieldcheck.core.canonical import canonical_json
from fieldcheck.core.models import (
    Finding,
    FindingEvent,
    Inspection,
    ItemResult,
    Notice,
    Person,
    Photo,
    Site,
)
from fieldcheck.core.signature import Signature
from fieldcheck.photos.store import BlobStore
from fieldcheck.services.documents.documents import kept_name
from fieldcheck.storage.issued_pdfs import FrozenPdf
from fieldcheck.storage.key_repo import SealedKey
from fieldcheck.storage.signing_repo import AckRecord
from fieldcheck.storage.sync_apply import (
    Inbound,
    PulledAttestation,
    PulledNotice,
    PulledSignature,
)
from fieldcheck.sync import wire
from fieldcheck.sync.protocol import Entity

_CORE: dict[type[wire.WireRecord], type[Any]] = {
    wire.SiteV1: Site,
    wire.PersonV1: Person,
    wire.InspectionV1: Inspection,
    wire.ItemResultV1: ItemResult,
    wire.FindingV1: Finding,
    wire.FindingEventV1: FindingEvent,
    wire.PhotoV1: Photo,
}


def decode(entity: str, content: dict[str, Any]) -> Inbound:
    """The record a local write takes, from one pulled content; WireProblem (or the core
    model's ValueError) names what does not fit."""
    record = wire.from_wire(Entity(entity), content)
    core = _CORE.get(type(record))
    if core is not None:  # the content the wire model took, as the core model reads it
        value: Inbound = core.model_validate(content)
        return value
    match record:
        case wire.NoticeV1():
            return _notice(record)
        case wire.SignatureV1():
            return _signature(record)
        case wire.PersonKeyV1():
            return SealedKey(
                id=record.id,
                person_id=record.person_id,
                public_key_b64=record.public_key_b64,
                encrypted_private=None,  # the private half never travels
                created_at=record.created_at,
                expires_at=record.expires_at,
                revoked_at=record.revoked_at,
            )
        case wire.KeyAttestationV1():
            return PulledAttestation(**record.model_dump(exclude={"id"}))
    raise wire.WireProblem(f"{entity}: records of this kind are not taken from the server")


def _notice(record: wire.NoticeV1) -> PulledNotice:
    notice = Notice.model_validate(record.model_dump(exclude={"payload", "pdf"}))  # 1.1 fields
    payload = canonical_json(record.payload) if record.payload is not None else None
    pdf = None
    if record.pdf is not None:
        voided = record.pdf.variant == "voided"
        pdf = FrozenPdf(
            notice_id=notice.id,
            variant=record.pdf.variant,
            file_name=kept_name(notice.id, voided),
            sha256=record.pdf.sha256,
            bytes=record.pdf.bytes,
            pages=record.pdf.pages,
            content_sha256=record.pdf.content_sha256,
            stored_at=clock.now(),
        )
    return PulledNotice(notice, payload, pdf)


def _signature(record: wire.SignatureV1) -> PulledSignature:
    data = record.model_dump(exclude={"site_ack", "public_key_b64"})
    sig = Signature(**data)
    ack = AckRecord(**record.site_ack.model_dump()) if record.site_ack is not None else None
    return PulledSignature(sig, ack)


RECORD_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def keep_pdf(documents: Path, store: BlobStore, content: dict[str, Any], sha: str) -> None:
    """A pulled notice's signed PDF where this device keeps its documents (as issued:
    documents/<id>.pdf, or <id>.void.pdf), unless a file is there already."""
    pdf, ident = content.get("pdf"), str(content.get("id", ""))
    if not isinstance(pdf, dict) or not RECORD_ID.fullmatch(ident):
        return  # not a file name: the wire model sets the record aside with the reason
    kept = documents / kept_name(ident, pdf.get("variant") == "voided")
    if not kept.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        temp = kept.with_name(f".{kept.name}.pulled")
        shutil.copyfile(store.original(sha), temp)
        os.replace(temp, kept)
