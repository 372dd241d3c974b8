# SPDX-License-Identifier: Apache-2.0
"""Render the example documents in this folder (PDF + PNG of page 1): `python make_examples.py`.

The data is the fictitious sample of tests/reports/report_samples.py; each PDF is signed
with a throwaway key made here, so `fieldcheck verify` answers "unknown issuer" for them.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "tests" / "reports"))

from report_samples import document  # noqa: E402

from fieldcheck.core.models import NoticeKind  # noqa: E402
from fieldcheck.reports.pades import issuer_certificate, sign_pdf  # noqa: E402
from fieldcheck.reports.qr import b64url, seal_message  # noqa: E402
from fieldcheck.reports.render import render_pdf  # noqa: E402
from fieldcheck.reports.wording import TITLES  # noqa: E402

EXAMPLES = [  # (file name, kind, enforcement, photos, site refused to sign)
    ("1-xianchang-jiancha-jilu", NoticeKind.RECORD, False, 2, False),
    ("2-yinhuan-zhenggai-tongzhishu", NoticeKind.RECTIFICATION, False, 0, True),
    ("3-zeling-xianqi-zhenggai-zhilingshu", NoticeKind.ORDER, True, 4, False),
    ("4-zhenggai-fucha-yijianshu", NoticeKind.REVIEW, True, 0, False),
]


def main() -> None:
    key = Ed25519PrivateKey.generate()
    for name, kind, enforcement, n_photos, refused in EXAMPLES:
        data, images = document(kind, enforcement=enforcement, n_photos=n_photos, refused=refused)
        seal = b64url(key.sign(seal_message(data.number, data.issuer_name, data.digest())))
        pdf = render_pdf(data, images, seal=seal).pdf
        cert = issuer_certificate(
            key, name=data.issuer_name, unit=data.issuer_unit, now=datetime.now(UTC)
        )
        pdf = sign_pdf(
            pdf, key, cert, signer_name=data.issuer_name, reason=f"{TITLES[kind]} {data.number}"
        )
        (HERE / f"{name}.pdf").write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-png",
                "-singlefile",
                "-f",
                "1",
                "-l",
                "1",
                str(HERE / f"{name}.pdf"),
                str(HERE / name),
            ],
            check=True,
        )
        print(name, len(pdf))


if __name__ == "__main__":
    main()
