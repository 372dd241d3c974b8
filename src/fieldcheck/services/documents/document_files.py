# SPDX-License-Identifier: Apache-2.0
"""Where a document's signed PDF lives, and the issue/sign steps that write it there.

The window (出具文书, 文书 preview, print) and the command line (`fieldcheck notice print`)
both call these, so a notice has one kept PDF: ``documents/<id>.pdf``, and once voided
``documents/<id>.void.pdf`` (signed again, with 作废 on every page, under its own name
so the copy handed out before voiding is never overwritten).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fieldcheck.core.models import Notice
from fieldcheck.core.terms import NoticeKind
from fieldcheck.services.context import AppContext
from fieldcheck.services.documents import notices, receipts
from fieldcheck.services.documents.documents import RenderOutcome, kept_name, render_notice
from fieldcheck.services.major import keys


def kept_path(ctx: AppContext, notice: Notice) -> Path:
    """Where the signed PDF of notice is kept (a voided one under its own name)."""
    return ctx.home.documents / kept_name(notice.id, notice.voided)


def sign_kept(ctx: AppContext, notice_id: str, *, passphrase: str) -> RenderOutcome:
    """Render the notice signed with its issuer's key to its kept path."""
    notice, _data = notices.document_data(ctx, notice_id)
    return render_notice(ctx, notice.id, kept_path(ctx, notice), passphrase=passphrase)


def issue_signed(
    ctx: AppContext,
    inspection_id: str,
    kind: NoticeKind,
    issuer_id: str,
    *,
    passphrase: str,
    deadline: date | None = None,
    refers_to: str | None = None,
    receipt: dict[str, Any] | None = None,
    only: list[str] | None = None,
) -> tuple[Notice, RenderOutcome]:
    """Open the key first (a wrong passphrase issues nothing), issue, sign the kept PDF."""
    key = keys.unlock_key(ctx, issuer_id, passphrase)
    signed_receipt = receipts.make_receipt(ctx, **receipt) if receipt else None
    notice = notices.issue_notice(
        ctx,
        inspection_id,
        kind,
        issuer_id,
        deadline=deadline,
        refers_to=refers_to,
        receipt=signed_receipt,
        only=only,
    )
    done = render_notice(ctx, notice.id, kept_path(ctx, notice), key=key)
    return notice, done
