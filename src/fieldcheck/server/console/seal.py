# SPDX-License-Identifier: Apache-2.0
"""Checking a notice on the server from what travelled with it (protocol 1.1).

A notice arrives with the frozen data it was rendered from (``payload``) and its signed
PDF (``pdf``, an original by SHA-256). The QR code on each page carries the issuer's
seal: an Ed25519 signature over ``FC1|number|issuer|digest`` (``reports.qr``). Here the
digest is computed from the payload that travelled, the seal is checked against the
issuer's public keys the server holds, and the PDF's own signature (PAdES) is checked to
be intact, to cover the whole file and to be made by that same key. A notice synced by
a device of protocol 1.0 carries neither: the page says the seal cannot be checked here.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection

from fieldcheck.core.canonical import canonical_bytes
from fieldcheck.reports.pades import check_pdf
from fieldcheck.reports.qr import QrContent, seal_message
from fieldcheck.server.blobstore import Store
from fieldcheck.server.heads import R, V, current_content, select_current
from fieldcheck.signing import signatures


@dataclass(frozen=True)
class SealCheck:
    """What the server could check of a notice's seal and signed PDF."""

    state: str  # genuine / altered / forged / unverifiable / unsealed
    why: str
    pdf: str = ""  # the PDF's own check: genuine / altered / absent

    @property
    def genuine(self) -> bool:
        return self.state == "genuine"


def _keys_of(conn: Connection, person_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select_current(V.c.content_json).where(
            R.c.entity == "person_key", V.c.content_json.contains(person_id)
        )
    )
    keys = [json.loads(r.content_json) for r in rows]
    return [k for k in keys if k.get("person_id") == person_id]


def _in_force(key: dict[str, Any], at: datetime) -> bool:
    revoked = key.get("revoked_at")
    if not revoked:
        return True
    return datetime.fromisoformat(str(revoked).replace("Z", "+00:00")) > at


def digest_of(payload: dict[str, Any]) -> str:
    """The content digest the document and its QR codes vouch for."""
    return hashlib.sha256(canonical_bytes(payload)).hexdigest()


def check_seal(
    conn: Connection, blobs: Store, notice_id: str, issued_by: str, qr: QrContent
) -> SealCheck:
    """Check a scanned page's seal (and the notice's signed PDF) against what travelled."""
    content = current_content(conn, "notice", notice_id) or {}
    payload = content.get("payload")
    if not isinstance(payload, dict):
        return SealCheck(
            "unverifiable",
            "该文书由旧版本应用同步，未附文书内容，服务器无法核验签章 "
            "(synced by an app of protocol 1.0: the seal cannot be checked here)",
        )
    if qr.seal is None:
        return SealCheck("unsealed", "二维码没有签章：这是未签名的样稿 (an unsigned draft)")
    digest = digest_of(payload)
    if not digest.startswith(qr.digest_prefix.lower()) or len(qr.digest_prefix) < 16:
        return SealCheck(
            "altered",
            "二维码上的内容摘要与服务器保存的文书内容不符，纸面文书可能被改动 "
            "(the digest on the code is not that of the document on record)",
        )
    message = seal_message(
        str(payload.get("number", "")), str(payload.get("issuer_name", "")), digest
    )
    seal_b64 = base64.b64encode(qr.seal).decode("ascii")
    issued_at = datetime.fromisoformat(str(content["issued_at"]).replace("Z", "+00:00"))
    key = next(
        (
            k
            for k in _keys_of(conn, issued_by)
            if signatures.verify(str(k.get("public_key_b64", "")), message, seal_b64)
        ),
        None,
    )
    if key is None:
        return SealCheck(
            "forged",
            "签章不是开具人的密钥所签，或文书内容已被改动 "
            "(the seal does not verify with the issuer's key over the document on record)",
        )
    if not _in_force(key, issued_at):
        return SealCheck(
            "forged", "签章所用密钥在开具前已被吊销 (the key was revoked before issue)"
        )
    return SealCheck("genuine", "", _pdf_check(blobs, content, str(key["public_key_b64"]), digest))


def _pdf_check(blobs: Store, content: dict[str, Any], key_b64: str, digest: str) -> str:
    pdf = content.get("pdf")
    if not isinstance(pdf, dict):
        return "absent"
    data = blobs.read(str(pdf.get("sha256", "")))
    if data is None or hashlib.sha256(data).hexdigest() != pdf.get("sha256"):
        return "absent"
    check = check_pdf(data)
    raw = base64.b64encode(check.public_key_raw).decode() if check.public_key_raw else ""
    good = check.signed and check.intact and check.whole_file and raw == key_b64
    return "genuine" if good and pdf.get("content_sha256") == digest else "altered"
