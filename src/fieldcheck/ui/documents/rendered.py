# SPDX-License-Identifier: Apache-2.0
"""A document's PDF on disk and its pages as pictures: load, sign, issue-and-render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from fieldcheck.core.models import Notice
from fieldcheck.core.terms import NoticeKind
from fieldcheck.reports import raster
from fieldcheck.services.context import AppContext
from fieldcheck.services.documents import document_files, documents, notices


@dataclass
class Loaded:
    """A notice's PDF on disk and its pages as pictures."""

    notice: Notice
    path: Path
    signed: bool
    pages: list[Any]  # PIL images
    warnings: list[str] = field(default_factory=list)


def load_document(ctx: AppContext, notice_id: str, dpi: float) -> Loaded:
    """The signed PDF when there is one; otherwise an unsigned preview marked 未签名样稿."""
    notice, _data = notices.document_data(ctx, notice_id)
    path = document_files.kept_path(ctx, notice)
    if path.is_file():
        return Loaded(notice, path, True, raster.rasterise(path, dpi))
    preview = ctx.home.cache / "previews" / f"{notice.id}.pdf"
    done = documents.render_notice(ctx, notice.id, preview, unsigned=True)
    return Loaded(notice, done.path, False, raster.rasterise(done.path, dpi), done.warnings)


def sign_document(ctx: AppContext, notice_id: str, passphrase: str, dpi: float) -> Loaded:
    """Render the notice signed with its issuer's key, and its pages."""
    done = document_files.sign_kept(ctx, notice_id, passphrase=passphrase)
    notice, _data = notices.document_data(ctx, notice_id)
    return Loaded(notice, done.path, True, raster.rasterise(done.path, dpi), done.warnings)


def issue_and_render(
    ctx: AppContext,
    inspection_id: str,
    kind: NoticeKind,
    issuer_id: str,
    passphrase: str,
    deadline: date | None,
    receipt: dict[str, Any] | None,
    dpi: float,
    only: list[str] | None = None,
) -> Loaded:
    """Issue and sign (document_files.issue_signed), then draw the pages."""
    notice, done = document_files.issue_signed(
        ctx,
        inspection_id,
        kind,
        issuer_id,
        passphrase=passphrase,
        deadline=deadline,
        receipt=receipt,
        only=only,
    )
    return Loaded(notice, done.path, True, raster.rasterise(done.path, dpi), done.warnings)
