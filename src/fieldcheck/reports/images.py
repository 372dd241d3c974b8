# SPDX-License-Identifier: Apache-2.0
"""Pictures on documents: evidence photos scaled for print, signature images as given."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageOps
from reportlab.platypus import Image

from fieldcheck.core.errors import InvalidValueError

# ~300 dpi across an 80 mm column: sharper than any portable printer, small in the PDF.
PHOTO_MAX_PX = 960
JPEG_QUALITY = 72


def _open(source: bytes | Path, what: str, *, draft: int = 0) -> PILImage.Image:
    try:
        img = PILImage.open(io.BytesIO(source) if isinstance(source, bytes) else source)
        if draft and img.format == "JPEG":
            # Let the JPEG decoder scale down by 2/4/8 while decoding (far faster), never
            # below `draft` pixels on the long side.
            w, h = img.size
            scale = draft / max(w, h)
            img.draft("RGB", (max(1, int(w * scale)), max(1, int(h * scale))))
        img.load()
    except (OSError, ValueError) as exc:
        raise InvalidValueError(what, str(source)[:60], f"cannot read the image ({exc})") from exc
    return img


def photo_flowable(source: bytes | Path, max_w: float, max_h: float) -> Image:
    """A photo re-encoded as a JPEG no larger than print needs, fitted in max_w x max_h."""
    img = ImageOps.exif_transpose(_open(source, "photo", draft=PHOTO_MAX_PX))
    img = img.convert("RGB")
    if max(img.size) > PHOTO_MAX_PX * 1.3:  # the decoder's draft scaling is often enough
        img.thumbnail((PHOTO_MAX_PX, PHOTO_MAX_PX), PILImage.Resampling.BICUBIC, reducing_gap=2.0)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=JPEG_QUALITY)
    buf.seek(0)
    return _fitted(buf, img.width, img.height, max_w, max_h)


def signature_flowable(source: bytes | Path, max_w: float, max_h: float) -> Image:
    """A handwritten signature image (PNG with transparency kept), fitted in the box."""
    img = _open(source, "signature image")
    if img.mode not in ("RGB", "RGBA", "L", "LA"):
        img = img.convert("RGBA")
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    buf.seek(0)
    return _fitted(buf, img.width, img.height, max_w, max_h)


def _fitted(buf: io.BytesIO, w: int, h: int, max_w: float, max_h: float) -> Image:
    scale = min(max_w / w, max_h / h)
    flow = Image(buf, width=w * scale, height=h * scale)
    flow.hAlign = "CENTER"
    return flow
