# SPDX-License-Identifier: Apache-2.0
"""Checklist library: start-up load (YAML vs cache) and search (n-gram index vs scan)."""

from __future__ import annotations

import heapq
import statistics
import tempfile
import time
from pathlib import Path

from fieldcheck import paths
from fieldcheck.checklists import cache
from fieldcheck.checklists.loader import find_files, read_files
from fieldcheck.checklists.search import Entry, SearchIndex, normalize
from harness import Result, benchmark, p50_ms

QUERIES = ["氨", "粉尘", "监护", "煤气", "有限空间", "一氧化碳", "疏散通道", "燃气", "审批", "动火"]


@benchmark("checklists_load_cached")
def load_cached() -> list[Result]:
    dirs = [paths.checklists_dir()]
    cold = p50_ms(lambda: read_files(find_files(dirs)).library(), repeat=7, warmup=1)
    with tempfile.TemporaryDirectory() as tmp:
        cache_dir = Path(tmp)
        cache.forget()
        cache.load(dirs, cache_dir)  # writes the cache file

        def from_cache() -> None:
            cache.forget()  # a fresh process: nothing in memory, the pickle on disk
            cache.load(dirs, cache_dir)

        warm = p50_ms(from_cache, repeat=30)
    files = len(find_files(dirs))
    return [
        Result(
            "checklists_load_cached",
            round(warm, 3),
            "ms",
            "cold YAML load",
            round(cold, 3),
            f"{files} bundled files; cache = fingerprint (SHA-256 of every file) + unpickle; "
            "goal < 50 ms",
        ),
    ]


def _scan(entries: list[tuple[str, str, Entry]], query: str, limit: int = 50) -> list[Entry]:
    """The baseline: normalized texts prepared once, then a plain substring scan."""
    terms = normalize(query).split()
    found = [
        (100.0 - text.find(terms[0]) / (len(text) + 1), n)
        for n, (text, _, _) in enumerate(entries)
        if all(t in text for t in terms)
    ]
    return [entries[n][2] for _, n in heapq.nlargest(limit, found)]


@benchmark("checklists_search_100x")
def search_100x() -> list[Result]:
    lib = read_files(find_files([paths.checklists_dir()])).library()
    base = lib._index.entries
    synthetic = [
        Entry(
            f"{e.set_id}-{k}",
            e.set_title,
            e.set_kind,
            e.ref,
            e.text,
            e.detail,
            e.status,
            e.major_hazard,
        )
        for k in range(100)
        for e in base
    ]
    t0 = time.perf_counter()
    index = SearchIndex(synthetic)
    build_ms = (time.perf_counter() - t0) * 1000
    prepared = [(normalize(e.text) + "\n" + normalize(e.detail), e.set_id, e) for e in synthetic]
    indexed = statistics.median(p50_ms(lambda q=q: index.search(q, 50), repeat=15) for q in QUERIES)
    scanned = statistics.median(p50_ms(lambda q=q: _scan(prepared, q), repeat=5) for q in QUERIES)
    small = statistics.median(p50_ms(lambda q=q: lib.search(q, 50), repeat=15) for q in QUERIES)
    return [
        Result(
            "checklists_search_100x",
            round(indexed, 3),
            "ms",
            "plain substring scan",
            round(scanned, 3),
            f"{len(synthetic)} entries (bundled x100), p50 over {len(QUERIES)} queries incl. "
            f"1-2 characters; index build {build_ms:.0f} ms; bundled data p50 {small:.3f} ms; "
            "goal < 10 ms",
        ),
    ]


@benchmark("checklists_zip_bomb_refused")
def zip_bomb_refused() -> list[Result]:
    """An .xlsx of ~400 KB that unpacks to 400 MB is refused; baseline: a good workbook's import."""
    import zipfile

    import openpyxl

    from fieldcheck.services.inspections import checklists as service

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bomb = work / "bomb.xlsx"
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
                fh.write(b"<worksheet><sheetData>")
                for _ in range(400):
                    fh.write(b" " * (1024 * 1024))
                fh.write(b"</sheetData></worksheet>")
        good = work / "good.xlsx"
        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "检查表"
        for row in (["编号", "bench-good"], ["名称", "基准检查表"], ["版本", "1"], []):
            ws.append(row)
        ws.append(
            [
                "分组",
                "编号",
                "检查内容",
                "检查方法",
                "隐患等级",
                "判定依据",
                "法律依据",
                "整改措施",
                "整改期限（天）",
            ]
        )
        for n in range(1, 41):
            ws.append(["现场", f"g{n}", f"检查项{n}", "现场查看", "一般", "", "", "整改", 7])
        wb.save(good)
        refused = p50_ms(lambda: service.import_xlsx(bomb, work / "b.yaml"), repeat=7)
        normal = p50_ms(lambda: service.import_xlsx(good, work / "g.yaml"), repeat=7)
    return [
        Result(
            "checklists_zip_bomb_refused",
            round(refused, 3),
            "ms",
            "import of a 40-item good workbook",
            round(normal, 3),
            f"{bomb.name}: 400 MB unpacked from ~0.4 MB; refused from the zip's own sizes; "
            "goal < 2 s (issue 16)",
        ),
    ]
