# SPDX-License-Identifier: Apache-2.0
"""bench/table.py: run.py's JSON becomes the README's table, replaced whole."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_table() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_table", ROOT / "bench" / "table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


table = load_table()

MACHINE = {
    "date": "2026-11-25 12:03 UTC",
    "cpu": "AMD EPYC",
    "arch": "x86_64",
    "cores": 2,
    "memory_gib": 23.5,
    "os": "Debian GNU/Linux 12 (bookworm)",
    "libc": "glibc 2.36",
    "python": "3.11.7",
    "libraries": {"PySide6-Essentials": "6.12.0"},
    "commit": "71c97b8-dirty",
}
RESULTS = [
    {"name": "notice_render_warm", "value": 412.3456, "unit": "ms", "baseline": "cold render",
     "baseline_value": 1843.2, "ratio": 0.2237, "note": "2 pages | photos"},
    {"name": "photo_import_108mp_peak_mb", "value": 512.0, "unit": "MB", "baseline": None,
     "baseline_value": None, "ratio": None, "note": ""},
]  # fmt: skip


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "bench.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_table_has_a_row_per_figure_and_names_the_machine(tmp_path: Path) -> None:
    text = table.markdown(*table.load(write(tmp_path, [r | {"machine": MACHINE} for r in RESULTS])))
    lines = text.splitlines()
    assert lines[0].startswith("Measured 2026-11-25 12:03 UTC; commit 71c97b8-dirty; on AMD EPYC")
    assert "2 cores, 23.5 GiB" in lines[0] and "glibc 2.36" in lines[0]
    assert "Python 3.11.7" in lines[0] and "PySide6-Essentials 6.12.0" in lines[0]
    rows = [line for line in lines if line.startswith("| notice") or line.startswith("| photo")]
    assert rows[0] == (
        "| notice_render_warm | 412.3 | ms | cold render | 1843 | 0.224 | 2 pages \\| photos |"
    )
    assert rows[1] == "| photo_import_108mp_peak_mb | 512 | MB |  |  |  |  |"


def test_readme_block_is_replaced_and_the_rest_kept(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        f"# x\n\n## Benchmarks\n{table.START}\nold figures\n{table.END}\n\n## After\nkept\n",
        encoding="utf-8",
    )
    results = write(tmp_path, [r | {"machine": MACHINE} for r in RESULTS])
    assert table.main([str(results), "--readme", str(readme)]) == 0
    once = readme.read_text(encoding="utf-8")
    assert "old figures" not in once and "| notice_render_warm | 412.3 |" in once
    assert once.startswith("# x\n\n## Benchmarks\n") and once.endswith("\n## After\nkept\n")
    table.main([str(results), "--readme", str(readme)])
    assert readme.read_text(encoding="utf-8") == once  # idempotent


def test_other_json_and_missing_markers_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=re.escape("not the output of `bench/run.py --json`")):
        table.load(write(tmp_path, {"results": RESULTS}))
    with pytest.raises(SystemExit, match="result 0 lacks unit, value"):
        table.load(write(tmp_path, [{"name": "x"}]))
    readme = tmp_path / "README.md"
    readme.write_text("# no markers\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="no <!-- bench-table:start -->"):
        table.replace_in(readme, "| table |\n")


def test_a_named_block_is_replaced_and_the_main_table_kept(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    start, end = table.markers("scale")
    readme.write_text(
        f"{table.START}\nmain figures\n{table.END}\n\n{start}\nold scale\n{end}\n", encoding="utf-8"
    )
    results = write(tmp_path, [r | {"machine": MACHINE} for r in RESULTS])
    assert table.main([str(results), "--readme", str(readme), "--block", "scale"]) == 0
    text = readme.read_text(encoding="utf-8")
    assert "main figures" in text and "old scale" not in text
    assert text.index("| notice_render_warm | 412.3 |") > text.index(start)
    with pytest.raises(SystemExit, match="no <!-- bench-table:other:start -->"):
        table.replace_in(readme, "| table |\n", "other")
