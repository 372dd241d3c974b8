# SPDX-License-Identifier: Apache-2.0
"""The exact bytes a signature covers: a finding's content, and the signed statement.

Content (version 1) is compact UTF-8 JSON with sorted keys of the finding's observed
facts: id, site (id, name, 统一社会信用代码), inspection, description, place, level,
basis (criteria set, clause, legal basis, checklist item), when and by whom it was
found, and the sorted SHA-256 of every evidence photo. A step may add facts of its
own (the handwritten-signature image, rectification photos) under ``extra``.

The statement is what the key signs: a fixed prefix, then JSON of who signs, in which
role, for which purpose, about which subject, when, with which comment, and the
SHA-256 of the content. Binding the subject id and purpose means a signature copied
onto another finding, or re-used for another step, does not verify.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, NamedTuple

from fieldcheck.core.canonical import canonical_bytes as canonical_bytes
from fieldcheck.signing.errors import SigningError

CONTENT_VERSION = 1
STATEMENT_PREFIX = b"fieldcheck-signature-v1\n"


def utc_text(value: datetime) -> str:
    """A time as fixed-width UTC text; naive times are taken as UTC (SQLite hands those back)."""
    if value.tzinfo is not None and value.utcoffset():
        value = value.astimezone(UTC)
    # isoformat is several times faster than strftime and always pads the year to 4 digits
    return value.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _hashes(values: Iterable[str], what: str) -> list[str]:
    out = sorted(values)
    for h in out:
        if len(h) != 64 or any(c not in "0123456789abcdef" for c in h):
            raise SigningError(f"{what}: {h!r} is not a lowercase SHA-256")
    return out


class FindingFacts(NamedTuple):
    """The observed facts of one finding, as read from the store (a tuple: cheap to make)."""

    finding_id: str
    inspection_id: str
    site_id: str
    site_name: str
    site_uscc: str | None
    description: str
    place: str
    criteria_id: str | None
    clause_ref: str | None
    legal_basis: str | None
    checklist_id: str | None
    item_id: str | None
    found_at: datetime
    found_by: str
    evidence_sha256: tuple[str, ...] = ()
    extra: Mapping[str, Any] = MappingProxyType({})


def finding_content(facts: FindingFacts, *, level: str, version: int = CONTENT_VERSION) -> bytes:
    """The canonical bytes of a finding's content at the given level."""
    if version != CONTENT_VERSION:
        raise SigningError(f"content version {version} is not known to this fieldcheck")
    body: dict[str, Any] = {
        "v": CONTENT_VERSION,
        "kind": "finding",
        "id": facts.finding_id,
        "inspection_id": facts.inspection_id,
        "site": {"id": facts.site_id, "name": facts.site_name, "uscc": facts.site_uscc},
        "description": facts.description,
        "place": facts.place,
        "level": level,
        "basis": {
            "criteria_id": facts.criteria_id,
            "clause_ref": facts.clause_ref,
            "legal_basis": facts.legal_basis,
            "checklist_id": facts.checklist_id,
            "item_id": facts.item_id,
        },
        "found_at": utc_text(facts.found_at),
        "found_by": facts.found_by,
        "evidence_sha256": _hashes(facts.evidence_sha256, f"finding {facts.finding_id} photo"),
    }
    if facts.extra:
        body["extra"] = dict(facts.extra)
    return canonical_bytes(body)


def sha256_hex(data: bytes) -> str:
    """Lowercase hex SHA-256 of data."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Statement:
    """Who signs what, when and why; its bytes are what the Ed25519 key signs."""

    subject_kind: str
    subject_id: str
    purpose: str
    signer_id: str
    role: str
    key_id: str
    comment: str
    signed_at: datetime
    content_version: int
    content_sha256: str

    def to_bytes(self) -> bytes:
        """The signed message: a fixed prefix (domain separation) and canonical JSON."""
        return STATEMENT_PREFIX + canonical_bytes(
            {
                "subject_kind": self.subject_kind,
                "subject_id": self.subject_id,
                "purpose": self.purpose,
                "signer_id": self.signer_id,
                "role": self.role,
                "key_id": self.key_id,
                "comment": self.comment,
                "signed_at": utc_text(self.signed_at),
                "content_version": self.content_version,
                "content_sha256": self.content_sha256,
            }
        )
