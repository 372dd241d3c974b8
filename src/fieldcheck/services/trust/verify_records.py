# SPDX-License-Identifier: Apache-2.0
"""`verify --all` beyond signatures: unsigned records, finding events and every photo file.

Sites, people, inspections, findings and their events read back from their rows to
exactly the content fieldcheck queued for the server or took from it, so each row is
compared with the version fieldcheck last wrote: the newest one queued here while it
waits for a receipt, else what the server last confirmed or sent. A status set by hand
(``update finding set status='closed'``) or an edited event no longer matches. Every
photo row's original must exist and hash to its name, signed or not.

A pull that was cut off part-way leaves a finding whose signatures arrived before the
photos or findings they cover: that is reported as incomplete, never as tampering.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldcheck.photos.store import BlobStore
from fieldcheck.services.context import AppContext
from fieldcheck.storage import device_repo, record_check
from fieldcheck.sync.protocol import content_sha256

NAMES = {
    "site": "site",
    "person": "person",
    "inspection": "inspection",
    "finding": "finding",
    "finding_event": "finding event",
}


@dataclass(frozen=True)
class RecordProblem:
    finding_id: str | None
    reason: str


@dataclass
class RecordCheck:
    records: int = 0
    photo_files: int = 0
    problems: list[RecordProblem] | None = None
    pull_cut_off: bool = False
    own: set[str] | None = None  # findings recorded here (not pulled)


def check_records(
    ctx: AppContext, *, check_files: bool = True, checked: frozenset[str] = frozenset()
) -> RecordCheck:
    """Compare every covered row with its last recorded version; hash every photo file."""
    out = RecordCheck(problems=[])
    problems = out.problems
    assert problems is not None
    with ctx.db.read() as s:
        recorded = record_check.recorded_versions(s, content_sha256)
        conflicts = record_check.open_conflicts(s)
        rows = list(record_check.current_contents(s))
        photo_rows = record_check.photo_files(s)
        out.pull_cut_off = bool(device_repo.get(s, record_check.PULL_OPEN_KEY))
        out.own = record_check.own_findings(s)
    for entity, ident, content, label in rows:
        out.records += 1
        key = (entity, ident)
        if key in conflicts:
            continue  # both versions are kept for a person to choose
        finding = ident if entity == "finding" else None
        name = f"{NAMES[entity]} {ident}" + (f"（{label}）" if label else "")
        if isinstance(content, str):
            problems.append(
                RecordProblem(
                    finding, f"{name} is no longer a valid record ({content}): edited by hand?"
                )
            )
            continue
        finding = finding or content.get("finding_id")
        want = recorded.get(key)
        if want is None:
            problems.append(
                RecordProblem(finding, f"{name} was never recorded by fieldcheck (added by hand?)")
            )
        elif content_sha256(content) != want:
            problems.append(
                RecordProblem(
                    finding,
                    f"{name} differs from the version fieldcheck last recorded "
                    "(edited in the database?)",
                )
            )
    if check_files:
        store = BlobStore(ctx.home.photos)
        for sha in sorted({sha for _pid, _fid, sha in photo_rows} - checked):
            out.photo_files += 1
            problem = store.verify(sha)
            if problem is not None:
                fids = sorted({fid for _p, fid, h in photo_rows if h == sha})
                problems.append(RecordProblem(fids[0], f"photo file: {problem}"))
    return out
