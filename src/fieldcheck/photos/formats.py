# SPDX-License-Identifier: Apache-2.0
"""Which files are photos we accept, and opening them without trusting their headers.

The decision is made on the file's bytes (magic numbers, then Pillow's parser),
never on its name. Pixel limits are deliberate: real phone photos reach 200 MP
(Samsung and Xiaomi 200 MP modes, always JPEG), which JPEG DCT scaling makes cheap
to preview; formats that must be decoded whole get a lower limit so that a
small file claiming huge dimensions (a decompression bomb) cannot exhaust memory.
"""

from __future__ import annotations

import mmap
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pillow_heif
from PIL import Image

from fieldcheck.core.errors import FieldcheckError

pillow_heif.register_heif_opener()

MAX_PIXELS_JPEG = 210_000_000  # 200 MP phone modes plus headroom
MAX_PIXELS_WHOLE = 120_000_000  # PNG/WebP/HEIF decode whole: ~480 MB as RGBA at worst
# Pillow warns above this and raises at twice it; we refuse above our own limits
# first, and treat its warning as a refusal too.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS_JPEG

ACCEPTED = "JPEG, PNG, HEIC/HEIF or WebP"
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


class PhotoRejectedError(FieldcheckError):
    """A file was not stored as a photo; the message names the file and why."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


@dataclass(frozen=True)
class Kind:
    """An accepted container: its MIME type and the Pillow plugin that reads it."""

    mime: str
    pillow_format: str
    label: str


JPEG = Kind("image/jpeg", "JPEG", "JPEG")
PNG = Kind("image/png", "PNG", "PNG")
WEBP = Kind("image/webp", "WEBP", "WebP")
HEIF = Kind("image/heic", "HEIF", "HEIC/HEIF")


def sniff(head: bytes) -> Kind | None:
    """The accepted kind the first bytes of a file announce, or None."""
    if head[:3] == b"\xff\xd8\xff":
        return JPEG
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp":
        brands = {head[8:12]} | {head[i : i + 4] for i in range(16, min(len(head), 64), 4)}
        if brands & HEIF_BRANDS:
            return HEIF
    return None


def describe_unknown(head: bytes) -> str:
    """A plain guess at what a refused file is, for the error message."""
    known = {
        b"GIF8": "a GIF image",
        b"BM": "a BMP image",
        b"II*\x00": "a TIFF image",
        b"MM\x00*": "a TIFF image",
        b"%PDF": "a PDF document",
        b"PK\x03\x04": "a ZIP archive (or an Office document)",
    }
    for magic, what in known.items():
        if head.startswith(magic):
            return f"it is {what}, not a photo"
    if head[4:8] == b"ftyp" and b"avif" in head[:32]:
        return "it is an AVIF image, which is not supported"
    if head[4:8] == b"ftyp":
        return "it is a video or another ISO media file, not a photo"
    if _looks_like_text(head):
        return "it is a text file, not an image"
    return "it is not an image file"


def _looks_like_text(head: bytes) -> bool:
    """UTF-8 (so Chinese too) with only printable characters and line breaks."""
    for cut in range(4):  # the head may end inside a multi-byte character
        try:
            text = head[: len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return bool(text) and all(c.isprintable() or c in "\t\r\n" for c in text)
    return False


def pixel_limit(kind: Kind) -> int:
    """The most pixels accepted for a kind."""
    return MAX_PIXELS_JPEG if kind is JPEG else MAX_PIXELS_WHOLE


def open_image(fh: BinaryIO, kind: Kind, name: str) -> Image.Image:
    """Open fh with the one plugin its kind allows; refuse bombs and absurd dimensions.

    Only the header is parsed here; pixel data is decoded later, when a derivative
    is made, so an image that fails to decode is refused then.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(fh, formats=[kind.pillow_format])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoRejectedError(name, f"refused as a decompression bomb ({exc})") from exc
    except Exception as exc:  # Pillow raises many types for damaged headers
        raise PhotoRejectedError(
            name, f"the file looks like {kind.label} but its header is damaged ({exc})"
        ) from exc
    width, height = image.size
    if width < 1 or height < 1:
        raise PhotoRejectedError(name, f"the image claims an empty size {width}×{height}")
    limit = pixel_limit(kind)
    if width * height > limit:
        raise PhotoRejectedError(
            name,
            f"the image claims {width}×{height} pixels ({width * height / 1e6:.0f} MP); "
            f"the largest {kind.label} accepted is {limit / 1e6:.0f} MP",
        )
    return image


def check_data_size(image: Image.Image, kind: Kind, size: int, name: str) -> None:
    """Refuse a sequential JPEG whose file is too small to hold the pixels it claims.

    libjpeg decodes a frame whose data stops early (at an EOI marker) as grey
    without an error. Huffman coding spends at least two bits on every 8×8 block
    (DC and end-of-block), so even a one-colour picture needs a byte per 256
    pixels; below half that, the data cannot be all there. Progressive files can
    legitimately be smaller (end-of-band runs), so they are not judged this way.
    """
    if kind is not JPEG or image.info.get("progressive"):
        return
    pixels = image.size[0] * image.size[1]
    if pixels > size * 512:
        raise PhotoRejectedError(
            name,
            f"the image data is damaged or incomplete: {size} bytes cannot hold the "
            f"{image.size[0]}×{image.size[1]} pixels its header claims",
        )


_NEXT_MARKER = re.compile(rb"\xff(?![\x00\xd0-\xd7\xff])")
_STANDALONE = {0x01, *range(0xD0, 0xD8)}


def check_jpeg_complete(path: Path, name: str) -> None:
    """Refuse a JPEG whose segments or scans stop before the end-of-image marker.

    Walks the marker segments by their lengths (so an EXIF thumbnail's own markers
    are skipped) and each scan's entropy-coded data to the next real marker, without
    decoding a pixel: what libjpeg would report as a premature end, found in a few
    milliseconds, so the picture itself can be decoded after the original is safe.
    """
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        end, pos = len(data), 2
        while True:
            if pos + 2 > end:
                break
            if data[pos] != 0xFF:
                raise PhotoRejectedError(
                    name, f"the image data is damaged or incomplete (no marker at byte {pos})"
                )
            marker = data[pos + 1]
            if marker == 0xFF:  # fill byte before a marker
                pos += 1
                continue
            if marker == 0xD9:
                return
            if marker in _STANDALONE:
                pos += 2
                continue
            if pos + 4 > end:
                break
            pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
            if marker == 0xDA:  # a scan: its entropy-coded data runs to the next marker
                found = _NEXT_MARKER.search(data, pos)
                if found is None:
                    break
                pos = found.start()
    raise PhotoRejectedError(
        name, "the image data is damaged or incomplete (the file ends before the picture does)"
    )


def read_head(path: Path, size: int = 64) -> bytes:
    """The first bytes of a file (fewer if it is shorter)."""
    with path.open("rb") as fh:
        return fh.read(size)
