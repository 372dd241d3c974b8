# SPDX-License-Identifier: Apache-2.0
"""No table row reaches services, the window or the command line, even unnamed.

import-linter sees a table class only when it is imported by name; a repository function
that returns rows hands them over without that. So this reads every storage function that
services, ui, cli and demo call (``repo.func`` after ``from fieldcheck.storage import
repo``, or imported by name) and fails when its declared return type holds a table class.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import typing
from collections.abc import Iterator
from pathlib import Path

from sqlmodel import SQLModel

SRC = Path(__file__).resolve().parents[2] / "src" / "fieldcheck"
CALLERS = ("services", "ui", "cli", "demo")


def storage_uses() -> Iterator[tuple[str, str, str]]:
    """(calling file, storage module, name) for every storage name the callers use."""
    for package in CALLERS:
        for path in sorted((SRC / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            where = str(path.relative_to(SRC))
            modules: dict[str, str] = {}
            for node in ast.walk(tree):
                if not isinstance(node, ast.ImportFrom) or not node.module:
                    continue
                for alias in node.names:
                    if node.module == "fieldcheck.storage":
                        modules[alias.asname or alias.name] = f"fieldcheck.storage.{alias.name}"
                    elif node.module.startswith("fieldcheck.storage."):
                        yield where, node.module, alias.name
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.value, ast.Name)
                    and node.value.id in modules
                ):
                    yield where, modules[node.value.id], node.attr


def _tables_in(annotation: object) -> list[type]:
    if inspect.isclass(annotation):
        is_table = issubclass(annotation, SQLModel) and hasattr(annotation, "__table__")
        return [annotation] if is_table else []
    found: list[type] = []
    for arg in typing.get_args(annotation):
        found += _tables_in(arg)
    return found


def row_leaks() -> list[str]:
    leaks = []
    for where, module, name in sorted(set(storage_uses())):
        value = getattr(importlib.import_module(module), name, None)
        if inspect.isclass(value) and _tables_in(value):
            leaks.append(f"{where} uses the table class {module}.{name}")
        elif inspect.isfunction(value):
            returned = typing.get_type_hints(value).get("return")
            for table in _tables_in(returned):
                leaks.append(f"{where} calls {module}.{name}, which returns {table.__name__}")
    return leaks


def test_no_storage_function_the_callers_use_returns_a_table_row() -> None:
    assert row_leaks() == []


def test_the_check_sees_a_row_returned_under_another_name() -> None:
    # The query helpers return rows to the repositories (which map them); were a service
    # to call one, the check above would name it.
    uses = [("services/x.py", "fieldcheck.storage.queries", "people")]
    value = importlib.import_module(uses[0][1]).people
    returned = typing.get_type_hints(value)["return"]
    assert [t.__name__ for t in _tables_in(returned)] == ["PersonRow"]
    assert ("services/sites/sites.py", "fieldcheck.storage.site_repo", "sites_by_uscc") in set(
        storage_uses()
    )
