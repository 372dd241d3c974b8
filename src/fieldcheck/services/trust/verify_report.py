# SPDX-License-Identifier: Apache-2.0
"""What a tamper-evidence check reports: the counts of what was checked and each failure.

`VerifyReport` is filled in by `verify.verify_all` and the checks it calls
(`verify_signatures`, `verify_records`, `verify_documents`); `Failure` is one thing that
does not check out, named by the finding (and signature) it concerns. The command line
and the backup service read these; nothing here touches the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Failure:
    """One thing that does not check out, with the finding it concerns."""

    finding_id: str | None
    reason: str
    signature_id: str | None = None

    def __str__(self) -> str:
        where = f"finding {self.finding_id}" if self.finding_id else "store"
        sig = f" [signature {self.signature_id}]" if self.signature_id else ""
        return f"{where}: {self.reason}{sig}"


@dataclass
class VerifyReport:
    """What was checked and every failure found."""

    signatures: int = 0
    valid_signatures: int = 0
    findings: int = 0
    files: int = 0
    audit_entries: int = 0
    audit_problem: str | None = None
    skipped: dict[str, int] = field(default_factory=dict)  # subject kinds checked elsewhere
    keys_waiting: int = 0  # keys made here that the server has not attested yet (not synced)
    records: int = 0  # unsigned rows compared with the version fieldcheck last recorded
    photo_files: int = 0  # photo originals hashed besides the signed ones
    pull_cut_off: bool = False  # the last pull stopped part-way (sync again)
    incomplete: list[Failure] = field(default_factory=list)  # waiting for the rest of a pull
    documents: int = 0  # issued PDFs checked against the SHA-256 frozen at issue
    documents_unfrozen: int = 0  # notices with no PDF frozen here (pulled, or never signed)
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures and self.audit_problem is None
