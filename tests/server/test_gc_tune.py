# SPDX-License-Identifier: Apache-2.0
"""A serving process sets aside what it built at startup from the garbage collector."""

from __future__ import annotations

import gc

from fieldcheck.server import gc_tune


def test_freeze_startup_moves_the_live_objects_out_of_the_collectors_walk() -> None:
    gc.unfreeze()
    try:
        gc_tune.freeze_startup()
        assert gc.get_freeze_count() > 1000  # the modules, classes and functions imported
        before = gc.get_freeze_count()
        cycle: list[object] = []
        cycle.append(cycle)  # garbage made later is still collected
        del cycle
        assert gc.collect() >= 1
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()
