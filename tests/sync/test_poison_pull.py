# SPDX-License-Identifier: Apache-2.0
"""One record can never stop a pull: what a device cannot apply is set aside, the rest syncs."""

from __future__ import annotations

import re
from typing import Any

from syncfix import LiveServer, make_field_data

from fieldcheck.core.ids import new_id
from fieldcheck.core.models import Finding
from fieldcheck.server import auth
from fieldcheck.server.ingest import apply_push
from fieldcheck.services.documents import numbering
from fieldcheck.services.findings import ledger
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.services.sync import sync_view
from fieldcheck.storage import quarantine
from fieldcheck.sync.protocol import Change, DeviceRole, PushRequest, content_sha256


def _slip_in(server: LiveServer, entity: str, content: dict[str, Any]) -> None:
    """Store a record the way a server before the checks did (no reference check)."""
    engine = server.app.state.server.engine  # type: ignore[attr-defined]
    with engine.begin() as conn:
        device, _ = auth.enroll(conn, name="旧", role=DeviceRole.GRID, jurisdiction="330106001")
        change = Change(
            entity=entity, entity_id=content["id"], content=content, sha256=content_sha256(content)
        )
        apply_push(conn, device, PushRequest(batch_id=new_id(), changes=[change]))


def test_a_finding_of_a_missing_inspection_is_set_aside_and_the_rest_syncs(
    server: LiveServer, device_factory: Any
) -> None:
    a = device_factory("a")
    b = device_factory("b")
    # Login gave each its serial from the server: their numbers cannot clash.
    assert numbering.example_number(a) != numbering.example_number(b)
    assert re.search(r"〕\d{2}-0001号$", numbering.example_number(a))
    field = make_field_data(a, "330106001", findings_n=2, photos_per_finding=0)
    assert sync_service.sync(a).ok
    poison = Finding(
        inspection_id=new_id(),  # exists nowhere
        site_id=field.site_id,
        description="毒记录",
        found_at="2026-03-01T00:00:00Z",
        found_by=field.person_id,
    ).model_dump(mode="json")
    _slip_in(server, "finding", poison)
    more = make_field_data(a, "330106001", findings_n=1, photos_per_finding=0)
    assert sync_service.sync(a).ok
    report = sync_service.sync(b)
    assert report.ok and report.quarantined == 1, report
    assert ledger.counts(b)["findings"] == 3  # everything else arrived, after the poison too
    assert more.finding_ids[0]
    [aside] = [c for c in sync_view.conflicts(b) if c["source"] == quarantine.SOURCE]
    assert aside["entity_id"] == poison["id"]
    assert "IntegrityError" in aside["local"][quarantine.REASON]
    assert aside["local"][quarantine.CODE] == "missing_parent"
    again = sync_service.sync(b)  # retried, still aside, never a stop
    assert again.ok and again.quarantined == 0
    sync_view.resolve_conflict(b, aside["id"], "local", actor_id="t")  # set aside for good
    assert not sync_view.conflicts(b)
