# SPDX-License-Identifier: Apache-2.0
"""PAdES signatures with the issuer's own Ed25519 key (pyHanko), and reading them back.

Each person's key gets a self-issued X.509 certificate (subject: name and unit), so
standard PDF readers show who signed and notice any change. Trust does not come
from a CA: fieldcheck trusts a signature when its key is one of the person keys it
knows locally (see services/documents/pdf_verdict.verify_pdf).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

FIELD = "fieldcheck"
CERT_YEARS = 20  # documents must stay checkable for as long as they are kept


def issuer_certificate(key: Ed25519PrivateKey, *, name: str, unit: str, now: datetime) -> bytes:
    """A self-issued certificate (DER) for key, naming the person and their unit."""
    subject_attrs = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if unit:
        subject_attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, unit))
    subject = x509.Name(subject_attrs)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * CERT_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .sign(key, None)
    )
    return cert.public_bytes(serialization.Encoding.DER)


def _reserve(cert_der: bytes) -> int:
    """Bytes of hex to reserve for the CMS signature container.

    pyHanko would otherwise sign a dummy digest first just to measure the container
    (half the signing time). With an Ed25519 key and no timestamp the container is
    the certificate plus a fixed few hundred bytes of attributes and signature, so
    twice the certificate plus 4 KiB of margin, in hex, always fits.
    """
    return 2 * (len(cert_der) + 4096)


def _signer(key: Ed25519PrivateKey, cert_der: bytes) -> signers.SimpleSigner:
    cert = asn1_x509.Certificate.load(cert_der)
    private = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return signers.SimpleSigner(
        signing_cert=cert,
        signing_key=private,
        cert_registry=SimpleCertificateStore.from_certs([cert]),  # type: ignore[no-untyped-call]
    )


def sign_pdf(
    pdf: bytes,
    key: Ed25519PrivateKey,
    cert_der: bytes,
    *,
    signer_name: str,
    reason: str,
    location: str = "",
) -> bytes:
    """pdf with a PAdES B-B signature covering the whole file."""
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha512",
        reason=reason,
        location=location or None,
        name=signer_name,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    out = signers.sign_pdf(
        writer, meta, signer=_signer(key, cert_der), bytes_reserved=_reserve(cert_der)
    )
    return bytes(out.getvalue())


@dataclass(frozen=True)
class SignatureCheck:
    """What a PDF's signature says and whether the bytes are still the signed ones."""

    signed: bool
    intact: bool  # the signed bytes hash to what was signed, and the signature is valid
    whole_file: bool  # nothing was appended after signing
    public_key_raw: bytes | None
    signer_subject: str
    signed_at: datetime | None
    number: str  # the document number from the PDF's metadata (subject)
    problem: str = ""


def check_pdf(data: bytes) -> SignatureCheck:
    """Read the (single) fieldcheck signature of a PDF and check its integrity."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        number = _number(reader)
        sigs = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        return SignatureCheck(
            False, False, False, None, "", None, "", f"not a readable PDF ({exc})"
        )
    if not sigs:
        return SignatureCheck(False, False, False, None, "", None, number, "the PDF is not signed")
    sig = sigs[-1]
    cert = sig.signer_cert
    raw = _raw_ed25519(cert)
    try:
        ctx = ValidationContext(trust_roots=[cert], allow_fetching=False)
        status = validate_pdf_signature(sig, ctx)
    except Exception as exc:  # pyHanko raises many kinds on damaged signatures
        return SignatureCheck(
            True,
            False,
            False,
            raw,
            cert.subject.human_friendly,
            None,
            number,
            f"the signature cannot be checked ({exc})",
        )
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE and len(sigs) == 1
    problem = ""
    if not (status.intact and status.valid):
        problem = "the signed content was changed after signing"
    elif not whole:
        problem = "content was added to the file after it was signed"
    return SignatureCheck(
        signed=True,
        intact=status.intact and status.valid,
        whole_file=whole,
        public_key_raw=raw,
        signer_subject=cert.subject.human_friendly,
        signed_at=status.signer_reported_dt,
        number=number,
        problem=problem,
    )


def _number(reader: PdfFileReader) -> str:
    info = reader.trailer_view.get("/Info")
    if info is None:
        return ""
    value = info.get_object().get("/Subject")
    return str(value) if value is not None else ""


def _raw_ed25519(cert: asn1_x509.Certificate) -> bytes | None:
    info = cert.public_key
    if info.algorithm != "ed25519":
        return None
    return bytes(info["public_key"].native)
