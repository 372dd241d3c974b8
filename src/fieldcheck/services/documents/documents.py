# SPDX-License-Identifier: Apache-2.0
"""Rendering issued notices to signed PDFs, frozen at issue.

Telling a genuine PDF from an altered one is ``pdf_verdict.verify_pdf``.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError, ReadOnlyStorageError
from fieldcheck.core.models import Notice
from fieldcheck.photos.store import BlobStore
from fieldcheck.reports.model import DocumentData
from fieldcheck.reports.pades import issuer_certificate, sign_pdf
from fieldcheck.reports.parts import Images
from fieldcheck.reports.qr import b64url, seal_message
from fieldcheck.reports.render import render_pdf
from fieldcheck.reports.wording import TITLES
from fieldcheck.services.context import AppContext
from fieldcheck.services.documents.notices import document_data, pdf_frozen
from fieldcheck.services.evidence import viewing
from fieldcheck.services.major import keys
from fieldcheck.signing import keys as keymod
from fieldcheck.storage import issued_pdfs, signing_repo, sync_repo
from fieldcheck.storage.issued_pdfs import FrozenPdf


class SigningNeededError(FieldcheckError):
    """A notice is rendered for use, but no key was given to sign it."""


class IssuedPdfAltered(FieldcheckError):
    """The PDF frozen at issue is missing or no longer matches its recorded SHA-256."""


PDF = "application/pdf"


def kept_name(notice_id: str, voided: bool) -> str:
    """The file name under documents/ of a notice's signed PDF (a voided one apart)."""
    return f"{notice_id}.void.pdf" if voided else f"{notice_id}.pdf"


def _variant(notice: Notice) -> str:
    return "voided" if notice.voided else "issued"


def frozen_problem(ctx: AppContext, frozen: FrozenPdf) -> str | None:
    """Why the kept PDF is not the one issued, or None when its bytes are as recorded."""
    path = ctx.home.documents / frozen.file_name
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        return f"the PDF issued as {frozen.file_name} cannot be read ({exc.strerror})"
    if digest != frozen.sha256:
        return (
            f"documents/{frozen.file_name} was altered after issue: its SHA-256 is "
            f"{digest[:16]}…, recorded at issue {frozen.sha256[:16]}…"
        )
    return None


def _as_issued(
    ctx: AppContext, notice: Notice, data: DocumentData, out: Path
) -> RenderOutcome | None:
    """The frozen PDF copied to out byte for byte (None when nothing was frozen yet)."""
    with ctx.db.read() as s:
        frozen = issued_pdfs.frozen(s, notice.id, _variant(notice))
    if frozen is None:
        return None
    problem = frozen_problem(ctx, frozen)
    if problem is not None:
        raise IssuedPdfAltered(
            f"{notice.number}: {problem}. It is not rendered again, because a new rendering "
            "would not be what was issued: restore documents/ from a backup"
        )
    kept = ctx.home.documents / frozen.file_name
    if out.resolve() != kept.resolve():
        _write_atomic(out, kept.read_bytes())
    return RenderOutcome(out, data.number, frozen.pages, frozen.bytes, True)


def _issuers_key(ctx: AppContext, person_id: str, key: Ed25519PrivateKey) -> bool:
    """Only a rendering signed with the issuer's own current key is what was issued."""
    current = keys.current_key(ctx, person_id)
    return current is not None and current.public_key_b64 == keymod.public_b64(key)


def _freeze(ctx: AppContext, notice: Notice, data: DocumentData, pdf: bytes, pages: int) -> None:
    """Keep the first signed rendering of the notice in this state and record its hash."""
    name = kept_name(notice.id, notice.voided)
    kept = ctx.home.documents / name
    if kept.exists():  # kept before PDFs were frozen: set aside, never overwritten
        kept.replace(kept.with_name(f"{kept.stem}.before-freeze-{clock.now():%Y%m%dT%H%M%S}.pdf"))
    _write_atomic(kept, pdf)
    row = FrozenPdf(
        notice_id=notice.id,
        variant=_variant(notice),
        file_name=name,
        sha256=hashlib.sha256(pdf).hexdigest(),
        bytes=len(pdf),
        pages=pages,
        content_sha256=data.digest(),
        stored_at=clock.now(),
    )
    store = BlobStore(ctx.home.photos)  # the original that travels, by its SHA-256
    store.commit(store.stage(kept))
    with ctx.db.transaction() as s:
        signing_repo.ensure_blob(s, sha256=row.sha256, size=row.bytes, mime=PDF, at=row.stored_at)
        pdf_frozen(s, row, actor_id=notice.issued_by)


@dataclass(frozen=True)
class RenderOutcome:
    """Where the PDF went and what to tell the user about it."""

    path: Path
    number: str
    pages: int
    size: int
    signed: bool
    warnings: list[str] = field(default_factory=list)


