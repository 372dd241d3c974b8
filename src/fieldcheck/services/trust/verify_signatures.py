# SPDX-License-Identifier: Apache-2.0
"""The signature check of tamper evidence: each finding signature against its key and content.

For each signature over a finding, the key must be held, belong to the signer, be live
at signing time and trusted (`verify_keys.KeyTrust`); the signer's role must be allowed
for the purpose; the covered content is rebuilt from the store now and its SHA-256
compared with the signed one; then all Ed25519 signatures are verified in one batch.
`check_signatures` records failures on the report and returns the valid signatures,
which `verify.verify_all` uses for the state and file checks.
"""

from __future__ import annotations

from fieldcheck.core.signature import Signature
from fieldcheck.services.major.signoff import RULES, SUBJECT, facts_of
from fieldcheck.services.trust.verify_keys import KeyTrust
from fieldcheck.services.trust.verify_report import Failure, VerifyReport
from fieldcheck.signing import canonical, signatures
from fieldcheck.signing.canonical import Statement
from fieldcheck.signing.errors import SigningError
from fieldcheck.signing.keys import decode_public
from fieldcheck.storage.key_repo import KeyRecord
from fieldcheck.storage.signing_repo import AckRecord, FactsRecord, PhotoRecord


def _key_problem(sig: Signature, key: KeyRecord | None) -> str | None:
    if key is None:
        return f"signed with key {sig.key_id}, which this store does not hold"
    if key.person_id != sig.signer_id:
        return f"key {key.id} belongs to {key.person_id}, not to the signer {sig.signer_id}"
    if sig.signed_at < key.created_at:
        return "signed before the key was created"
    if key.revoked_at is not None and sig.signed_at >= key.revoked_at:
        return f"signed after the key was revoked ({key.revoked_at:%Y-%m-%d %H:%M} UTC)"
    if key.expires_at is not None and sig.signed_at >= key.expires_at:
        return f"signed after the key expired ({key.expires_at:%Y-%m-%d})"
    rule = RULES.get(sig.purpose)
    if rule is None:
        return f"unknown purpose {sig.purpose!r}"
    if sig.role not in rule.roles:
        return f"a {sig.role} may not sign {sig.purpose}"
    return None


def check_signatures(
    report: VerifyReport,
    sigs: list[Signature],
    keys: dict[str, KeyRecord],
    facts: dict[str, FactsRecord],
    photos: dict[str, list[PhotoRecord]],
    acks: dict[str, AckRecord],
    workers: int | None,
    trust: KeyTrust,
) -> list[Signature]:
    """Check every finding signature; return those that are valid."""
    batch = signatures.BatchVerifier(workers)
    raw_keys: dict[str, bytes] = {}
    pending: list[Signature] = []
    fail = report.failures.append
    for sig in sigs:
        if sig.subject_kind != SUBJECT:
            report.skipped[sig.subject_kind] = report.skipped.get(sig.subject_kind, 0) + 1
            continue
        report.signatures += 1
        key = keys.get(sig.key_id)
        problem = _key_problem(sig, key)
        if problem is None and key is not None:
            problem = trust.signature_problem(sig, key)
        rec = facts.get(sig.subject_id)
        if problem is None and rec is None:
            problem = "the finding it signs is missing from the store"
        raw_sig = signatures.decode_signature(sig.signature_b64)
        if problem is None and raw_sig is None:
            problem = "the signature value is malformed"
        if problem is None and rec is not None:
            try:
                f = facts_of(
                    rec,
                    photos.get(rec.id, ()),
                    purpose=sig.purpose,
                    signed_at=sig.signed_at,
                    ack=acks.get(sig.id),
                )
                content = canonical.finding_content(
                    f, level=RULES[sig.purpose].level, version=sig.content_version
                )
            except SigningError as exc:
                problem = str(exc)
            else:
                if canonical.sha256_hex(content) != sig.content_sha256:
                    problem = (
                        "what it covers changed after signing (description, place, level, "
                        "clause, time, site, photos or site acknowledgement)"
                    )
        if problem is not None:
            fail(Failure(sig.subject_id, f"{sig.purpose} signature: {problem}", sig.id))
            continue
        assert key is not None and raw_sig is not None
        msg = Statement(
            sig.subject_kind,
            sig.subject_id,
            sig.purpose,
            sig.signer_id,
            sig.role,
            sig.key_id,
            sig.comment,
            sig.signed_at,
            sig.content_version,
            sig.content_sha256,
        ).to_bytes()
        if key.id not in raw_keys:
            raw_keys[key.id] = decode_public(key.public_key_b64)
        batch.add(raw_keys[key.id], msg, raw_sig)
        pending.append(sig)
    valid: list[Signature] = []
    for sig, good in zip(pending, batch.results(), strict=True):
        if good:
            valid.append(sig)
        else:
            fail(
                Failure(
                    sig.subject_id,
                    f"{sig.purpose} signature does not verify: its record "
                    "was altered, or it was copied from another finding or step",
                    sig.id,
                )
            )
    report.valid_signatures = len(valid)
    return valid
