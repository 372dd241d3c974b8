# SPDX-License-Identifier: Apache-2.0
"""Mark-up on a photo (a circle or an arrow), drawn on a derived copy, never the original.

Shapes are kept in fractions of the image (0..1), so they land on the same spot of the
display image whatever its size. The marked-up JPEG sits beside its sidecar JSON, which
names the original's SHA-256: a document that prints the mark-up can prove which
untouched original it was drawn over.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from PIL import Image, ImageDraw, ImageOps

RED = (220, 30, 30)


@dataclass(frozen=True)
class Shape:
    """A circle (the ellipse in the box x0,y0–x1,y1) or an arrow from x0,y0 to x1,y1."""

    kind: Literal["circle", "arrow"]
    x0: float
    y0: float
    x1: float
    y1: float

    def __post_init__(self) -> None:
        if self.kind not in ("circle", "arrow"):
            raise ValueError(f"unknown mark-up shape {self.kind!r}")
        for v in (self.x0, self.y0, self.x1, self.y1):
            if not 0.0 <= v <= 1.0:
                raise ValueError("mark-up coordinates are fractions of the image, 0..1")


def draw(base: Path, shapes: list[Shape]) -> bytes:
    """The base image with the shapes drawn in red, as JPEG bytes."""
    with Image.open(base) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")
    pen = ImageDraw.Draw(image)
    w, h = image.size
    width = max(3, round(min(w, h) / 120))
    for s in shapes:
        a, b = (s.x0 * w, s.y0 * h), (s.x1 * w, s.y1 * h)
        if s.kind == "circle":
            box = (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
            pen.ellipse(box, outline=RED, width=width)
        else:
            pen.line([a, b], fill=RED, width=width)
            angle = math.atan2(b[1] - a[1], b[0] - a[0])
            size = width * 5
            left = (b[0] - size * math.cos(angle - 0.45), b[1] - size * math.sin(angle - 0.45))
            right = (b[0] - size * math.cos(angle + 0.45), b[1] - size * math.sin(angle + 0.45))
            pen.polygon([b, left, right], fill=RED)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def sidecar(original_sha256: str, shapes: list[Shape]) -> bytes:
    """The JSON that says what was drawn over which original."""
    data = {"original_sha256": original_sha256, "shapes": [asdict(s) for s in shapes]}
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def read_sidecar(path: Path) -> tuple[str, list[Shape]]:
    """(original's SHA-256, shapes) from a sidecar file."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return str(data["original_sha256"]), [Shape(**s) for s in data["shapes"]]
