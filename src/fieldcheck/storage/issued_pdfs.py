# SPDX-License-Identifier: Apache-2.0
"""The signed PDFs frozen at issue: which file, its SHA-256, what it was rendered from."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from fieldcheck.storage.tables import IssuedPdfRow, NoticeRow


@dataclass(frozen=True)
class FrozenPdf:
    """One issued PDF: which file under documents/, its SHA-256, what it was rendered from."""

    notice_id: str
    variant: str  # issued / voided
    file_name: str
    sha256: str
    bytes: int
    pages: int
    content_sha256: str
    stored_at: datetime


def _of(row: IssuedPdfRow) -> FrozenPdf:
    return FrozenPdf(**{k: getattr(row, k) for k in FrozenPdf.__dataclass_fields__})


def frozen(s: Session, notice_id: str, variant: str) -> FrozenPdf | None:
    """The PDF frozen for the notice in this state (issued / voided), if any."""
    row = s.get(IssuedPdfRow, (notice_id, variant))
    return None if row is None else _of(row)


def all_frozen(s: Session) -> list[FrozenPdf]:
    rows = s.exec(select(IssuedPdfRow).order_by(col(IssuedPdfRow.stored_at))).all()
    return [_of(r) for r in rows]


def shas_of(s: Session, notice_ids: list[str]) -> set[str]:
    """Every frozen PDF hash of these notices (both states)."""
    if not notice_ids:
        return set()
    rows = s.exec(select(IssuedPdfRow).where(col(IssuedPdfRow.notice_id).in_(notice_ids)))
    return {r.sha256 for r in rows}


def keep(s: Session, row: FrozenPdf) -> None:
    """Record the issued PDF of a notice in one state (the caller audits it, through
    ``record_change``, with the notice version that now carries it)."""
    s.add(IssuedPdfRow(**asdict(row)))


def travelling(s: Session, notice_id: str) -> FrozenPdf | None:
    """The PDF that travels with a notice: the first one frozen (the issued one, or the
    voided one of a notice voided before it was ever signed). It never changes once set,
    so every version of the notice names the same original, as a photo does."""
    return frozen(s, notice_id, "issued") or frozen(s, notice_id, "voided")


def notice_payloads(s: Session) -> dict[str, tuple[str, str]]:
    """Every notice's (number, frozen document data) by id."""
    rows = s.exec(select(NoticeRow.id, NoticeRow.number, NoticeRow.payload_json)).all()
    return {i: (number, payload) for i, number, payload in rows}
