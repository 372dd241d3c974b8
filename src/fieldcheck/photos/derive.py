# SPDX-License-Identifier: Apache-2.0
"""Display and thumbnail JPEGs: upright, sRGB, made without decoding big JPEGs whole.

For a JPEG, ``Image.draft`` asks libjpeg for a DCT-scaled decode (1/2, 1/4 or 1/8)
that is still at least the target size, so a 108 MP photo is decoded at ~3000 px
and never held at full size. Derivatives are regenerable from the original at any
time; they are never the evidence.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageCms

from fieldcheck.photos.formats import JPEG, Kind, PhotoRejectedError

DISPLAY_PX = 1600
THUMB_PX = 320
DISPLAY_QUALITY = 85
THUMB_QUALITY = 80
SRGB = ImageCms.createProfile("sRGB")
# EXIF orientation -> the turn that shows the picture upright (as ImageOps.exif_transpose).
TRANSPOSE: dict[int, Image.Transpose | None] = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class Derivatives:
    """Encoded derivative JPEGs and the upright size of the display image."""

    display: bytes
    thumb: bytes
    display_size: tuple[int, int]


def fit(size: tuple[int, int], longest: int) -> tuple[int, int]:
    """size scaled down (never up) so its long side is at most longest."""
    w, h = size
    scale = min(1.0, longest / max(w, h))
    return max(1, round(w * scale)), max(1, round(h * scale))


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """RGB in sRGB: ICC-converted when the photo carried a profile, alpha on white."""
    if image.mode in ("P", "PA", "LA", "La"):
        image = image.convert("RGBA")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit grey: Pillow's convert("L") clips, so scale down to 8 bits first.
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    if image.mode == "RGBA":
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    if icc and image.mode in ("RGB", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(image, source, SRGB, outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to treating the pixels as sRGB
    return image if image.mode == "RGB" else image.convert("RGB")


def encode(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def _orientation(image: Image.Image) -> int:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # corrupt EXIF: metadata already said so
            value = image.getexif().get(0x0112, 1)
    except Exception:  # PNG reads EXIF after the pixels: damage there shows at load()
        return 1
    return value if isinstance(value, int) and value in TRANSPOSE else 1


def upright_preview(image: Image.Image, kind: Kind, longest: int, name: str) -> Image.Image:
    """The whole picture, upright, sRGB, long side at most longest; decodes the pixels.

    Refuses (PhotoRejectedError) an image whose pixel data is damaged or truncated.
    """
    orientation = _orientation(image)  # libheif has already turned HEIF images upright
    icc = image.info.get("icc_profile")
    raw_w, raw_h = image.size
    if orientation in (5, 6, 7, 8):
        raw_target = fit((raw_h, raw_w), longest)[::-1]
    else:
        raw_target = fit((raw_w, raw_h), longest)
    if kind is JPEG:
        # Request the target in the file's own (unrotated) axes: draft keeps every
        # side at or above what it is given.
        image.draft("RGB" if image.mode == "YCbCr" else image.mode, raw_target)
    try:
        image.load()
    except Exception as exc:  # OSError for truncation, others for corrupt streams
        raise PhotoRejectedError(name, f"the image data is damaged or incomplete ({exc})") from exc
    if image.mode not in ("RGB", "L"):
        image, icc = _to_srgb(image, icc), None
    if image.size != raw_target:
        # Resize before turning: the turn then moves a quarter of the pixels. Bilinear
        # in Pillow is a true area filter; after DCT scaling the ratio is below 2.
        image = image.resize(raw_target, Image.Resampling.BILINEAR, reducing_gap=3.0)
    method = TRANSPOSE[orientation]
    if method is not None:
        image = image.transpose(method)
    return _to_srgb(image, icc)


def make_derivatives(image: Image.Image, kind: Kind, name: str) -> Derivatives:
    """Display (~1600 px) and thumbnail (~320 px) JPEGs from an opened image."""
    display = upright_preview(image, kind, DISPLAY_PX, name)
    thumb = display.resize(fit(display.size, THUMB_PX), Image.Resampling.BICUBIC, reducing_gap=2.0)
    return Derivatives(
        display=encode(display, DISPLAY_QUALITY),
        thumb=encode(thumb, THUMB_QUALITY),
        display_size=display.size,
    )
