# SPDX-License-Identifier: Apache-2.0
"""A photo's thumbnail is announced only after the photo's own answer, however early it
is written (on the queue's thread, while the answer is still being made)."""

from __future__ import annotations

import threading
from pathlib import Path

from fieldcheck.services.evidence.phone.upload import ThumbGate


def test_a_thumbnail_ready_before_the_answer_waits_for_it() -> None:
    said: list[str] = []
    gate = ThumbGate(lambda path: said.append(f"thumb {path.name}"))
    worker = threading.Thread(target=gate.thumb, args=(Path("a.jpg"),))
    worker.start()
    worker.join()
    assert said == []  # held: the phone has not been told the photo is stored
    said.append("stored")
    gate.open()
    assert said == ["stored", "thumb a.jpg"]


def test_a_thumbnail_ready_after_the_answer_is_announced_at_once() -> None:
    said: list[str] = []
    gate = ThumbGate(lambda path: said.append(f"thumb {path.name}"))
    gate.open()
    gate.thumb(Path("b.jpg"))
    assert said == ["thumb b.jpg"]
