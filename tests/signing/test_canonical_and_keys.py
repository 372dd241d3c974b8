# SPDX-License-Identifier: Apache-2.0
"""Canonical content, sealed keys and raw signatures, without a store."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from signing_world import png

from fieldcheck.signing import canonical, keys, signatures
from fieldcheck.signing.canonical import FindingFacts, Statement
from fieldcheck.signing.errors import SigningError, WrongPassphraseError
from fieldcheck.signing.handwriting import check_png

H1, H2 = "a" * 64, "b" * 64
FACTS = FindingFacts(
    finding_id="f1",
    inspection_id="i1",
    site_id="s1",
    site_name="郑州某机械厂",
    site_uscc=None,
    description="除尘器未设置泄爆装置",
    place="抛光车间",
    criteria_id="gongmao-2023",
    clause_ref="第十一条第（二）项",
    legal_basis=None,
    checklist_id=None,
    item_id=None,
    found_at=datetime(2026, 3, 1, 2, 3, 4, 5, tzinfo=UTC),
    found_by="p1",
    evidence_sha256=(H1, H2),
)


def test_same_content_gives_same_bytes_whatever_the_photo_order_or_time_zone() -> None:
    shanghai = timezone(timedelta(hours=8))
    again = FACTS._replace(evidence_sha256=(H2, H1), found_at=FACTS.found_at.astimezone(shanghai))
    assert canonical.finding_content(FACTS, level="major") == canonical.finding_content(
        again, level="major"
    )


@pytest.mark.parametrize(
    "change",
    [
        {"description": "除尘器未设置泄爆装置。"},
        {"place": "打磨车间"},
        {"clause_ref": "第十一条第（三）项"},
        {"site_name": "郑州另一机械厂"},
        {"site_id": "s2"},
        {"finding_id": "f2"},
        {"found_at": FACTS.found_at + timedelta(microseconds=1)},
        {"evidence_sha256": (H1,)},
        {"evidence_sha256": (H1, H2, "c" * 64)},
    ],
)
def test_any_change_of_covered_content_changes_the_hash(change: dict[str, object]) -> None:
    base = canonical.sha256_hex(canonical.finding_content(FACTS, level="major"))
    other = canonical.finding_content(FACTS._replace(**change), level="major")
    assert canonical.sha256_hex(other) != base


def test_level_is_covered_and_unknown_versions_are_refused() -> None:
    assert canonical.finding_content(FACTS, level="major") != canonical.finding_content(
        FACTS, level="general"
    )
    with pytest.raises(SigningError, match="content version 2"):
        canonical.finding_content(FACTS, level="major", version=2)


def test_malformed_photo_hash_is_refused() -> None:
    with pytest.raises(SigningError, match="not a lowercase SHA-256"):
        canonical.finding_content(FACTS._replace(evidence_sha256=("A" * 64,)), level="x")


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=80), st.text(max_size=40))
def test_serialisation_is_deterministic_for_any_text(description: str, place: str) -> None:
    facts = FACTS._replace(description=description, place=place)
    first = canonical.finding_content(facts, level="major")
    assert first == canonical.finding_content(facts._replace(), level="major")
    assert canonical.sha256_hex(first) == canonical.sha256_hex(bytes(first))


def test_sealed_key_opens_only_with_its_passphrase_and_its_key_id() -> None:
    key = keys.generate()
    blob = keys.seal(key, "correct horse", key_id="k1")
    assert keys.public_b64(keys.unseal(blob, "correct horse", key_id="k1")) == keys.public_b64(key)
    with pytest.raises(WrongPassphraseError, match="wrong passphrase"):
        keys.unseal(blob, "correct horsE", key_id="k1")
    with pytest.raises(WrongPassphraseError):
        keys.unseal(blob, "correct horse", key_id="k2")  # copied onto another key record
    with pytest.raises(SigningError, match="damaged"):
        keys.unseal(blob[:20], "correct horse", key_id="k1")
    with pytest.raises(SigningError, match="at least 8"):
        keys.seal(key, "short", key_id="k1")


def test_statement_signature_binds_subject_purpose_and_comment() -> None:
    key = keys.generate()
    pub = keys.public_b64(key)
    st_ = Statement("finding", "f1", "confirm", "p1", "expert", "k1", "符合", FACTS.found_at, 1, H1)
    sig = signatures.sign(key, st_.to_bytes())
    assert signatures.verify(pub, st_.to_bytes(), sig)
    for change in (
        {"subject_id": "f2"},
        {"purpose": "downgrade"},
        {"comment": "不符合"},
        {"content_sha256": H2},
        {"signed_at": FACTS.found_at + timedelta(seconds=1)},
    ):
        moved = dataclasses.replace(st_, **change)  # type: ignore[arg-type]
        assert not signatures.verify(pub, moved.to_bytes(), sig), change
    assert not signatures.verify(keys.public_b64(keys.generate()), st_.to_bytes(), sig)
    assert not signatures.verify(pub, st_.to_bytes(), "not base64!")


def test_verify_many_agrees_with_single_checks_across_threads() -> None:
    key = keys.generate()
    pub = keys.public_raw(key)
    items = []
    for i in range(5000):
        msg = f"m{i}".encode()
        raw = key.sign(msg)
        if i % 7 == 0:
            raw = bytes([raw[0] ^ 1]) + raw[1:]
        items.append((pub, msg, raw))
    results = signatures.verify_many(items, workers=2)
    assert results == [i % 7 != 0 for i in range(5000)]


def test_handwriting_must_be_a_whole_png_of_sensible_size() -> None:
    assert check_png(png()) == (320, 120)
    good = png()
    with pytest.raises(SigningError, match="empty"):
        check_png(b"")
    with pytest.raises(SigningError, match="not a PNG"):
        check_png(b"GIF89a" + good[6:])
    with pytest.raises(SigningError, match="cannot be decoded"):
        check_png(good[: len(good) // 2])
    with pytest.raises(SigningError, match="each side"):
        check_png(png(size=(5000, 20)))
