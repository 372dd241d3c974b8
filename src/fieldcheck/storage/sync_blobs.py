# SPDX-License-Identifier: Apache-2.0
"""The originals that travel (photos, site signatures) and which the server confirmed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import or_
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from fieldcheck.storage.signing_tables import SiteAckRow
from fieldcheck.storage.sync_tables import SyncBlobRow
from fieldcheck.storage.tables import BlobRow, IssuedPdfRow, PhotoRow


def _named_blobs() -> Any:
    """Originals that travel: photos, the site's handwritten signatures, and the signed
    PDF that travels with each notice (protocol 1.1; issued_pdfs.travelling: the issued
    one, or the voided one of a notice never signed before it was voided). A PDF signed
    again once voided stays on its device: no record names it on the server."""
    handwriting = select(SiteAckRow.handwriting_sha256).where(
        col(SiteAckRow.handwriting_sha256).is_not(None)
    )
    issued = select(IssuedPdfRow.notice_id).where(col(IssuedPdfRow.variant) == "issued")
    pdfs = select(IssuedPdfRow.sha256).where(
        or_(col(IssuedPdfRow.variant) == "issued", col(IssuedPdfRow.notice_id).not_in(issued))
    )
    return select(PhotoRow.sha256).union(handwriting, pdfs)


def blobs_to_send(s: Session) -> list[tuple[str, int]]:
    """Originals named by photos or site signatures that the server has not confirmed yet:
    (sha, bytes)."""
    confirmed = select(SyncBlobRow.sha256)
    rows = s.exec(
        select(BlobRow.sha256, BlobRow.bytes)
        .where(col(BlobRow.sha256).in_(_named_blobs()), col(BlobRow.sha256).not_in(confirmed))
        .order_by(col(BlobRow.stored_at))
    ).all()
    return [(r[0], r[1]) for r in rows]


def confirm_blobs(s: Session, shas: list[str], now: datetime) -> None:
    """Record many originals the server confirmed, in one statement."""
    if shas:
        t = SyncBlobRow.__table__  # type: ignore[attr-defined]
        s.connection().execute(
            sqlite_insert(t).on_conflict_do_nothing(index_elements=[t.c.sha256]),
            [{"sha256": sha, "confirmed_at": now} for sha in shas],
        )


def confirm_blob(s: Session, sha: str, now: datetime) -> None:
    if s.get(SyncBlobRow, sha) is None:
        s.add(SyncBlobRow(sha256=sha, confirmed_at=now))


def blob_confirmed(s: Session, sha: str) -> bool:
    return s.get(SyncBlobRow, sha) is not None


def confirmed_among(s: Session, shas: set[str]) -> set[str]:
    """Those of shas the server has confirmed it holds whole."""
    if not shas:
        return set()
    rows = s.exec(select(SyncBlobRow.sha256).where(col(SyncBlobRow.sha256).in_(sorted(shas))))
    return set(rows.all())


def photo_shas(s: Session) -> list[str]:
    """Every original a photo (or a site's handwritten signature) on this device names."""
    return sorted({str(row[0]) for row in s.exec(_named_blobs())})