def _images(ctx: AppContext, data: DocumentData) -> tuple[Images, list[str]]:
    """Watermarked display images of the appendix photos and the handwritten signatures."""
    images: dict[str, bytes | Path] = {}
    warnings = []
    for ref in data.photos:
        try:
            images[ref.sha256] = viewing.watermarked_display(ctx, ref.photo_id)
        except (FieldcheckError, OSError) as exc:
            warnings.append(f"photo {ref.photo_id} left out of the appendix: {exc}")
    store = BlobStore(ctx.home.photos)
    for s in data.signers:
        if s.image_sha256:
            path = store.original(s.image_sha256)
            if path.is_file():
                images[s.image_sha256] = path
            else:
                warnings.append(f"handwritten signature of {s.name} is missing from {path}")
    return images, warnings


def certificate_for(ctx: AppContext, key: Ed25519PrivateKey, data: DocumentData) -> bytes:
    """The issuer's self-issued certificate, made once per key and kept beside the documents."""
    fp = keymod.fingerprint(keymod.public_b64(key)).replace(" ", "")
    path = ctx.home.documents / "certs" / f"{fp}.der"
    if path.is_file():
        return path.read_bytes()
    der = issuer_certificate(key, name=data.issuer_name, unit=data.issuer_unit, now=clock.now())
    _write_atomic(path, der)
    return der


def check_server(ctx: AppContext) -> str:
    """The server whose check page the QR code opens: the logged-in account's, else none."""
    with ctx.db.read() as s:
        account = sync_repo.account(s)
    return account.server_url.rstrip("/") if account is not None else ""


def render_notice(
    ctx: AppContext,
    notice_id: str,
    out: str | Path,
    *,
    passphrase: str | None = None,
    key: Ed25519PrivateKey | None = None,
    unsigned: bool = False,
) -> RenderOutcome:
    """Render a notice to out, signed with its issuer's key (passphrase or key given).

    The first signed rendering is what was issued: it is kept under documents/ with its
    SHA-256 recorded, and every later call copies those bytes to out instead of
    rendering again (no key needed then). ``unsigned=True`` makes a preview marked
    未签名样稿 instead, for the screen only.
    """
    row, data = document_data(ctx, notice_id)
    if not unsigned:
        issued = _as_issued(ctx, row, data, Path(out))
        if issued is not None:
            return issued
    if key is None and passphrase is not None:
        key = keys.unlock_key(ctx, row.issued_by, passphrase)
    if key is None and not unsigned:
        raise SigningNeededError(
            f"{row.number}: a document is signed by its issuer; give {data.issuer_name}'s "
            "passphrase (or ask for an unsigned preview)"
        )
    seal = None
    if key is not None:
        seal = b64url(key.sign(seal_message(data.number, data.issuer_name, data.digest())))
    images, warnings = _images(ctx, data)
    rendered = render_pdf(
        data,
        images,
        seal=seal,
        voided=row.voided,
        void_reason=row.void_reason,
        server=check_server(ctx) if seal else "",
    )
    pdf = rendered.pdf
    if key is not None:
        pdf = sign_pdf(
            pdf,
            key,
            certificate_for(ctx, key, data),
            signer_name=data.issuer_name,
            reason=f"{TITLES[data.kind]} {data.number}",
            location=data.issuer_unit,
        )
    path = Path(out)
    frozen = key is not None and _issuers_key(ctx, row.issued_by, key)
    if frozen:  # the first rendering signed by the issuer is what was issued
        _freeze(ctx, row, data, pdf, rendered.pages)
    kept = ctx.home.documents / kept_name(row.id, row.voided)
    if not frozen or path.resolve() != kept.resolve():
        _write_atomic(path, pdf)
    return RenderOutcome(
        path,
        data.number,
        rendered.pages,
        len(pdf),
        key is not None,
        warnings + rendered.glyph_warnings(),
    )


def render_preview(ctx: AppContext, data: DocumentData, out: str | Path) -> RenderOutcome:
    """An unnumbered, unsigned 样稿 of content not issued yet (notices.preview_notice)."""
    images, warnings = _images(ctx, data)
    rendered = render_pdf(data, images, seal=None, draft=True)
    path = Path(out)
    _write_atomic(path, rendered.pdf)
    return RenderOutcome(
        path,
        data.number,
        rendered.pages,
        len(rendered.pdf),
        False,
        warnings + rendered.glyph_warnings(),
    )


def _write_atomic(path: Path, data: bytes) -> None:
    """Temporary file, fsync, rename: a crash leaves the old file or the new one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".fieldcheck-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise ReadOnlyStorageError(f"{path}: cannot write the PDF ({exc.strerror})") from exc
