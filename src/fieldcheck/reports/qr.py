# SPDX-License-Identifier: Apache-2.0
"""The text each page's QR code carries, so a paper copy can be checked.

    FC1;n=<number>;i=<issuer>;d=<content sha256, 32 hex>;p=<page>/<total>;s=<seal>

With a server address the code is a URL, ``<server>/v/FC1;…``: a phone's camera opens
the server's public check page, and a device still reads the same fields offline.

The seal is the issuer's Ed25519 signature (base64url, no padding) over
``FC1|<number>|<issuer>|<full digest>``; with the issuer's public key anyone can
check a printed page offline, and with the record they can compare the digest.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from fieldcheck.core.errors import InvalidValueError

PREFIX = "FC1"
VERIFY_PATH = "/v/"  # the server's public check page
DIGEST_CHARS = 32  # 128 bits on paper; the seal covers the full 256


def seal_message(number: str, issuer: str, digest: str) -> bytes:
    """The bytes the QR seal signs."""
    return f"{PREFIX}|{number}|{issuer}|{digest}".encode()


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _clean(value: str) -> str:
    # ';' and '=' separate fields; neither appears in numbers or names we issue.
    return value.replace(";", "；").replace("=", "＝")


def qr_text(
    *,
    number: str,
    issuer: str,
    digest: str,
    page: int,
    total: int,
    seal: str | None,
    server: str = "",
) -> str:
    """The QR payload of one page; a URL on the server's check page when server is given."""
    fields = [
        PREFIX,
        f"n={_clean(number)}",
        f"i={_clean(issuer)}",
        f"d={digest[:DIGEST_CHARS]}",
        f"p={page}/{total}",
    ]
    if seal:
        fields.append(f"s={seal}")
    text = ";".join(fields)
    return f"{server.rstrip('/')}{VERIFY_PATH}{text}" if server else text


@dataclass(frozen=True)
class QrContent:
    """A parsed QR payload."""

    number: str
    issuer: str
    digest_prefix: str
    page: int
    total: int
    seal: bytes | None


def parse_qr_text(text: str) -> QrContent:
    """Read a QR payload back (bare, or as a check-page URL); a text not ours says so."""
    text = text.strip()
    if text.lower().startswith(("http://", "https://")) and VERIFY_PATH in text:
        from urllib.parse import unquote

        text = unquote(text.split(VERIFY_PATH, 1)[1])
    parts = text.split(";")
    if not parts or parts[0] != PREFIX:
        raise InvalidValueError("qr", text[:40], f"not a fieldcheck document code (no {PREFIX})")
    values = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
    try:
        page, total = (int(x) for x in values["p"].split("/"))
        seal = unb64url(values["s"]) if "s" in values else None
        return QrContent(values["n"], values["i"], values["d"], page, total, seal)
    except (KeyError, ValueError) as exc:
        raise InvalidValueError("qr", text[:40], f"damaged fieldcheck code ({exc})") from None
