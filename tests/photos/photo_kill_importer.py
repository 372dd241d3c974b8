# SPDX-License-Identifier: Apache-2.0
"""Imports fresh photos into HOME's finding FINDING_ID forever; killed by test_crash.py.

Like `photo add`, it hands derivatives to a DerivativeQueue, so a kill also lands
between a photo's acknowledgement and its thumbnail or display image.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image

from fieldcheck.services.context import open_context
from fieldcheck.services.evidence import photos


def main() -> None:
    home, finding_id, scratch = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    ctx = open_context(home)
    queue = photos.DerivativeQueue()
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        out = io.BytesIO()
        Image.effect_noise((400, 300), 40 + n % 50).convert("RGB").save(out, "JPEG", quality=85)
        path = scratch / f"{os.getpid()}-{n}.jpg"
        data = out.getvalue()
        comment = f"{os.getpid()}-{n}".encode()  # new bytes every time: no dedup shortcut
        data = data[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + data[2:]
        path.write_bytes(data)
        [result] = photos.attach_photos(ctx, finding_id, [path], actor_id="killer", queue=queue)
        print("stored" if result.ok else f"refused {result.error}", result.sha256, flush=True)


if __name__ == "__main__":
    main()
