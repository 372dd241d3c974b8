# SPDX-License-Identifier: Apache-2.0
"""No import circles anywhere in src/fieldcheck.

import-linter (from 2.0, our lowest) has no contract for cycles, so this asks grimp, the
import graph import-linter is built on, for the strongly connected groups of modules.
Every import counts: at the top, inside a function, under TYPE_CHECKING.
"""

from __future__ import annotations

import grimp


def import_circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Each group of modules that import one another round in a circle (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append(
                        (target, iter(sorted(graph.find_modules_directly_imported_by(target))))
                    )
                    break
                if target in on_stack:
                    low[module] = min(low[module], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[module])
                if low[module] == index[module]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == module:
                            break
                    if len(group) > 1:
                        circles.append(sorted(group))
    return circles


def _describe(graph: grimp.ImportGraph, group: list[str]) -> str:
    """One way round the circle: the group's first module, what it imports there, and back."""
    first = group[0]
    second = min(set(group) & graph.find_modules_directly_imported_by(first))
    back = graph.find_shortest_chain(importer=second, imported=first) or ()
    return " -> ".join([first, *back])


def test_no_import_circles_in_fieldcheck() -> None:
    graph = grimp.build_graph("fieldcheck", cache_dir=None)
    circles = import_circles(graph)
    assert not circles, "import circles (move the shared piece down, or pass it in):\n" + (
        "\n".join(_describe(graph, group) for group in circles)
    )


def test_the_check_finds_a_circle() -> None:
    graph = grimp.ImportGraph()
    for importer, imported in [
        ("pkg.a", "pkg.b"),
        ("pkg.b", "pkg.c"),
        ("pkg.c", "pkg.a"),  # a -> b -> c -> a
        ("pkg.c", "pkg.d"),
        ("pkg.e", "pkg.d"),
    ]:
        graph.add_import(importer=importer, imported=imported)
    assert import_circles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]
    assert _describe(graph, ["pkg.a", "pkg.b", "pkg.c"]) == "pkg.a -> pkg.b -> pkg.c -> pkg.a"
