# SPDX-License-Identifier: Apache-2.0
"""Documents: a signed 2-page 责令限期整改指令书 with 4 photos, warm and cold.

Baseline for warm: LibreOffice converting an equivalent .docx to PDF (what offices do
today), measured in the same run; skipped with a note where `soffice` is absent.
"""

from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image

from harness import Result, benchmark, p50_ms

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reports"))

from report_samples import document, photo_bytes  # noqa: E402

from fieldcheck.core.terms import NoticeKind  # noqa: E402
from fieldcheck.paths import resources_dir  # noqa: E402
from fieldcheck.photos.derive import make_derivatives  # noqa: E402
from fieldcheck.photos.formats import JPEG  # noqa: E402
from fieldcheck.photos.watermark import BandInfo, add_band  # noqa: E402
from fieldcheck.reports.pades import issuer_certificate, sign_pdf  # noqa: E402
from fieldcheck.reports.qr import b64url, seal_message  # noqa: E402
from fieldcheck.reports.render import render_pdf  # noqa: E402

COLD_SCRIPT = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fieldcheck.reports.model import DocumentData
from fieldcheck.reports.pades import issuer_certificate, sign_pdf
from fieldcheck.reports.render import render_pdf
work = Path(sys.argv[1])
data = DocumentData.model_validate_json((work / "data.json").read_text(encoding="utf-8"))
images = {p.stem: p for p in work.glob("*.img")}
key = Ed25519PrivateKey.generate()
pdf = render_pdf(data, images, seal="x").pdf
cert = issuer_certificate(key, name=data.issuer_name, unit="", now=datetime.now(UTC))
sys.stdout.write(str(len(sign_pdf(pdf, key, cert, signer_name=data.issuer_name, reason="r"))))
"""
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
DOC_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EMU_PER_MM = 36000


def _watermarked(seed: int) -> bytes:
    """What services/documents/documents hands the renderer: the display JPEG with its 水印 band."""
    original = Image.open(io.BytesIO(photo_bytes(seed)))
    display = Image.open(io.BytesIO(make_derivatives(original, JPEG, "bench.jpg").display))
    info = BandInfo(
        site_name=DATA.site_name,
        taken_at=datetime(2026, 3, 2, 10, 30 + seed),
        taken_offset="+08:00",
        imported_at=None,
        gps=None,
        inspectors=[o.name for o in DATA.inspectors],
        sha256=f"{seed:064x}",
    )
    banded = add_band(display, info, resources_dir() / "fonts" / "wqy-microhei.ttc")
    out = io.BytesIO()
    banded.save(out, "JPEG", quality=90)  # as photos/watermark.write_watermarked does
    return out.getvalue()


# The photos are made once; making them is not part of rendering.
DATA, IMAGES = document(NoticeKind.ORDER, enforcement=True, n_photos=4)
PHOTOS = {ph.sha256: _watermarked(i) for i, ph in enumerate(DATA.photos)}
IMAGES.update(PHOTOS)
KEY = Ed25519PrivateKey.generate()
CERT = issuer_certificate(KEY, name=DATA.issuer_name, unit=DATA.issuer_unit, now=datetime.now(UTC))


def _render_signed() -> tuple[int, bytes]:
    seal = b64url(KEY.sign(seal_message(DATA.number, DATA.issuer_name, DATA.digest())))
    out = render_pdf(DATA, IMAGES, seal=seal)
    pdf = sign_pdf(out.pdf, KEY, CERT, signer_name=DATA.issuer_name, reason="bench")
    return out.pages, pdf


def _text_lines(pdf: bytes, tmp: Path) -> list[str]:
    """The notice's text as poppler reads it from our PDF, so both documents say the same."""
    path = tmp / "ours.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return [line for line in done.stdout.splitlines() if line.strip()]


