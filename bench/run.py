# SPDX-License-Identifier: Apache-2.0
"""Run the benchmarks: `python bench/run.py [--json OUT] [--only NAME ...]`.

Writes a JSON list of {name, value, unit, baseline, baseline_value, ratio, note,
machine} and prints a table; bench/table.py turns the JSON into the README's
Markdown table.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import REGISTRY, Result  # noqa: E402
from machine import machine_info  # noqa: E402


def load_all() -> None:
    for path in sorted(HERE.glob("bench_*.py")):
        importlib.import_module(path.stem)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="fieldcheck benchmarks")
    parser.add_argument("--json", metavar="OUT", help="write the results as JSON here")
    parser.add_argument("--only", action="append", metavar="NAME", help="run only NAME")
    args = parser.parse_args(argv)
    load_all()
    wanted = args.only or list(REGISTRY)
    unknown = [n for n in wanted if n not in REGISTRY]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(REGISTRY)}")
        return 2
    results: list[Result] = []
    done: set[int] = set()
    for name in wanted:
        fn = REGISTRY[name]
        if id(fn) in done:
            continue
        done.add(id(fn))
        print(f"running {fn.__module__}.{fn.__name__} ...", file=sys.stderr, flush=True)
        results.extend(r for r in fn() if args.only is None or r.name in wanted)
    machine = f"{platform.machine()} {platform.processor() or ''}".strip()
    print(f"machine: {machine}, {os.cpu_count()} cores, python {platform.python_version()}")
    print(f"{'name':32} {'value':>12} {'unit':8} {'baseline':24} {'ratio':>8}")
    for r in results:
        ratio = "" if r.ratio is None else f"{r.ratio:.3f}"
        base = "" if r.baseline is None else f"{r.baseline} ({r.baseline_value:.4g})"
        print(f"{r.name:32} {r.value:12.4g} {r.unit:8} {base:24} {ratio:>8}")
    if args.json:
        machine = machine_info()
        Path(args.json).write_text(
            # The contract (issue 2): a list of {name, value, unit, baseline,
            # baseline_value, ratio}; each also names the machine it was measured on.
            json.dumps(
                [r.as_json() | {"machine": machine} for r in results],
                ensure_ascii=False,
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
