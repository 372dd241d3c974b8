# SPDX-License-Identifier: Apache-2.0
"""Turn `bench/run.py --json OUT` into the README's Markdown table.

    python bench/table.py OUT                   # print the Markdown
    python bench/table.py OUT --readme README.md  # replace the table in the README
    python bench/table.py OUT --readme README.md --block scale  # another table there

The README keeps each table between markers (START and END below for the main one,
``<!-- bench-table:NAME:start -->`` … ``:end -->`` for a block NAME), so the figures are
replaced whole and never edited by hand, and a table holds the figures of one run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

START = "<!-- bench-table:start -->"
END = "<!-- bench-table:end -->"


def load(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The machine and the results from a run.py JSON file, checked."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SystemExit(f"{path}: cannot read the benchmark results ({exc})") from None
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise SystemExit(
            f"{path}: not the output of `bench/run.py --json` (expected a list of result "
            "objects); rerun the benchmarks"
        )
    for i, row in enumerate(data):
        missing = {"name", "value", "unit"} - set(row)
        if missing:
            raise SystemExit(f"{path}: result {i} lacks {', '.join(sorted(missing))}")
    machine = next((row["machine"] for row in data if row.get("machine")), {})
    return machine, data


def figure(value: float | None) -> str:
    """Four significant figures, no exponent for everyday magnitudes."""
    if value is None:
        return ""
    if value != 0 and (abs(value) >= 1e6 or abs(value) < 1e-3):
        return f"{value:.3e}"
    return f"{value:.4g}"


def cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def machine_line(machine: dict[str, Any]) -> str:
    """One sentence naming the machine and software the figures came from."""
    if not machine:
        return "Machine: not recorded in the results file."
    memory = f", {machine['memory_gib']} GiB" if machine.get("memory_gib") else ""
    libs = ", ".join(f"{k} {v}" for k, v in (machine.get("libraries") or {}).items())
    parts = [
        f"Measured {machine.get('date', '?')}",
        f"commit {machine['commit']}" if machine.get("commit") else "",
        f"on {machine.get('cpu', '?')} ({machine.get('arch', '?')}, "
        f"{machine.get('cores', '?')} cores{memory})",
        f"{machine.get('os', '?')} ({machine.get('libc', '') or 'libc ?'})",
        f"Python {machine.get('python', '?')}",
        libs,
    ]
    return "; ".join(p for p in parts if p) + "."


def markdown(machine: dict[str, Any], results: list[dict[str, Any]]) -> str:
    """The table: one row per figure, with its baseline and the ratio to it."""
    lines = [
        machine_line(machine),
        "",
        "| benchmark | value | unit | baseline | baseline value | ratio | note |",
        "| --- | ---: | --- | --- | ---: | ---: | --- |",
    ]
    for r in results:
        ratio = r.get("ratio")
        lines.append(
            "| "
            + " | ".join(
                [
                    cell(r["name"]),
                    figure(r["value"]),
                    cell(r["unit"]),
                    cell(r.get("baseline") or ""),
                    figure(r.get("baseline_value")),
                    "" if ratio is None else f"{ratio:.3f}",
                    cell(r.get("note") or ""),
                ]
            )
            + " |"
        )
    return "\n".join(lines) + "\n"


def markers(block: str | None) -> tuple[str, str]:
    """The start and end markers of the main table (block None) or of block."""
    if block is None:
        return START, END
    return f"<!-- bench-table:{block}:start -->", f"<!-- bench-table:{block}:end -->"


def replace_in(readme: Path, table: str, block: str | None = None) -> None:
    """Put table between the markers in readme; the rest of the file is untouched."""
    first, last = markers(block)
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(first), text.find(last)
    if start < 0 or end < start:
        raise SystemExit(f"{readme}: no {first} ... {last} block to replace")
    head = text[: start + len(first)]
    readme.write_text(f"{head}\n{table}{text[end:]}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="benchmark JSON -> Markdown table")
    parser.add_argument("results", type=Path, help="the file written by bench/run.py --json")
    parser.add_argument("--readme", type=Path, help="replace the table in this Markdown file")
    parser.add_argument("--block", metavar="NAME", help="the table between NAME's markers")
    args = parser.parse_args(argv)
    table = markdown(*load(args.results))
    if args.readme:
        replace_in(args.readme, table, args.block)
        print(f"{args.readme}: benchmark table replaced ({table.count(chr(10)) - 4} rows)")
    else:
        sys.stdout.write(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