def _paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _picture(n: int, width_mm: float, height_mm: float) -> str:
    cx, cy = int(width_mm * EMU_PER_MM), int(height_mm * EMU_PER_MM)
    pic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
    return (
        '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
        f'drawingml/2006/wordprocessingDrawing"><wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:docPr id="{n}" name="photo{n}"/><a:graphic xmlns:a="http://schemas.'
        f'openxmlformats.org/drawingml/2006/main"><a:graphicData uri="{pic}">'
        f'<pic:pic xmlns:pic="{pic}"><pic:nvPicPr><pic:cNvPr id="{n}" name="photo{n}.jpeg"/>'
        f'<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="img{n}"/>'
        "<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>"
        f'<a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect">'
        "<a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
        "</wp:inline></w:drawing></w:r></w:p>"
    )


def _docx(path: Path, lines: list[str], photos: list[bytes]) -> None:
    """The same notice as a .docx (its text, then the 4 photos), standard library only."""
    body = "".join(_paragraph(t) for t in lines)
    for n, jpeg in enumerate(photos, 1):
        w, h = Image.open(io.BytesIO(jpeg)).size
        body += _picture(n, 80, 80 * h / w)
    rels = "".join(
        f'<Relationship Id="img{n}" Type="{R_NS}/image" Target="media/photo{n}.jpeg"/>'
        for n in range(1, len(photos) + 1)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{CT_NS}">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="jpeg" ContentType="image/jpeg"/>'
            f'<Override PartName="/word/document.xml" ContentType="{DOC_MAIN}"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{REL_NS}">'
            f'<Relationship Id="rId1" Type="{R_NS}/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        z.writestr(
            "word/_rels/document.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{REL_NS}">'
            f"{rels}</Relationships>",
        )
        for n, jpeg in enumerate(photos, 1):
            z.writestr(f"word/media/photo{n}.jpeg", jpeg)
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}" '
            f'xmlns:r="{R_NS}"><w:body>{body}</w:body></w:document>',
        )


def _libreoffice_ms(pdf: bytes) -> tuple[float | None, str]:
    """Median of warm `soffice --convert-to pdf` runs (the profile made by a first run)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None, "LibreOffice (soffice) not installed here: no baseline measured"
    if shutil.which("pdftotext") is None:
        return None, "pdftotext (poppler-utils) not installed: no baseline .docx text"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        src = work / "notice.docx"
        _docx(src, _text_lines(pdf, work), list(PHOTOS.values()))
        profile = f"-env:UserInstallation={(work / 'profile').as_uri()}"
        cmd = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(src)]
        samples = []
        for i in range(4):  # the first run creates the profile: not counted
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, timeout=300)
            if i:
                samples.append((time.perf_counter() - t0) * 1000)
        size = (work / "notice.pdf").stat().st_size
    return statistics.median(samples), f"LibreOffice's PDF {size // 1024} KB"


@benchmark("notice_render_warm")
def warm() -> list[Result]:
    pages, pdf = _render_signed()
    ms = p50_ms(_render_signed, repeat=15, warmup=2)
    lo, lo_note = _libreoffice_ms(pdf)
    note = (
        f"{pages} pages, 4 watermarked display photos, PAdES-signed, {len(pdf) // 1024} KB; "
        f"baseline: same text and photos as .docx, soffice --convert-to pdf, warm; {lo_note}"
    )
    return [
        Result(
            "notice_render_warm",
            round(ms, 1),
            "ms",
            "libreoffice_docx_to_pdf" if lo is not None else None,
            round(lo, 1) if lo is not None else None,
            note,
        )
    ]


@benchmark("notice_render_cold")
def cold() -> list[Result]:
    samples = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "data.json").write_text(DATA.model_dump_json(), encoding="utf-8")
        for sha, img in IMAGES.items():
            (work / f"{sha}.img").write_bytes(img if isinstance(img, bytes) else img.read_bytes())
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", COLD_SCRIPT, tmp], check=True, capture_output=True
            )
            samples.append((time.perf_counter() - t0) * 1000)
    return [
        Result(
            "notice_render_cold",
            round(statistics.median(samples), 1),
            "ms",
            None,
            None,
            "fresh interpreter: imports, font loading, render, sign",
        )
    ]
