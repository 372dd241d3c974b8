# SPDX-License-Identifier: Apache-2.0
"""Tamper evidence: check every signature, the state it vouches for, and the audit chain.

For each signature the covered content is rebuilt from what the store holds now and
checked against the Ed25519 signature with the signer's public key
(`verify_signatures`); then each finding's claimed state (confirmed, downgraded, 验收
passed, site acknowledgement) must be backed by a valid signature, and the files the
signatures cover must still hash to their names. Anything changed by hand in the
database file shows up here. The report types live in `verify_report`.
"""

from __future__ import annotations

from collections import defaultdict

from fieldcheck.core.loop import Status
from fieldcheck.core.signature import Signature
from fieldcheck.photos.store import BlobStore
from fieldcheck.services.context import AppContext
from fieldcheck.services.major.signoff import Purpose
from fieldcheck.services.sync.audit_anchor import anchor_problem
from fieldcheck.services.trust.verify_documents import check_documents
from fieldcheck.services.trust.verify_keys import KeyTrust
from fieldcheck.services.trust.verify_records import check_records
from fieldcheck.services.trust.verify_report import Failure, VerifyReport
from fieldcheck.services.trust.verify_signatures import check_signatures
from fieldcheck.signing.attestation import KeyAttestation
from fieldcheck.storage import audit, key_repo, signing_bulk, signing_repo, trust_repo
from fieldcheck.storage.signing_repo import AckRecord, FactsRecord, PhotoRecord

_AFTER_VERIFY = {Status.VERIFIED, Status.CLOSED, Status.REVISIT}


def _check_states(
    report: VerifyReport,
    facts: dict[str, FactsRecord],
    decided: dict[str, FactsRecord],
    valid: list[Signature],
    acks: dict[str, AckRecord],
) -> None:
    """Each finding's claimed state must be backed by a valid signature."""
    by_finding: dict[str, list[Signature]] = defaultdict(list)
    for sig in valid:
        by_finding[sig.subject_id].append(sig)
    fail = report.failures.append
    for fid, rec in {**facts, **decided}.items():
        report.findings += 1
        mine = by_finding.get(fid, [])
        if fid in facts and not rec.frozen:
            fail(Failure(fid, "signed but no longer marked frozen (edited in the database?)"))
        decisions = [g for g in mine if g.purpose in (Purpose.CONFIRM, Purpose.DOWNGRADE)]
        last = decisions[-1].purpose if decisions else None
        want = {
            Purpose.CONFIRM: ("confirmed", "major"),
            Purpose.DOWNGRADE: ("downgraded", "general"),
        }
        if last is None and rec.major_status in ("confirmed", "downgraded"):
            fail(
                Failure(
                    fid,
                    f"claims to be {rec.major_status} by an expert but no valid "
                    "expert signature says so",
                )
            )
        elif last is not None and (rec.major_status, rec.level) != want[Purpose(last)]:
            fail(
                Failure(
                    fid,
                    f"the expert signed {last} but the finding now reads "
                    f"{rec.major_status}/{rec.level}",
                )
            )
        if (
            rec.major_status == "confirmed"
            and rec.status in _AFTER_VERIFY
            and not any(g.purpose == Purpose.VERIFY for g in mine)
        ):
            fail(Failure(fid, f"major hazard is {rec.status} without an expert's 验收 signature"))
    valid_ids = {g.id: g for g in valid}
    for sig_id, ack in acks.items():
        covering = valid_ids.get(sig_id)
        if covering is None or covering.purpose != Purpose.CO_SIGN:
            fail(
                Failure(
                    ack.finding_id,
                    f"site {ack.outcome} record {ack.id} has no valid "
                    "inspector signature covering it",
                )
            )
        elif covering.subject_id != ack.finding_id or covering.signer_id != ack.recorded_by:
            fail(
                Failure(
                    ack.finding_id,
                    f"site {ack.outcome} record {ack.id} was moved or re-attributed after signing",
                    sig_id,
                )
            )


