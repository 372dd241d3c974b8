# SPDX-License-Identifier: Apache-2.0
"""What the sync tables hold about one hazard: its history, photos and verified signatures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from fieldcheck.server.heads import current_content, current_contents
from fieldcheck.server.tables import RecordRow, table_of
from fieldcheck.signing import signatures
from fieldcheck.signing.canonical import Statement

R = table_of(RecordRow)


def _current(conn: Connection, entity: str, where: Any) -> list[dict[str, Any]]:
    return current_contents(conn, entity, where)


def events(conn: Connection, finding_id: str) -> list[dict[str, Any]]:
    out = _current(conn, "finding_event", R.c.finding_id == finding_id)
    return sorted(out, key=lambda e: e["at"])


def notice_pdf(conn: Connection, notice_id: str) -> dict[str, Any] | None:
    """The signed PDF that travelled with a notice (sha256, bytes, pages...), if any."""
    content = current_content(conn, "notice", notice_id) or {}
    pdf = content.get("pdf")
    return pdf if isinstance(pdf, dict) else None


def photos(conn: Connection, finding_id: str) -> list[dict[str, Any]]:
    return _current(conn, "photo", R.c.finding_id == finding_id)


def photo_finding(conn: Connection, sha256: str) -> list[str]:
    """The findings whose photos name this original (to check the viewer may see one)."""
    rows = conn.execute(
        select(R.c.finding_id).where(R.c.entity == "photo", R.c.blob_sha256 == sha256)
    )
    return [r.finding_id for r in rows if r.finding_id]


def people(conn: Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    return {p["id"]: p for p in _current(conn, "person", R.c.entity_id.in_(ids))}


@dataclass(frozen=True)
class CheckedSignature:
    """A signature as the server checked it against the signer's public key."""

    signer: str
    role: str
    purpose: str
    signed_at: datetime
    valid: bool
    why: str


def checked_signatures(
    conn: Connection, subject_kind: str, subject_id: str
) -> list[CheckedSignature]:
    """Every signature on the record, verified here with the key the signer's device sent."""
    if subject_kind != "finding":
        return []  # the server files signatures under the finding they cover
    sigs = _current(conn, "signature", R.c.finding_id == subject_id)
    sigs = [
        s
        for s in sigs
        if s.get("subject_kind") == subject_kind and s.get("subject_id") == subject_id
    ]
    keys = {
        k["id"]: k
        for k in _current(
            conn, "person_key", R.c.entity_id.in_({s.get("key_id", "") for s in sigs})
        )
    }
    names = people(conn, {s["signer_id"] for s in sigs})
    out = []
    for s in sorted(sigs, key=lambda s: s["signed_at"]):
        key = keys.get(s.get("key_id", ""))
        valid, why = False, "签名人公钥未同步 the signer's key is not on the server"
        if key is not None and key.get("person_id") == s["signer_id"]:
            try:
                statement = Statement(
                    subject_kind=s["subject_kind"],
                    subject_id=s["subject_id"],
                    purpose=s.get("purpose", ""),
                    signer_id=s["signer_id"],
                    role=s.get("role", ""),
                    key_id=s["key_id"],
                    comment=s.get("comment", ""),
                    signed_at=datetime.fromisoformat(s["signed_at"]),
                    content_version=int(s.get("content_version", 1)),
                    content_sha256=s["content_sha256"],
                )
                valid = signatures.verify(
                    key["public_key_b64"], statement.to_bytes(), s["signature_b64"]
                )
            except (KeyError, ValueError, TypeError):
                valid = False
            why = "签名有效 valid" if valid else "签名无效 INVALID: it does not match the content"
        person = names.get(s["signer_id"], {})
        out.append(
            CheckedSignature(
                signer=person.get("name", s["signer_id"]),
                role=s.get("role", ""),
                purpose=s.get("purpose", ""),
                signed_at=datetime.fromisoformat(s["signed_at"]),
                valid=valid,
                why=why,
            )
        )
    return out


def events_of(conn: Connection, finding_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The events of many findings, each list by time (the 验收销号 list)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for i in range(0, len(finding_ids), 500):
        part = finding_ids[i : i + 500]
        for e in _current(conn, "finding_event", R.c.finding_id.in_(part)):
            out.setdefault(e["finding_id"], []).append(e)
    for evs in out.values():
        evs.sort(key=lambda e: e["at"])
    return out
