# SPDX-License-Identifier: Apache-2.0
"""Draw the app icon: resources/icons/fieldcheck.png (256 px) and fieldcheck.ico.

Run once with `python packaging/make_icon.py`; the outputs are committed. It only
writes files that are absent, so an icon the UI designer drew is never replaced.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
TEAL = (14, 99, 112, 255)  # the safety-board green-blue of county signage
AMBER = (242, 169, 0, 255)  # hazard tape


def draw(size: int = 1024) -> Image.Image:
    """A clipboard with a check mark and a strip of hazard tape, drawn at size px."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    s = size / 64  # design grid: 64 units
    d.rounded_rectangle([4 * s, 4 * s, 60 * s, 60 * s], radius=12 * s, fill=TEAL)
    d.rounded_rectangle([14 * s, 12 * s, 50 * s, 54 * s], radius=4 * s, fill="white")
    d.rounded_rectangle([24 * s, 8 * s, 40 * s, 16 * s], radius=3 * s, fill=AMBER)
    check = [(21 * s, 33 * s), (29 * s, 41 * s), (44 * s, 24 * s)]
    d.line(check, fill=TEAL, width=round(6 * s), joint="curve")
    for x, y in (check[0], check[-1]):  # round caps
        r = 3 * s
        d.ellipse([x - r, y - r, x + r, y + r], fill=TEAL)
    for i in range(4):  # hazard tape along the foot of the board
        x0 = (16 + 9 * i) * s
        d.polygon(
            [(x0, 50 * s), (x0 + 5 * s, 46 * s), (x0 + 9 * s, 46 * s), (x0 + 4 * s, 50 * s)],
            fill=AMBER,
        )
    return img


def main() -> int:
    ICONS.mkdir(parents=True, exist_ok=True)
    big = draw()
    png, ico = ICONS / "fieldcheck.png", ICONS / "fieldcheck.ico"
    for path in (png, ico):
        if path.exists():
            print(f"{path} exists; left as it is")
            continue
        if path.suffix == ".png":
            big.resize((256, 256), Image.Resampling.LANCZOS).save(path, optimize=True)
        else:
            big.save(path, format="ICO", sizes=ICO_SIZES)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
