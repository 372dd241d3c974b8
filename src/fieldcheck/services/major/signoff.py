# SPDX-License-Identifier: Apache-2.0
"""Signing one step of a finding: who may, what is covered, and the record it leaves.

Each purpose fixes the roles allowed to sign it and the hazard level the signer
attests. The level is part of the covered content, so a confirmation keeps verifying
after later steps, while a hand-made change of level is caught by ``verify``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from fieldcheck.core import clock
from fieldcheck.core.errors import NotFoundError
from fieldcheck.core.ids import new_id
from fieldcheck.core.major import MajorStep
from fieldcheck.core.models import Finding, FindingEvent, Person
from fieldcheck.core.signature import Signature
from fieldcheck.core.terms import Role
from fieldcheck.services.findings.findings import freeze_in
from fieldcheck.services.journal import record_change
from fieldcheck.services.major.keys import Unlocked, usable_key_in
from fieldcheck.signing import canonical, signatures
from fieldcheck.signing.canonical import FindingFacts, Statement
from fieldcheck.signing.errors import ContentChangedError, KeyStateError, RoleError, SigningError
from fieldcheck.storage import finding_repo, signing_repo, site_repo
from fieldcheck.storage.db import Session
from fieldcheck.storage.signing_repo import AckRecord, FactsRecord, PhotoRecord

SUBJECT = "finding"


class Purpose(StrEnum):
    """What a signature on a finding attests."""

    SEND_BACK = "send_back"  # expert: not decidable as recorded, back to the inspector
    CONFIRM = "confirm"  # expert: this is a 重大事故隐患 under the cited clause
    DOWNGRADE = "downgrade"  # expert: this is a general hazard
    CO_SIGN = "co_sign"  # inspector: the site's person signed by hand (or refused)
    VERIFY = "verify"  # expert: 验收 of the rectified major hazard passed


@dataclass(frozen=True)
class Rule:
    """Who may sign a purpose and which level they attest."""

    roles: frozenset[Role]
    level: str
    label_zh: str


_INSPECTORS = frozenset({Role.GRID, Role.ENFORCEMENT})
RULES: dict[str, Rule] = {
    Purpose.SEND_BACK: Rule(frozenset({Role.EXPERT}), "major", "专家退回"),
    Purpose.CONFIRM: Rule(frozenset({Role.EXPERT}), "major", "专家确认重大隐患"),
    Purpose.DOWNGRADE: Rule(frozenset({Role.EXPERT}), "general", "专家认定为一般隐患"),
    Purpose.CO_SIGN: Rule(_INSPECTORS, "major", "企业负责人签字确认（检查人员见证）"),
    Purpose.VERIFY: Rule(frozenset({Role.EXPERT}), "major", "专家验收"),
}


def ack_extra(ack: AckRecord) -> dict[str, Any]:
    """The site acknowledgement facts the inspector's signature covers."""
    return {
        "ack_id": ack.id,
        "outcome": ack.outcome,
        "site_rep_name": ack.site_rep_name,
        "site_rep_id": ack.site_rep_id,
        "handwriting_sha256": ack.handwriting_sha256,
        "witness_name": ack.witness_name,
        "witness_id": ack.witness_id,
        "reason": ack.reason,
    }


def ack_payload(ack: AckRecord, signature_id: str) -> dict[str, Any]:
    """The acknowledgement record as it syncs, inside the signature that covers it."""
    data = ack._asdict() | {"signature_id": signature_id}
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in data.items()}


def facts_of(
    rec: FactsRecord,
    photos: Iterable[PhotoRecord],
    *,
    purpose: str,
    signed_at: datetime | None,
    ack: AckRecord | None = None,
) -> FindingFacts:
    """The covered facts for one purpose (signed_at None: everything there is now)."""
    photos = list(photos)
    extra: dict[str, Any] = {}
    if purpose == Purpose.VERIFY:
        extra["rectification_sha256"] = sorted(
            p.sha256
            for p in photos
            if p.kind == "rectification" and (signed_at is None or p.imported_at <= signed_at)
        )
    if purpose == Purpose.CO_SIGN:
        if ack is None:
            raise SigningError(f"finding {rec.id}: the site acknowledgement record is missing")
        extra["site_ack"] = ack_extra(ack)
    return FindingFacts(
        finding_id=rec.id,
        inspection_id=rec.inspection_id,
        site_id=rec.site_id,
        site_name=rec.site_name,
        site_uscc=rec.site_uscc,
        description=rec.description,
        place=rec.place,
        criteria_id=rec.criteria_id,
        clause_ref=rec.clause_ref,
        legal_basis=rec.legal_basis,
        checklist_id=rec.checklist_id,
        item_id=rec.item_id,
        found_at=rec.found_at,
        found_by=rec.found_by,
        evidence_sha256=tuple(p.sha256 for p in photos if p.kind == "evidence"),
        extra=extra,
    )


