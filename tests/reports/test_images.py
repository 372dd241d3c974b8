# SPDX-License-Identifier: Apache-2.0
"""Photos and signatures on documents: embedded as print needs, upright, byte-exact when small."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image
from report_samples import document, photo_bytes
from reportlab.lib.units import mm

from fieldcheck.core.terms import NoticeKind
from fieldcheck.reports.images import PRINT_DPI, photo_flowable
from fieldcheck.reports.pades import check_pdf, issuer_certificate, sign_pdf
from fieldcheck.reports.render import render_pdf


def _jpeg(size: tuple[int, int], orientation: int = 1) -> bytes:
    img = Image.open(io.BytesIO(photo_bytes(7, size)))
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80, exif=exif.tobytes())
    return out.getvalue()


def _embedded(pdf: bytes) -> bytes:
    start = pdf.index(b"stream", pdf.index(b"/DCTDecode")) + len(b"stream\n")
    return pdf[start : pdf.index(b"\xff\xd9", start) + 2]


def test_a_print_sized_jpeg_is_embedded_byte_for_byte() -> None:
    data, images = document(NoticeKind.ORDER, enforcement=True, n_photos=1)
    small = _jpeg((640, 480))
    images[data.photos[0].sha256] = small
    pdf = render_pdf(data, images, seal=None).pdf
    assert _embedded(pdf) == small


def test_a_camera_photo_is_scaled_to_print_resolution_of_its_box() -> None:
    flow = photo_flowable(_jpeg((4000, 3000)), 80 * mm, 60 * mm)
    img = Image.open(io.BytesIO(flow.reader.getRGBData()))
    need = 80 / 25.4 * PRINT_DPI  # the photo fills the 80 mm width
    assert flow.width == 80 * mm and round(flow.height) == round(60 * mm)
    assert need <= img.width <= need * 1.3, img.size


def test_an_exif_rotated_photo_is_turned_upright_and_not_passed_through() -> None:
    sideways = _jpeg((600, 400), orientation=6)  # stored landscape, shown portrait
    flow = photo_flowable(sideways, 80 * mm, 80 * mm)
    img = Image.open(io.BytesIO(flow.reader.getRGBData()))
    assert img.height > img.width
    assert flow.height > flow.width
    assert flow.reader.getRGBData() != sideways


def test_signing_with_a_long_issuer_name_fits_the_reserved_space() -> None:
    key = Ed25519PrivateKey.generate()
    data, images = document(NoticeKind.ORDER, enforcement=True)
    # X.509 caps each name at 64 bytes: 21 CJK characters is the longest subject there is.
    unit = "郑州市金水区应急管理局安全生产执法监察大队"
    cert = issuer_certificate(key, name="欧阳" * 10 + "建", unit=unit, now=datetime.now(UTC))
    pdf = render_pdf(data, images, seal=None).pdf
    signed = sign_pdf(pdf, key, cert, signer_name="x", reason="r")
    check = check_pdf(signed)
    assert check.intact and check.whole_file