def _check_files(
    ctx: AppContext,
    report: VerifyReport,
    valid: list[Signature],
    photos: dict[str, list[PhotoRecord]],
    acks: dict[str, AckRecord],
) -> set[str]:
    """The photos and handwriting images that valid signatures cover must be intact."""
    store = BlobStore(ctx.home.photos)
    wanted: dict[str, str] = {}
    for sig in valid:
        for p in photos.get(sig.subject_id, ()):
            if p.kind == "evidence" or (
                sig.purpose == Purpose.VERIFY and p.imported_at <= sig.signed_at
            ):
                wanted.setdefault(p.sha256, sig.subject_id)
        ack = acks.get(sig.id)
        if ack is not None and ack.handwriting_sha256:
            wanted.setdefault(ack.handwriting_sha256, sig.subject_id)
    for sha, fid in sorted(wanted.items()):
        report.files += 1
        problem = store.verify(sha)
        if problem is not None:
            report.failures.append(Failure(fid, f"a signed file is damaged: {problem}"))
    return set(wanted)


def verify_all(
    ctx: AppContext, *, check_files: bool = True, workers: int | None = None
) -> VerifyReport:
    """Check every signature, every signed state, the signed files and the audit chain."""
    report = VerifyReport()
    with ctx.db.read() as s:
        sigs = signing_bulk.all_signatures(s)
        keys = key_repo.all_keys(s)
        facts, photo_list = signing_bulk.signed_findings(s)
        decided = signing_bulk.decided_findings(s)
        acks = signing_repo.acks_by_signature(s)
        report.audit_entries, chain_problem = audit.verify(s)
        anchored = anchor_problem(s) if chain_problem is None else None
        names = signing_repo.person_names(s)
        trust = KeyTrust(
            pinned=trust_repo.pinned_server_key(s),
            attestations={k: KeyAttestation(**v) for k, v in trust_repo.attestations(s).items()},
            own=trust_repo.own_keys(s),
            roles=trust_repo.person_roles(s),
        )
    photos: dict[str, list[PhotoRecord]] = defaultdict(list)
    for p in photo_list:
        photos[p.finding_id].append(p)
    report.audit_problem = str(chain_problem) if chain_problem is not None else anchored
    valid = check_signatures(report, sigs, keys, facts, photos, acks, workers, trust)
    report.keys_waiting = len(trust.waiting)
    _check_states(report, facts, decided, valid, acks)
    checked = _check_files(ctx, report, valid, photos, acks) if check_files else set()
    rows = check_records(ctx, check_files=check_files, checked=frozenset(checked))
    report.records, report.photo_files = rows.records, rows.photo_files
    report.pull_cut_off = rows.pull_cut_off
    if rows.pull_cut_off:  # what a cut-off pull left half-arrived is not tampering
        own = rows.own or set()
        report.incomplete = [f for f in report.failures if f.finding_id not in own]
        report.failures = [f for f in report.failures if f.finding_id in own]
    report.failures += [Failure(p.finding_id, p.reason) for p in rows.problems or []]
    if check_files:
        report.documents, report.documents_unfrozen, problems = check_documents(ctx)
        report.failures += [Failure(None, f"notice {p.number}: {p.reason}") for p in problems]
    by_id = {g.id: g for g in sigs}
    known = facts | decided
    report.failures = [_named(f, known, names, by_id) for f in report.failures]
    report.incomplete = [_named(f, known, names, by_id) for f in report.incomplete]
    return report


def _named(
    f: Failure, facts: dict[str, FactsRecord], names: dict[str, str], sigs: dict[str, Signature]
) -> Failure:
    """Add who signed and which site, so a person can find the case."""
    rec = facts.get(f.finding_id or "")
    where = f"（{rec.site_name}：{rec.description[:24]}）" if rec else ""
    sig = sigs.get(f.signature_id or "")
    signer = f"; signed by {names.get(sig.signer_id, sig.signer_id)}" if sig else ""
    return Failure(f.finding_id, f"{f.reason}{signer} {where}".rstrip(), f.signature_id)
