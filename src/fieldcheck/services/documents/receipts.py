# SPDX-License-Identifier: Apache-2.0
"""The site's 签收 of a document (a handwritten signature image kept as evidence) or its
拒签 before a witness."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fieldcheck.core import clock
from fieldcheck.core.errors import InvalidValueError
from fieldcheck.photos.store import BlobStore
from fieldcheck.services.context import AppContext
from fieldcheck.services.documents import notice_data as nd
from fieldcheck.signing.handwriting import check_png
from fieldcheck.storage import signing_repo


def make_receipt(
    ctx: AppContext,
    *,
    site_rep_name: str,
    handwriting_png: bytes | None = None,
    refused: bool = False,
    witness: str = "",
) -> nd.Receipt:
    """The site's 签收 (with the handwritten image stored as evidence) or 拒签 with a witness."""
    if refused and not witness.strip():
        raise InvalidValueError("witness", witness, "a refusal (拒签) needs a witness (见证人)")
    if refused and handwriting_png:
        raise InvalidValueError("signature", "png", "a refusal cannot carry a signature image")
    sha = None
    if handwriting_png is not None:
        check_png(handwriting_png)
        sha = _store_png(ctx, handwriting_png)
    return nd.Receipt(site_rep_name.strip(), sha, refused, witness.strip())


def _store_png(ctx: AppContext, png: bytes) -> str:
    """Keep the image in the evidence store (file first, then its blob row)."""
    store = BlobStore(ctx.home.photos)
    ctx.home.cache.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="receipt-", suffix=".png", dir=ctx.home.cache)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(png)
        staged = store.stage(Path(name))
        store.commit(staged)
    finally:
        os.unlink(name)
    with ctx.db.transaction() as s:
        signing_repo.ensure_blob(
            s, sha256=staged.sha256, size=staged.size, mime="image/png", at=clock.now()
        )
    return staged.sha256
