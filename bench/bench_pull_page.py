# SPDX-License-Identifier: Apache-2.0
"""Reading a pulled page record by record (sync/pull_page.py) against reading it whole."""

from __future__ import annotations

import json

from fieldcheck.core.ids import new_id
from fieldcheck.sync import pull_page
from fieldcheck.sync.protocol import PullResponse
from harness import Result, benchmark, p50_ms

SITE = {
    "name": "东风五金厂",
    "address": "东风路1号",
    "jurisdiction": "330106001",
    "risk_level": "low",
    "created_at": "2026-03-01T00:00:00Z",
    "updated_at": "2026-03-01T00:00:00Z",
}


def _page(n: int, poison: bytes = b"") -> bytes:
    records = []
    for seq in range(1, n + 1):
        ident = new_id()
        content = {**SITE, "id": ident}
        records.append({"seq": seq, "entity": "site", "entity_id": ident, "sha256": "0" * 64})
        records[-1]["content"] = content
    text = json.dumps({"protocol": 1, "records": records, "cursor": n, "more": False}).encode()
    return text.replace(b'"records": [', b'"records": [' + poison, 1)


@benchmark("pull_page_read", "pull_page_read_poisoned")
def read_page() -> list[Result]:
    good = _page(1000)
    deep = b'{"seq": 0, "entity": "site", "entity_id": "x", "sha256": "0", "content": '
    bad = _page(1000, deep + b"[" * 5000 + b"]" * 5000 + b"},")
    whole = p50_ms(lambda: PullResponse.model_validate_json(good))
    fine = p50_ms(lambda: pull_page.read(good))
    poisoned = p50_ms(lambda: pull_page.read(bad), repeat=7, warmup=1)
    note = f"1000 site records, {len(good) // 1024} KB"
    return [
        Result("pull_page_read", round(fine, 3), "ms", "PullResponse whole", round(whole, 3), note),
        Result(
            "pull_page_read_poisoned",
            round(poisoned, 3),
            "ms",
            "PullResponse whole (fine page)",
            round(whole, 3),
            note + " and one record 5000 levels deep, split without recursion",
        ),
    ]
