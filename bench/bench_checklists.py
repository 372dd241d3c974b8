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
