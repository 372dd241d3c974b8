# SPDX-License-Identifier: Apache-2.0
"""The garbage collector during a sync: what the process held before it is left alone.

A sync allocates many short-lived objects (a few per record and photo), and now and then
the collector's oldest generation walks every object the process holds: in the desktop
the window, its models and the app's modules; on the `sync_push_loopback` bench such a
collection took 0.22 s of a 1.2 s sync. ``gc.freeze()`` at the start moves what exists
into a permanent generation the collector does not walk, and ``gc.unfreeze()`` at the end
puts it back, so it is collected as before once the sync is over; cycles made during the
sync are collected as always (docs/scale.md).

When something else froze objects first (a server's startup, server/gc_tune.py), that
freeze is left as it is: the sync neither adds to it nor undoes it. Syncs that overlap
share one freeze, undone by the last one to end."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_active = 0  # syncs inside the freeze this module made


@contextmanager
def spared() -> Iterator[None]:
    """Exempt the objects that exist now from collections until the block ends."""
    global _active
    with _lock:
        ours = _active > 0 or gc.get_freeze_count() == 0
        if ours:
            if _active == 0:
                gc.freeze()
            _active += 1
    try:
        yield
    finally:
        if ours:
            with _lock:
                _active -= 1
                if _active == 0:
                    gc.unfreeze()
