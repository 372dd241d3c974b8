# SPDX-License-Identifier: Apache-2.0
"""Pictures on documents: evidence photos scaled for print, signature images as given.

JPEG bytes reach the PDF as they are (DCTDecode): a photo already print-sized is
embedded without decoding it at all, a larger one is decoded once, scaled and
encoded once. ReportLab's own ImageReader would decode the JPEG again only to
name it by a digest of its pixels; `_Jpeg` names it by its bytes instead.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageOps
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from fieldcheck.core.errors import InvalidValueError

# Photos carry 300 dpi at the size they are printed: sharper than any portable printer,
# small in the PDF. A JPEG within PASS_SLACK of that is embedded as it is.
PRINT_DPI = 300
PASS_SLACK = 1.3
JPEG_QUALITY = 72
_ORIENTATION = 0x0112


class _Jpeg(ImageReader):  # type: ignore[misc]
    """JPEG bytes that ReportLab embeds as they are."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self._bytes = data
        self._dataA = None  # a JPEG has no alpha channel: no soft mask

    def getRGBData(self) -> bytes:
        # drawImage only hashes this to name the image object; the bytes identify it
        # as well as the pixels do, without a second decode.
        return self._bytes


class Picture(Flowable):  # type: ignore[misc]
    """An image drawn w x h points, centred in its cell."""

    def __init__(self, reader: ImageReader, width: float, height: float) -> None:
        super().__init__()
        self.reader = reader
        self.width = width
        self.height = height
        self.hAlign = "CENTER"

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height, mask="auto")


def _read(source: bytes | Path, what: str) -> bytes:
    if isinstance(source, bytes):
        return source
    try:
        return source.read_bytes()
    except OSError as exc:
        raise InvalidValueError(what, str(source)[:60], f"cannot read the image ({exc})") from exc


def _open(data: bytes, source: bytes | Path, what: str) -> PILImage.Image:
    try:
        return PILImage.open(io.BytesIO(data))
    except (OSError, ValueError) as exc:
        raise InvalidValueError(what, str(source)[:60], f"cannot read the image ({exc})") from exc


def _load(img: PILImage.Image, source: bytes | Path, what: str, *, draft: int = 0) -> None:
    try:
        if draft and img.format == "JPEG":
            # Let the JPEG decoder scale down by 2/4/8 while decoding (far faster), never
            # below `draft` pixels on the long side.
            w, h = img.size
            scale = draft / max(w, h)
            img.draft("RGB", (max(1, int(w * scale)), max(1, int(h * scale))))
        img.load()
    except (OSError, ValueError) as exc:
        raise InvalidValueError(what, str(source)[:60], f"cannot read the image ({exc})") from exc


def photo_flowable(source: bytes | Path, max_w: float, max_h: float) -> Picture:
    """A photo fitted in max_w x max_h points, as a JPEG of no more pixels than print needs."""
    data = _read(source, "photo")
    img = _open(data, source, "photo")
    turn = img.getexif().get(_ORIENTATION, 1)
    w, h = (img.height, img.width) if turn in (5, 6, 7, 8) else img.size
    scale = min(max_w / w, max_h / h)
    need = math.ceil(max(w, h) * scale / 72 * PRINT_DPI)  # long-side pixels at PRINT_DPI
    if (
        img.format == "JPEG"
        and img.mode in ("RGB", "L")
        and turn == 1
        and max(w, h) <= need * PASS_SLACK
    ):
        return Picture(_Jpeg(data), w * scale, h * scale)
    # The JPEG decoder scales by 1/2, 1/4 or 1/8 while decoding (far faster than any
    # resampling), never below `need`; only what is still too large is resampled.
    _load(img, source, "photo", draft=need)
    if turn != 1:  # exif_transpose copies even an upright image
        img = ImageOps.exif_transpose(img)
    if img.mode != "RGB":
        img = img.convert("RGB")
    if max(img.size) > need * PASS_SLACK:
        img.thumbnail((need, need), PILImage.Resampling.BICUBIC, reducing_gap=2.0)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=JPEG_QUALITY)
    return Picture(_Jpeg(buf.getvalue()), w * scale, h * scale)


def signature_flowable(source: bytes | Path, max_w: float, max_h: float) -> Picture:
    """A handwritten signature image (transparency kept), fitted in the box."""
    img = _open(_read(source, "signature image"), source, "signature image")
    _load(img, source, "signature image")
    if img.mode not in ("RGB", "RGBA", "L", "LA"):
        img = img.convert("RGBA")
    img = _ink_only(img)
    # ReportLab takes the decoded image as it is (pixels + soft mask): no PNG round trip.
    return _fitted(ImageReader(img), img.width, img.height, max_w, max_h)


def _ink_only(img: PILImage.Image) -> PILImage.Image:
    """The strokes with a small margin: a pad's empty space would shrink them on paper."""
    if img.mode in ("RGBA", "LA"):
        ink = img.getchannel("A").point(lambda a: 255 if a > 24 else 0)
    else:
        ink = img.convert("L").point(lambda v: 255 if v < 200 else 0)
    box = ink.getbbox()
    if box is None:
        return img
    pad = max(4, (box[3] - box[1]) // 10)
    left, top = max(0, box[0] - pad), max(0, box[1] - pad)
    right, bottom = min(img.width, box[2] + pad), min(img.height, box[3] + pad)
    return img.crop((left, top, right, bottom))


def _fitted(reader: ImageReader, w: int, h: int, max_w: float, max_h: float) -> Picture:
    scale = min(max_w / w, max_h / h)
    return Picture(reader, w * scale, h * scale)
