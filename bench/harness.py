# SPDX-License-Identifier: Apache-2.0
"""The benchmark contract: modules `bench/bench_*.py` register functions with @benchmark.

A benchmark function takes no arguments and returns one or more Result objects. A
ratio is always against a baseline measured in the same run, on the same machine,
because machines here are noisy and shared.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

REGISTRY: dict[str, Callable[[], list[Result]]] = {}


@dataclass
class Result:
    """One figure: `value unit`, and the baseline it is compared with."""

    name: str
    value: float
    unit: str
    baseline: str | None = None
    baseline_value: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline_value in (None, 0):
            return None
        return self.value / self.baseline_value  # type: ignore[operator]

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        if math.isnan(self.value):  # a skipped figure: null in JSON, never NaN
            data["value"] = None
        ratio = self.ratio
        data["ratio"] = None if ratio is None or math.isnan(ratio) else round(ratio, 4)
        return data


def benchmark(*names: str) -> Callable[[Callable[[], list[Result]]], Callable[[], list[Result]]]:
    """Register fn under the benchmark names it reports (for --only)."""

    def deco(fn: Callable[[], list[Result]]) -> Callable[[], list[Result]]:
        for name in names:
            REGISTRY[name] = fn
        return fn

    return deco


def p50_ms(fn: Callable[[], object], *, repeat: int = 30, warmup: int = 3) -> float:
    """Median wall time of fn in milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)
