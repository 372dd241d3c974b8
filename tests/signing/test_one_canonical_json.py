# SPDX-License-Identifier: Apache-2.0
"""One canonical JSON (core.canonical) for everything signed or hashed, byte for byte
what protocol 1 recorded: the signatures and content hashes in tests/data/wire_v1."""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from fieldcheck.checklists import snapshot
from fieldcheck.core.canonical import canonical_bytes, canonical_json
from fieldcheck.signing import canonical, signatures
from fieldcheck.storage import audit
from fieldcheck.sync import protocol

DATA = Path(__file__).resolve().parents[1] / "data" / "wire_v1"


def _records() -> list[dict[str, Any]]:
    push = json.loads(gzip.decompress((DATA / "push.json.gz").read_bytes()))
    pull = json.loads(gzip.decompress((DATA / "pull.json.gz").read_bytes()))
    return [c for b in push for c in b["request"]["changes"]] + [
        r for page in pull for r in page["response"]["records"]
    ]


def test_every_layer_serialises_through_the_one_function() -> None:
    assert canonical.canonical_bytes is canonical_bytes
    assert protocol.canonical_json is canonical_json
    assert snapshot.core_canonical_json is canonical_json


def test_the_text_is_what_it_always_was() -> None:
    """Sorted, compact, UTF-8; the audit chain's str() for a time, as recorded before."""
    value = {"描述": "疏散通道堆放杂物", "b": [1, 2.5, None, True], "a": {"z": "Z", "y": 'é\n"q"'}}
    expected = r'{"a":{"y":"é\n\"q\"","z":"Z"},"b":[1,2.5,null,true],"描述":"疏散通道堆放杂物"}'
    assert canonical_json(value) == expected
    assert canonical_bytes(value) == expected.encode("utf-8")
    # Expected values computed with the four functions this one replaced.
    assert protocol.content_sha256(value) == (
        "3161af16516f1a694bd29715665c17fa439af0fa05438e1ae98c603e48d52c07"
    )
    at = datetime(2026, 12, 2, 8, 30, tzinfo=UTC)
    text = audit.canonical_json({**value, "at": at})
    assert text == expected[:-1].replace('"b"', '"at":"2026-12-02 08:30:00+00:00","b"') + "}"
    chain = audit.entry_hash(
        seq=7, at=at, actor_id="p1", action="finding.record", entity="finding",
        entity_id="f1", payload_json=text, prev_hash="0" * 64,
    )  # fmt: skip
    assert chain == "9c9f12db8b864b7e154dc4b8e48f0025ed7c15ddcc6c9d027268b598588bd693"


def test_nan_is_refused_rather_than_written_as_what_json_has_not() -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        canonical_json({"lat": float("nan")})


def test_every_recorded_content_hash_is_reproduced() -> None:
    records = _records()
    assert len(records) > 1000
    for r in records:
        assert hashlib.sha256(canonical_bytes(r["content"])).hexdigest() == r["sha256"]


def test_every_recorded_signature_verifies_over_the_statement_rebuilt_today() -> None:
    sigs = {r["entity_id"]: r["content"] for r in _records() if r["entity"] == "signature"}
    assert len(sigs) >= 20
    for c in sigs.values():
        statement = canonical.Statement(
            subject_kind=c["subject_kind"],
            subject_id=c["subject_id"],
            purpose=c["purpose"],
            signer_id=c["signer_id"],
            role=c["role"],
            key_id=c["key_id"],
            comment=c["comment"],
            signed_at=datetime.fromisoformat(c["signed_at"]),
            content_version=c["content_version"],
            content_sha256=c["content_sha256"],
        )
        assert signatures.verify(c["public_key_b64"], statement.to_bytes(), c["signature_b64"])