def _facts_row(s: Session, finding_id: str) -> FactsRecord:
    rec = signing_repo.finding_facts(s, finding_id)
    if rec is None:
        raise NotFoundError("finding", finding_id)
    return rec


def review_sha256_in(s: Session, finding_id: str, purpose: str = Purpose.CONFIRM) -> str:
    """The SHA-256 of what a reviewer sees now: pass it back when signing."""
    rec = _facts_row(s, finding_id)
    shown = Purpose.VERIFY if purpose == Purpose.VERIFY else Purpose.CONFIRM
    facts = facts_of(rec, signing_repo.photos_of(s, [finding_id]), purpose=shown, signed_at=None)
    return canonical.sha256_hex(canonical.finding_content(facts, level=rec.level))


def check_role(s: Session, person_id: str, purpose: str) -> Person:
    """The signer, if their role may sign this purpose; RoleError naming who may."""
    person = site_repo.get_person(s, person_id)
    rule = RULES[purpose]
    if person.role not in rule.roles:
        allowed = ", ".join(sorted(r.value for r in rule.roles))
        raise RoleError(
            f"{person.name} is a {person.role}; {rule.label_zh} ({purpose}) must be signed "
            f"by: {allowed}"
        )
    return person


def add_event(s: Session, finding: Finding, *, action: MajorStep, actor_id: str, note: str) -> None:
    """A finding event for a major-hazard step (the loop status does not move)."""
    ev = FindingEvent(
        finding_id=finding.id,
        action=action,
        from_status=finding.status,
        to_status=finding.status,
        actor_id=actor_id,
        at=clock.now(),
        note=note,
    )
    finding_repo.add_event(s, ev)
    record_change(
        s, actor_id=actor_id, action=f"finding.{action}", entity="finding_event", record=ev
    )


def sign_in(
    s: Session,
    *,
    unlocked: Unlocked,
    finding_id: str,
    purpose: Purpose,
    comment: str,
    reviewed_sha256: str | None,
    ack: AckRecord | None = None,
) -> Signature:
    """Sign one step inside the caller's transaction; nothing is kept if anything fails."""
    signer = check_role(s, unlocked.person_id, purpose)
    now = clock.now()
    key = usable_key_in(s, unlocked.person_id, now)
    if key.id != unlocked.key_id:
        raise KeyStateError(f"{signer.name}'s key changed while signing; nothing was signed")
    if reviewed_sha256 is not None:
        current = review_sha256_in(s, finding_id, purpose)
        if current != reviewed_sha256.strip().lower():
            raise ContentChangedError(
                f"finding {finding_id} changed after it was reviewed (reviewed "
                f"{reviewed_sha256[:12]}…, now {current[:12]}…); "
                "review it again — nothing was signed"
            )
    rec = _facts_row(s, finding_id)
    facts = facts_of(
        rec, signing_repo.photos_of(s, [finding_id]), purpose=purpose, signed_at=now, ack=ack
    )
    content = canonical.finding_content(facts, level=RULES[purpose].level)
    statement = Statement(
        subject_kind=SUBJECT,
        subject_id=finding_id,
        purpose=purpose.value,
        signer_id=unlocked.person_id,
        role=signer.role.value,
        key_id=key.id,
        comment=comment,
        signed_at=now,
        content_version=canonical.CONTENT_VERSION,
        content_sha256=canonical.sha256_hex(content),
    )
    message = statement.to_bytes()
    sig_b64 = signatures.sign(unlocked.private, message)
    if not signatures.verify(key.public_key_b64, message, sig_b64):
        raise SigningError(f"{signer.name}'s key does not match its public record; not signed")
    sig = Signature(
        id=new_id(),
        subject_kind=SUBJECT,
        subject_id=finding_id,
        signer_id=unlocked.person_id,
        key_id=key.id,
        role=signer.role.value,
        purpose=purpose.value,
        comment=comment,
        content_version=canonical.CONTENT_VERSION,
        content_sha256=statement.content_sha256,
        signature_b64=sig_b64,
        signed_at=now,
    )
    stored = signing_repo.add_signature(s, sig)
    freeze_in(s, finding_id)
    payload = {**stored, "public_key_b64": key.public_key_b64}
    if ack is not None:  # the covered acknowledgement travels inside its signature
        payload["site_ack"] = ack_payload(ack, sig.id)
    record_change(
        s,
        actor_id=unlocked.person_id,
        action=f"signature.{purpose.value}",
        entity="signature",
        record=payload,
    )
    return sig
