# SPDX-License-Identifier: Apache-2.0
"""Telling a genuine PDF from an altered one, offline, with the keys known on this device.

The `fieldcheck verify` command calls it::

    verdict = verify_pdf(ctx, path)   # verdict.status: genuine / altered / unknown_issuer / ...
    print(verdict.summary()); sys.exit(verdict.exit_code)
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fieldcheck.core import timefmt
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.reports.pades import check_pdf
from fieldcheck.services.context import AppContext
from fieldcheck.storage import issued_pdfs, key_repo, notice_repo, site_repo
from fieldcheck.storage.db import Session


@dataclass(frozen=True)
class Verdict:
    """What `fieldcheck verify` says about one PDF."""

    status: str  # genuine / altered / unknown_issuer / revoked_key / unsigned / unreadable
    number: str
    issuer: str
    signed_at: datetime | None
    detail: str
    voided: bool = False

    @property
    def genuine(self) -> bool:
        return self.status == "genuine"

    @property
    def exit_code(self) -> int:
        """0 genuine; 2 altered; 3 unknown issuer or revoked key; 4 unsigned or unreadable."""
        return {"genuine": 0, "altered": 2, "unknown_issuer": 3, "revoked_key": 3}.get(
            self.status, 4
        )

    def summary(self) -> str:
        """Three plain lines for people."""
        when = timefmt.datetime_text(self.signed_at, blank="—")
        void = "（已作废 voided）" if self.voided else ""
        return (
            f"number: {self.number or '—'}{void}\nissuer: {self.issuer or '—'} (signed {when})\n"
            f"verdict: {self.status}{' — ' + self.detail if self.detail else ''}"
        )


def verify_pdf(ctx: AppContext, path: str | Path) -> Verdict:
    """Check a PDF offline: intact signature, whole file covered, issuer key known here."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return Verdict("unreadable", "", "", None, f"{path}: {exc.strerror}")
    check = check_pdf(data)
    if not check.signed:
        status = "unsigned" if check.problem == "the PDF is not signed" else "unreadable"
        return Verdict(status, check.number, "", None, check.problem)
    with ctx.db.read() as s:
        known = key_repo.all_keys(s)
        people = {p.id: (p.name, p.unit) for p in site_repo.people(s)}
        voided = _voided(s, check.number)
        issued = _frozen_shas(s, check.number)
    raw_b64 = base64.b64encode(check.public_key_raw).decode() if check.public_key_raw else None
    match = next((k for k in known.values() if k.public_key_b64 == raw_b64), None)
    issuer = check.signer_subject
    if match is not None and match.person_id in people:
        name, unit = people[match.person_id]
        issuer = f"{name}（{unit}）" if unit else name
    if not check.intact or not check.whole_file:
        return Verdict("altered", check.number, issuer, check.signed_at, check.problem, voided)
    if match is None:
        return Verdict(
            "unknown_issuer",
            check.number,
            issuer,
            check.signed_at,
            "the signing key is not among the person keys known on this device",
            voided,
        )
    revoked = match.revoked_at
    if revoked is not None and (check.signed_at is None or revoked <= check.signed_at):
        return Verdict(
            "revoked_key",
            check.number,
            issuer,
            check.signed_at,
            f"the key was revoked on {revoked:%Y-%m-%d}",
            voided,
        )
    if issued and hashlib.sha256(data).hexdigest() not in issued:
        return Verdict(
            "altered",
            check.number,
            issuer,
            check.signed_at,
            f"signed, but not the PDF issued as {check.number}: its SHA-256 differs from the "
            "one frozen at issue (a later rendering or an edited copy)",
            voided,
        )
    detail = "this document was voided after issue" if voided else ""
    return Verdict("genuine", check.number, issuer, check.signed_at, detail, voided)


def _frozen_shas(s: Session, number: str) -> set[str]:
    """The SHA-256 of every PDF frozen for the notice with this number (none: not frozen)."""
    if not number:
        return set()
    try:
        notice = notice_repo.find_notice(s, number)
    except FieldcheckError:
        return set()
    return issued_pdfs.shas_of(s, [notice.id])


def _voided(s: Session, number: str) -> bool:
    if not number:
        return False
    try:
        return notice_repo.find_notice(s, number).voided
    except FieldcheckError:
        return False
