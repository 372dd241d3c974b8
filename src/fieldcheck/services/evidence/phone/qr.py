# SPDX-License-Identifier: Apache-2.0
"""The link as a QR code: a PNG for the window, text for a terminal."""

from __future__ import annotations

import io

import qrcode


def _code(text: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    return code


def qr_png(text: str, box: int = 8) -> bytes:
    """A PNG of text's QR code, box pixels a module, with the quiet zone."""
    code = _code(text)
    code.box_size = box
    out = io.BytesIO()
    code.make_image().save(out)
    return out.getvalue()


def qr_text(text: str) -> str:
    """text's QR code drawn with block characters, for a terminal."""
    out = io.StringIO()
    _code(text).print_ascii(out=out, invert=True)
    return out.getvalue()
