# SPDX-License-Identifier: Apache-2.0
"""A real 108 MP camera JPEG is accepted and imported in bounded memory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from photo_samples import make_exif
from PIL import Image

from fieldcheck.services.context import AppContext

CHILD = """
import json, sys
from fieldcheck.services.evidence import photos
from fieldcheck.services.context import open_context
ctx = open_context(sys.argv[1])
[r] = photos.attach_photos(ctx, sys.argv[2], [sys.argv[3]], actor_id="t")
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0]
print(json.dumps({"ok": r.ok, "error": r.error, "w": r.width, "h": r.height,
                  "display": r.display_path, "peak_kib": int(hwm.split()[1])}))
"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory via /proc")
def test_108mp_jpeg_is_imported_in_under_400_mb(
    ctx: AppContext, finding_id: str, tmp_path: Path
) -> None:
    photo = tmp_path / "IMG_108MP.jpg"
    small = Image.radial_gradient("L").convert("RGB").resize((120, 90))
    small.resize((12000, 9000), Image.Resampling.BILINEAR).save(
        photo, "JPEG", quality=90, exif=make_exif(orientation=8)
    )
    ctx.close()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ctx.home.root), finding_id, str(photo)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result = json.loads(out.stdout)
    assert result["ok"], result["error"]
    assert (result["w"], result["h"]) == (9000, 12000)
    assert Image.open(result["display"]).size == (1200, 1600)
    assert result["peak_kib"] < 400 * 1024
