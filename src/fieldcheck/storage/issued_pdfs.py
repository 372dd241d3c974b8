# SPDX-License-Identifier: Apache-2.0
"""The signed PDFs frozen at issue: which file, its SHA-256, what it was rendered from."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from fieldcheck.storage import audit
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


def freeze(s: Session, row: FrozenPdf, *, actor_id: str) -> None:
    """Record the issued PDF (once per state) and put its hash into the audit chain."""
    s.add(IssuedPdfRow(**asdict(row)))
    audit.append(
        s,
        actor_id=actor_id,
        action="notice.pdf_frozen",
        entity="notice",
        entity_id=row.notice_id,
        payload={"variant": row.variant, "file": row.file_name, "sha256": row.sha256},
    )


def notice_payloads(s: Session) -> dict[str, tuple[str, str]]:
    """Every notice's (number, frozen document data) by id."""
    rows = s.exec(select(NoticeRow.id, NoticeRow.number, NoticeRow.payload_json)).all()
    return {i: (number, payload) for i, number, payload in rows}
