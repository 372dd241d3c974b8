# SPDX-License-Identifier: Apache-2.0
"""Two devices and a server converge: records by id and hash, photos by hash."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import select
from syncfix import LiveServer, assert_converged, make_field_data

from fieldcheck.core.loop import Action
from fieldcheck.services.findings import changes, findings, ledger
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.services.sync import sync_view
from fieldcheck.storage import audit
from fieldcheck.storage.tables import AuditRow


def test_two_devices_converge_with_photos(server: LiveServer, device_factory: Any) -> None:
    a = device_factory("a", jurisdiction="330106001")
    b = device_factory("b", jurisdiction="330106")  # the county sees the township
    field = make_field_data(a, "330106001", findings_n=3, photos_per_finding=2)
    first = sync_service.sync(a)
    assert first.ok and first.photos_sent == 6 and first.rejected == []
    assert first.accepted == first.pushed > 0
    pulled = sync_service.sync(b)
    assert pulled.ok and pulled.applied == first.pushed
    assert ledger.counts(b)["findings"] == 3 and ledger.counts(b)["photos"] == 6
    # The county assigns a finding; the township device receives the change.
    findings.transition(
        b,
        field.finding_ids[1],
        Action.ASSIGN,
        actor_id=field.person_id,
        deadline=findings.clock.today(),
    )
    assert sync_service.sync(b).accepted == 2  # the finding's new version and its event
    back = sync_service.sync(a)
    assert back.ok and back.applied == 2
    assert findings.get_finding(a, field.finding_ids[1]).status.value == "assigned"
    assert_converged(server, a, b)
    assert ledger.counts(a)["findings"] == ledger.counts(b)["findings"] == 3


def test_second_sync_sends_nothing_again(server: LiveServer, device_factory: Any) -> None:
    a = device_factory("a")
    make_field_data(a, "330106001", findings_n=2, photos_per_finding=1)
    assert sync_service.sync(a).ok
    again = sync_service.sync(a)
    assert (again.pushed, again.photos_sent) == (0, 0)
    assert again.bytes_sent < 300  # the home's check-in and the audit anchor alone
    assert again.pending_after == 0


def test_edits_on_both_devices_are_a_conflict_kept_on_both_sides(
    server: LiveServer, device_factory: Any
) -> None:
    a = device_factory("a")
    b = device_factory("b")
    field = make_field_data(a, "330106001", findings_n=1, photos_per_finding=0)
    sync_service.sync(a)
    sync_service.sync(b)
    fid = field.finding_ids[0]
    changes.edit_finding(a, fid, {"measures": "立即更换灭火器"}, actor_id=field.person_id)
    changes.edit_finding(b, fid, {"measures": "三日内整改"}, actor_id=field.person_id)
    assert sync_service.sync(a).accepted >= 1
    report_b = sync_service.sync(b)
    assert report_b.conflict == 1 and report_b.open_conflicts == 1
    [conflict] = sync_view.conflicts(b)
    assert conflict["local"]["measures"] == "三日内整改"
    assert conflict["server"]["measures"] == "立即更换灭火器"
    # The server kept B's version beside A's, and A's stays current.
    assert findings.get_finding(b, fid).measures == "三日内整改"
    sync_service.sync(a)
    assert findings.get_finding(a, fid).measures == "立即更换灭火器"
    # A person on B chooses B's text: it becomes current everywhere.
    sync_view.resolve_conflict(b, conflict["id"], keep="local", actor_id=field.person_id)
    with b.db.read() as s:
        [entry] = s.exec(select(AuditRow).where(AuditRow.action == "sync.conflict.keep_local"))
        assert (entry.actor_id, entry.entity, entry.entity_id) == (field.person_id, "finding", fid)
        assert json.loads(entry.payload_json)["measures"] == "三日内整改"
        assert audit.verify(s)[1] is None
    assert sync_service.sync(b).accepted == 1
    assert sync_service.sync(a).applied == 1
    assert findings.get_finding(a, fid).measures == "三日内整改"
    assert sync_view.conflicts(b) == []


def test_device_of_another_township_gets_nothing_and_cannot_write(
    server: LiveServer, device_factory: Any
) -> None:
    a = device_factory("a", jurisdiction="330106001")
    other = device_factory("other", jurisdiction="330106002")
    make_field_data(a, "330106001", findings_n=1, photos_per_finding=1)
    sync_service.sync(a)
    assert sync_service.sync(other).pulled == 0
    make_field_data(other, "330106001", findings_n=1, photos_per_finding=0)
    report = sync_service.sync(other)
    # Each record refused by its receipt and set aside on the device (同步冲突).
    assert {r["code"] for r in report.refused} == {"outside_jurisdiction", "depends_on_refused"}
    assert any("outside this device's 330106002" in r["reason"] for r in report.refused)
    assert report.pending_after == report.pushed == len(report.refused)  # none marked synced
