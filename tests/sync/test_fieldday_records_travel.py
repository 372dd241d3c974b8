# SPDX-License-Identifier: Apache-2.0
"""A site merge and an inspection ended 未完成 reach the server and the other device."""

from __future__ import annotations

from typing import Any

from syncfix import LiveServer, assert_converged, make_field_data

from fieldcheck.core.terms import Role
from fieldcheck.core.uscc import make_uscc
from fieldcheck.services.findings import ledger
from fieldcheck.services.inspections import drafts, inspections
from fieldcheck.services.sites import site_merge, sites
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.services.trust.verify import verify_all


def test_a_merge_and_an_unfinished_reason_travel(server: LiveServer, device_factory: Any) -> None:
    a = device_factory("a", jurisdiction="330106001")
    b = device_factory("b", jurisdiction="330106001")
    field = make_field_data(a, "330106001", findings_n=2, photos_per_finding=1)
    code = make_uscc("91330106MA27XYW12")
    sites.update_site(a, field.site_id, {"uscc": code}, actor_id=field.person_id)
    # Before either synced, the other laptop registered the same unit again, and its
    # inspection there was ended 未完成.
    who = sites.add_person(b, {"name": "李网格", "role": Role.GRID.value}, actor_id="t").id
    twin = sites.register_site(
        b,
        {
            "name": "东风五金厂（东门）",
            "address": "东风路1号",
            "jurisdiction": "330106001",
            "uscc": code,
        },
        actor_id=who,
    )
    walk = inspections.start_inspection(b, site_id=twin.id, inspector_ids=[who], actor_id=who)
    drafts.end_incomplete(b, walk.id, actor_id=who, reason="单位停电，无法检查")
    for device in (a, b, a):
        report = sync_service.sync(device)
        assert report.ok and report.rejected == [], report.rejected
    assert drafts.incomplete_reason(inspections.get_inspection(a, walk.id)) == "单位停电，无法检查"
    site_merge.merge_sites(a, field.site_id, twin.id, actor_id=field.person_id)
    assert sync_service.sync(a).ok
    assert sync_service.sync(b).ok
    # The other device learns the merge: one site in the register, with the twin's history.
    assert [x.id for x in sites.search_sites(b, code)] == [field.site_id]
    assert sites.get_site(b, twin.id).merged_into == field.site_id
    moved = {i.id for i in inspections.inspections_of_site(b, field.site_id)}
    assert moved == {field.inspection_id, walk.id}
    assert ledger.counts(b)["sites"] == ledger.counts(a)["sites"] == 1
    assert verify_all(a).ok and verify_all(b).ok
    assert_converged(server, a, b)
