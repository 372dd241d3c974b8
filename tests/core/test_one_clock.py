# SPDX-License-Identifier: Apache-2.0
"""One clock for people: the machine's TZ never changes what a time reads."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fieldcheck.core import timefmt

CHILD = Path(__file__).with_name("tz_child.py")


def test_times_read_on_the_device_zone_in_one_chinese_form() -> None:
    at = datetime(2026, 12, 1, 16, 30, tzinfo=UTC)
    assert timefmt.datetime_text(at) == "2026年12月2日 00:30"
    assert timefmt.datetime_text("2026-12-01T16:30:00") == "2026年12月2日 00:30"  # naive = UTC
    assert timefmt.date_text(at) == "2026年12月2日"
    assert timefmt.paper_time(at) == "2026年12月2日0时30分"
    try:
        timefmt.set_zone("UTC")
        assert timefmt.datetime_text(at) == "2026年12月1日 16:30"
    finally:
        timefmt.set_zone(None)
    with pytest.raises(ValueError):
        timefmt.set_zone("Mars/Olympus")
    assert timefmt.zone_name() == "Asia/Shanghai"


def _render(tmp_path: Path, tz: str) -> dict[str, object]:
    home = tmp_path / tz.replace("/", "_")
    env = {**os.environ, "TZ": tz, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(CHILD), str(home)],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.slow
def test_same_text_in_the_window_pdf_xlsx_and_caption_whatever_the_machine_tz(
    tmp_path: Path,
) -> None:
    if shutil.which("pdftotext") is None and not os.environ.get("CI"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    utc = _render(tmp_path, "UTC")
    beijing = _render(tmp_path, "Asia/Shanghai")
    assert utc == beijing
    assert utc["window"] == "2026年12月2日 00:30"
    assert utc["caption"] == "2026年12月2日 00:30"
    assert utc["xlsx"] == '2026-12-02 yyyy"年"m"月"d"日"'
    pdf = " ".join(utc["pdf"])  # type: ignore[arg-type]
    assert "2026年12月2日" in pdf and "2026年12月1日" not in pdf
