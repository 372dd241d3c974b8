# SPDX-License-Identifier: Apache-2.0
"""Documents: a signed 2-page 责令限期整改指令书 with 4 photos, warm and cold.

Baseline for warm: LibreOffice converting an equivalent .docx to PDF (what offices do
today), measured in the same run; skipped with a note where `soffice` is absent.
"""

from __future__ import annotations

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

from harness import Result, benchmark, p50_ms

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reports"))

from report_samples import document  # noqa: E402

from fieldcheck.core.models import NoticeKind  # noqa: E402
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
# The sample photos are camera-sized JPEGs made once; making them is not part of rendering.
DATA, IMAGES = document(NoticeKind.ORDER, enforcement=True, n_photos=4)
KEY = Ed25519PrivateKey.generate()
CERT = issuer_certificate(KEY, name=DATA.issuer_name, unit=DATA.issuer_unit, now=datetime.now(UTC))


def _render_signed() -> tuple[int, int]:
    seal = b64url(KEY.sign(seal_message(DATA.number, DATA.issuer_name, DATA.digest())))
    out = render_pdf(DATA, IMAGES, seal=seal)
    pdf = sign_pdf(out.pdf, KEY, CERT, signer_name=DATA.issuer_name, reason="bench")
    return out.pages, len(pdf)


PKG = "http://schemas.openxmlformats.org/package/2006"
DOC_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CONTENT_TYPES = (
    f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{PKG}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{DOC_MAIN}"/></Types>'
)


def _docx(path: Path) -> None:
    """The same notice's text as a minimal .docx (no photos: this favours LibreOffice)."""
    data, _ = document(NoticeKind.ORDER, enforcement=True)
    lines = [data.number, f"{data.site_name}：", "经查，你单位存在下列问题："]
    lines += [
        f"{i}．{h.description}（{h.place}）{h.measures}" for i, h in enumerate(data.hazards, 1)
    ]
    body = "".join(f"<w:p><w:r><w:t>{escape(t)}</w:t></w:r></w:p>" for t in lines)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr(
            "_rels/.rels",
            (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
                'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                'Target="word/document.xml"/></Relationships>'
            ),
        )
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document '
            f"{ns}><w:body>{body}</w:body></w:document>",
        )


def _libreoffice_ms() -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "notice.docx"
        _docx(src)
        samples = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run(
                [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(src)],
                check=True,
                capture_output=True,
            )
            samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


@benchmark("notice_render_warm")
def warm() -> list[Result]:
    pages, size = _render_signed()
    ms = p50_ms(_render_signed, repeat=15, warmup=2)
    lo = _libreoffice_ms()
    note = f"{pages} pages, 4 photos, PAdES-signed, {size // 1024} KB"
    if lo is None:
        note += "; LibreOffice (soffice) not installed here: no baseline measured"
    else:
        note += "; baseline .docx has the text only (no photos)"
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
