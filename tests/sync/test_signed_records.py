# SPDX-License-Identifier: Apache-2.0
"""Signed evidence survives the trip: a device that pulls it can still verify all of it."""

from __future__ import annotations

import random
from typing import Any

from syncfix import LiveServer, make_field_data

from fieldcheck.core.terms import Role
from fieldcheck.demo.major import scribble_png
from fieldcheck.services.findings import findings
from fieldcheck.services.major import cosign, keys, major
from fieldcheck.services.sites import sites
from fieldcheck.services.sync import pulled
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.services.trust.verify import verify_all
from fieldcheck.storage import trust_repo
from fieldcheck.storage.sync_apply import apply_record

PASS = "sync-test passphrase 2026"


def _confirmed_and_site_signed(a: Any, e: Any) -> tuple[str, str]:
    """A major hazard recorded on grid device a, confirmed by the expert on their own
    device e, then signed by hand at the site on a; (finding id, handwriting sha)."""
    field = make_field_data(a, "330106001", findings_n=1, photos_per_finding=1)
    expert = sites.add_person(
        e, {"name": "陈志强", "role": Role.EXPERT, "jurisdiction": "330106001"}, actor_id="t"
    )
    keys.enroll_key(a, field.person_id, PASS)
    keys.enroll_key(e, expert.id, PASS)
    assert sync_service.sync(e).ok and sync_service.sync(a).ok  # keys attested, expert known
    assert sync_service.sync(e).ok  # the hazard reaches the expert
    fid = field.finding_ids[0]  # recorded as a suspected major hazard
    review = major.review(e, fid)
    major.confirm(
        e, fid, expert_id=expert.id, reviewed_sha256=review.content_sha256, passphrase=PASS
    )
    assert sync_service.sync(e).ok and sync_service.sync(a).ok
    ack = cosign.site_sign(
        a,
        fid,
        inspector_id=field.person_id,
        site_rep_name="赵强",
        handwriting_png=scribble_png(random.Random(3)),
        passphrase=PASS,
    )
    assert ack.handwriting_sha256 is not None
    return fid, ack.handwriting_sha256


def test_county_expert_and_key_reach_the_grid_devices_below(
    server: LiveServer, device_factory: Any
) -> None:
    expert_device = device_factory("e", role="expert", jurisdiction="330106")
    grid = device_factory("grid", jurisdiction="330106001")
    elsewhere = device_factory("elsewhere", jurisdiction="330107001")
    expert = sites.add_person(
        expert_device,
        {"name": "孙立平", "role": Role.EXPERT, "jurisdiction": "330106"},
        actor_id="t",
    )
    key = keys.enroll_key(expert_device, expert.id, PASS)
    assert sync_service.sync(expert_device).accepted == 2
    assert sync_service.sync(grid).applied == 3  # the person, the key, its attestation
    assert sites.get_person(grid, expert.id).name == "孙立平"
    assert keys.current_key(grid, expert.id) == key  # the public half only
    with grid.db.read() as s:
        [att] = trust_repo.attestations(s).values()
    assert (att["key_id"], att["person_id"], att["role"]) == (key.id, expert.id, "expert")
    assert sync_service.sync(elsewhere).applied == 0  # another county's expert stays there


def test_pulled_notice_freezes_the_findings_it_lists(device_factory: Any) -> None:
    b = device_factory("b")
    field = make_field_data(b, "330106001", findings_n=2, photos_per_finding=0)
    notice = {"id": "01a21200-0000-7000-8000-000000000001", "kind": "rectification"}
    notice |= {"number": "检通〔2026〕X-0001号", "inspection_id": field.inspection_id}
    notice |= {"site_id": field.site_id, "issued_by": field.person_id}
    notice |= {"issued_at": "2026-03-01T02:00:00Z", "finding_ids": field.finding_ids[:1]}
    with b.db.transaction() as s:
        apply_record(s, pulled.decode("notice", notice), findings.clock.now())
    assert findings.is_frozen(b, field.finding_ids[0])
    assert not findings.is_frozen(b, field.finding_ids[1])


def test_a_forged_expert_key_received_before_the_fix_fails_verify(
    server: LiveServer, device_factory: Any
) -> None:
    """What an old server let through: a key "for the expert" made on a grid device, and a
    confirm signature with it. A device that applied them flags both."""
    from fieldcheck.signing import keys as keymod
    from fieldcheck.signing import signatures
    from fieldcheck.signing.canonical import Statement

    b = device_factory("b")
    e = device_factory("e", role="expert")
    expert = sites.add_person(
        e, {"name": "陈志强", "role": Role.EXPERT, "jurisdiction": "330106001"}, actor_id="t"
    )
    keys.enroll_key(e, expert.id, PASS)
    assert sync_service.sync(e).ok and sync_service.sync(b).ok
    assert verify_all(b).ok  # the genuine, attested key
    field = make_field_data(b, "330106001", findings_n=1, photos_per_finding=0)
    fid = field.finding_ids[0]
    forger = keymod.generate()
    now = findings.clock.now()
    forged_key = {"id": "01a21200-0000-7000-8000-00000000feed", "person_id": expert.id}
    forged_key |= {"public_key_b64": keymod.public_b64(forger), "created_at": now.isoformat()}
    statement = Statement(
        "finding", fid, "confirm", expert.id, "expert", forged_key["id"], "", now, 1, "ab" * 32
    )
    sig = {"id": "01a21200-0000-7000-8000-00000000f00d", "subject_kind": "finding"}
    sig |= {"subject_id": fid, "signer_id": expert.id, "key_id": forged_key["id"]}
    sig |= {"role": "expert", "purpose": "confirm", "comment": "", "content_version": 1}
    sig |= {"content_sha256": "ab" * 32, "signed_at": now.isoformat()}
    sig["signature_b64"] = signatures.sign(forger, statement.to_bytes())
    with b.db.transaction() as s:
        apply_record(s, pulled.decode("person_key", forged_key), now)
        apply_record(s, pulled.decode("signature", sig), now)
    report = verify_all(b)
    assert not report.ok
    assert any("without the server's attestation" in f.reason for f in report.failures)
