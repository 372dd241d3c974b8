# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures: a fresh data directory per test, and a pristine demo copied per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldcheck.core import clock
from fieldcheck.core.terms import Role
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.sites import sites

IN_CI = os.environ.get("CI") == "true"


def need(condition: bool, reason: str) -> None:
    """Skip when a system part is missing on a laptop; fail in CI, where it must be there."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _real_clock() -> Iterator[None]:
    yield
    clock.set_clock(None)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    c = open_context(tmp_path / "home")
    yield c
    c.close()


@pytest.fixture
def inspector(ctx: AppContext) -> str:
    person = sites.add_person(
        ctx,
        {"name": "李建国", "role": Role.GRID, "certificate_no": "豫网格2026-0107"},
        actor_id="test",
    )
    return person.id


@pytest.fixture(scope="session")
def _pristine_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fieldcheck.demo.seed import seed_demo

    root = tmp_path_factory.mktemp("pristine") / "home"
    c = open_context(root)
    seed_demo(c)
    c.close()
    return root


@pytest.fixture
def demo_home(_pristine_demo: Path, tmp_path: Path) -> Path:
    """A copy of the demo data directory, made once per session."""
    target = tmp_path / "demo"
    shutil.copytree(_pristine_demo, target)
    return target


@pytest.fixture
def demo_ctx(demo_home: Path) -> Iterator[AppContext]:
    c = open_context(demo_home)
    yield c
    c.close()
