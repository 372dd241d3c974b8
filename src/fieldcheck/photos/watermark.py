# SPDX-License-Identifier: Apache-2.0
"""The 水印相机-style information band for photos printed in documents.

The band is added below the picture rather than over it, so no part of what the
camera saw is hidden; the original file is never touched. Text is drawn with the
bundled WenQuanYi Micro Hei so Chinese site names render on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from fieldcheck.core import timefmt
from fieldcheck.photos.metadata import Gps, offset_tz

BAND_BG = (20, 45, 80)  # deep blue, like the common 工作水印 templates
ACCENT = (250, 190, 30)
TEXT = (255, 255, 255)


@dataclass(frozen=True)
class BandInfo:
    """The facts a watermark shows."""

    site_name: str
    taken_at: datetime | None  # camera wall clock
    taken_offset: str | None
    imported_at: datetime | None  # shown when the camera recorded no time
    gps: Gps | None
    inspectors: list[str]
    sha256: str


def format_gps(gps: Gps | None) -> str:
    """ "北纬 34.747120° 东经 113.625310°" style text, or a plain statement of absence."""
    if gps is None:
        return "照片未记录位置"
    ns = "北纬" if gps.lat >= 0 else "南纬"
    ew = "东经" if gps.lon >= 0 else "西经"
    return f"{ns} {abs(gps.lat):.6f}° {ew} {abs(gps.lon):.6f}°"


def format_time(info: BandInfo) -> str:
    """The time taken as the camera showed it, or the import time when it has none."""
    if info.taken_at is not None:
        if info.taken_offset:  # an instant: shown on the device's clock like every time
            return timefmt.datetime_text(info.taken_at.replace(tzinfo=offset_tz(info.taken_offset)))
        # No offset recorded: the camera's own wall clock, as it showed it.
        t = info.taken_at
        return f"{t.year}年{t.month}月{t.day}日 {t.hour:02d}:{t.minute:02d}（相机时间）"
    if info.imported_at is not None:
        return f"照片未记录（导入于 {timefmt.datetime_text(info.imported_at)}）"
    return "照片未记录"


def band_lines(info: BandInfo) -> list[tuple[str, str]]:
    """(label, value) pairs in the order they are printed."""
    return [
        ("单位", info.site_name or "—"),
        ("拍摄时间", format_time(info)),
        ("拍摄位置", format_gps(info.gps)),
        ("检查人", "、".join(info.inspectors) or "—"),
        ("原图", f"SHA-256 {info.sha256[:16]}…"),
    ]


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Break text (CJK has no spaces) into lines that fit width."""
    lines: list[str] = []
    current = ""
    for char in text:
        if current and font.getlength(current + char) > width:
            lines.append(current)
            current = char
        else:
            current += char
    return [*lines, current] if current else lines or [""]


def add_band(image: Image.Image, info: BandInfo, font_path: Path) -> Image.Image:
    """image with the information band appended below it."""
    width = image.width
    size = max(14, round(width / 48))
    font = ImageFont.truetype(str(font_path), size, index=0)
    pad = size // 2
    label_w = max(font.getlength(label + "：") for label, _ in band_lines(info))
    value_w = width - 3 * pad - label_w - pad
    rows: list[tuple[str, str]] = []
    for label, value in band_lines(info):
        for i, part in enumerate(_wrap(value, font, value_w)):
            rows.append((label + "：" if i == 0 else "", part))
    line_h = round(size * 1.45)
    band_h = 2 * pad + line_h * len(rows)
    out = Image.new("RGB", (width, image.height + band_h), BAND_BG)
    out.paste(image.convert("RGB"), (0, 0))
    draw = ImageDraw.Draw(out)
    top = image.height
    draw.rectangle((0, top, max(4, size // 4), top + band_h), fill=ACCENT)
    y = top + pad
    for label, value in rows:
        draw.text((2 * pad, y), label, font=font, fill=ACCENT)
        draw.text((2 * pad + label_w, y), value, font=font, fill=TEXT)
        y += line_h
    return out


def write_watermarked(display: Path, info: BandInfo, font_path: Path, out: Path) -> Path:
    """Save display with its band as a JPEG at out (atomically); return out."""
    with Image.open(display) as image:
        banded = add_band(image, info, font_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.with_name(f".tmp-{out.name}")
    banded.save(temp, "JPEG", quality=90)
    temp.replace(out)
    return out
