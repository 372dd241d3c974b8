# SPDX-License-Identifier: Apache-2.0
"""Signed evidence survives the trip: a device that pulls it can still verify all of it."""

from __future__ import annotations

import random
from typing import Any

import pytest
from syncfix import LiveServer, make_field_data

from fieldcheck.core.errors import FrozenError
from fieldcheck.core.models import Role
from fieldcheck.services import cosign, findings, keys, major, sites
from fieldcheck.services import sync as sync_service
from fieldcheck.services.major_demo import scribble_png
from fieldcheck.services.verify import verify_all
from fieldcheck.storage import signing_repo
from fieldcheck.storage.sync_apply import apply_record

PASS = "sync-test passphrase 2026"


def _confirmed_and_site_signed(a: Any) -> tuple[str, str]:
    """A confirmed major hazard the site signed by hand; (finding id, handwriting sha)."""
    field = make_field_data(a, "330106001", findings_n=1, photos_per_finding=1)
    expert = sites.add_person(
        a, {"name": "陈志强", "role": Role.EXPERT, "jurisdiction": "330106001"}, actor_id="t"
    )
    keys.enroll_key(a, field.person_id, PASS)
    keys.enroll_key(a, expert.id, PASS)
    fid = field.finding_ids[0]  # recorded as a suspected major hazard
    review = major.review(a, fid)
    major.confirm(
        a, fid, expert_id=expert.id, reviewed_sha256=review.content_sha256, passphrase=PASS
    )
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


def test_pulled_co_signed_hazard_verifies_with_its_site_signature(
    server: LiveServer, device_factory: Any
) -> None:
    a = device_factory("a")
    b = device_factory("b")
    fid, handwriting = _confirmed_and_site_signed(a)
    pushed = sync_service.sync(a)
    assert pushed.ok and pushed.photos_sent == 2  # the evidence photo and the handwriting
    assert (server.data / "blobs" / handwriting[:2] / handwriting).is_file()
    pulled = sync_service.sync(b)
    assert pulled.ok and pulled.applied == pushed.accepted
    # The acknowledgement came inside the signature that covers it, with its image.
    [item] = cosign.supervised_list(b)
    assert (item.finding.id, item.site_ack, item.confirmed_by) == (fid, "signed", "陈志强")
    with b.db.read() as s:
        [ack] = signing_repo.acks_of(s, fid)
    assert ack.handwriting_sha256 == handwriting
    report = verify_all(b)
    assert report.ok, report.failures
    assert (report.valid_signatures, report.files) == (2, 2)
    # What the signatures cover is frozen on B too, as on the device that signed it.
    assert findings.is_frozen(b, fid)
    with pytest.raises(FrozenError):
        findings.edit_finding(b, fid, {"description": "改过的描述"}, actor_id="t")
    assert sync_service.sync(b).pushed == 0  # nothing of it goes back as a change


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
    assert sync_service.sync(grid).applied == 2
    assert sites.get_person(grid, expert.id).name == "孙立平"
    assert keys.current_key(grid, expert.id) == key  # the public half only
    assert sync_service.sync(elsewhere).applied == 0  # another county's expert stays there


def test_pulled_notice_freezes_the_findings_it_lists(device_factory: Any) -> None:
    b = device_factory("b")
    field = make_field_data(b, "330106001", findings_n=2, photos_per_finding=0)
    notice = {"id": "01a21200-0000-7000-8000-000000000001", "kind": "rectification"}
    notice |= {"number": "检通〔2026〕X-0001号", "inspection_id": field.inspection_id}
    notice |= {"site_id": field.site_id, "issued_by": field.person_id}
    notice |= {"issued_at": "2026-03-01T02:00:00Z", "finding_ids": field.finding_ids[:1]}
    with b.db.transaction() as s:
        apply_record(s, "notice", notice, findings.clock.now())
    assert findings.is_frozen(b, field.finding_ids[0])
    assert not findings.is_frozen(b, field.finding_ids[1])
