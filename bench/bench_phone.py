# SPDX-License-Identifier: Apache-2.0
"""Phone upload: a 12 MP photo from the page's upload start to stored and thumbnail shown.

- phone_upload_12mp: PUT of a 12 MP camera JPEG to the phone receiver on loopback
  (as the page sends it), through photo add's checks, the durable store and the DB
  transaction, until the receiver reports the thumbnail written (the dialog shows
  it then); each iteration a different file. Baseline: hash and copy the same file
  with fsync (bench_photos.floor), which any durable import must do. The note
  gives the thumbnail's own decode (1/8-scale DCT decode, upright, encoded) of the
  same file in the same run: the part of the figure no store can avoid.
- phone_upload_12mp_stored: the same uploads until the phone has the answer that
  the photo is stored (电脑已保存), which comes before the thumbnail; same baseline.
"""

from __future__ import annotations

import http.client
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench_photos import _new_ctx, camera_jpeg, floor, variant
from harness import Result, benchmark

REPEAT = 12


@benchmark("phone_upload_12mp", "phone_upload_12mp_stored")
def bench_phone_upload() -> list[Result]:
    from fieldcheck.photos.ingest import thumbnail_jpeg
    from fieldcheck.services.evidence.phone.receiver import PhoneReceiver

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = camera_jpeg(work / "camera.jpg", (4000, 3000)).read_bytes()
        ctx, finding_id = _new_ctx(work / "home")
        thumbs: dict[str, threading.Event] = {}

        def on_event(event: dict[str, Any]) -> None:
            if event["type"] == "thumb":
                thumbs[str(event["file"])].set()

        receiver = PhoneReceiver(
            ctx, finding_id, actor_id="bench", host="127.0.0.1", on_event=on_event
        ).start()
        path = receiver.url.split(":", 2)[2].split("/", 1)[1]
        counter = iter(range(10_000))
        answered: list[float] = []

        def one_upload() -> None:
            n = next(counter)
            data, name = variant(base, n), f"IMG_{n:04d}.jpg"
            thumbs[name] = threading.Event()
            conn = http.client.HTTPConnection("127.0.0.1", receiver.port, timeout=60)
            headers = {"X-Offset": "0", "X-Total": str(len(data)), "X-Name": name}
            t0 = time.perf_counter()
            conn.request("PUT", f"/{path}u/k{n}", data, headers)
            answer = conn.getresponse().read()
            answered.append((time.perf_counter() - t0) * 1000)
            conn.close()
            assert b'"ok": true' in answer, answer
            assert thumbs[name].wait(30)

        steps = {
            "ours": one_upload,
            "floor": lambda: floor(work / "camera.jpg", work / "c.bin"),
            "thumbnail": lambda: thumbnail_jpeg(work / "camera.jpg"),
        }
        times: dict[str, list[float]] = {k: [] for k in steps}
        for i in range(REPEAT + 3):
            for key, fn in steps.items():
                t0 = time.perf_counter()
                fn()
                if i >= 3:
                    times[key].append((time.perf_counter() - t0) * 1000)
            receiver.queue.wait()  # untimed: the display image after the thumbnail
        receiver.stop()
        ctx.close()
        ours, floor_ms, thumb_ms = (statistics.median(times[k]) for k in steps)
        stored = statistics.median(answered[3:])
    note = (
        f"{len(base) / 1e6:.1f} MB 4000×3000 JPEG over loopback HTTP until the thumbnail "
        f"is written; p50 of {REPEAT}; goal ≤ 3× the floor; the thumbnail's decode "
        f"alone {thumb_ms:.0f} ms"
    )
    stored_note = f"{len(base) / 1e6:.1f} MB 4000×3000 JPEG until the phone is told it is stored"
    base_name = "floor (hash+copy+fsync)"
    return [
        Result("phone_upload_12mp", ours, "ms", base_name, floor_ms, note),
        Result("phone_upload_12mp_stored", stored, "ms", base_name, floor_ms, stored_note),
    ]
