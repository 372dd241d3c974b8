# SPDX-License-Identifier: Apache-2.0
"""Checks on a handwritten-signature image (PNG captured on screen) before it is kept."""

from __future__ import annotations

import io
import struct
import warnings

from PIL import Image

from fieldcheck.signing.errors import SigningError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 4 * 1024 * 1024
MAX_SIDE = 4096
MIN_SIDE = 16


def check_png(data: bytes, *, what: str = "handwritten signature") -> tuple[int, int]:
    """Width and height of a whole, decodable PNG of sensible size; SigningError otherwise."""
    if not data:
        raise SigningError(f"{what}: the image is empty")
    if len(data) > MAX_BYTES:
        raise SigningError(
            f"{what}: {len(data)} bytes; a signature image may have at most {MAX_BYTES}"
        )
    if not data.startswith(PNG_MAGIC) or data[12:16] != b"IHDR" or len(data) < 33:
        raise SigningError(f"{what}: not a PNG image")
    width, height = struct.unpack(">II", data[16:24])
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise SigningError(
            f"{what}: {width}x{height} pixels; each side must be {MIN_SIDE} to {MAX_SIDE}"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                img.load()  # decode every row: a truncated file fails here
                if img.format != "PNG":
                    raise SigningError(f"{what}: not a PNG image")
    except SigningError:
        raise
    except Exception as exc:  # Pillow raises many kinds for broken files
        raise SigningError(f"{what}: the PNG cannot be decoded ({exc})") from None
    return width, height
