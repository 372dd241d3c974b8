# SPDX-License-Identifier: Apache-2.0
"""A copied or restored data directory is told apart from the one its credential is bound to.

The copy is refused at sync and issues no number until it enrols again; one credential
logged in from a second home is refused at login; a restored home that enrols again
pulls back what its original synced after the backup.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from syncfix import LiveServer, make_field_data, server_heads

from fieldcheck.core.terms import NoticeKind, Role
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.documents import notices
from fieldcheck.services.findings import findings, ledger
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites
from fieldcheck.services.sync import home_check
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.services.sync.sync_push import push_outbox
from fieldcheck.services.sync.sync_report import SyncReport
from fieldcheck.services.trust import backup
from fieldcheck.storage import device_repo, notice_repo, sync_repo
from fieldcheck.sync.client import HomeRefused, SyncClient
from fieldcheck.sync.protocol import HomeCheck


def _copy(ctx: AppContext, dest: Path) -> AppContext:
    """Copy the data directory as a user would (closed, then the folder copied)."""
    root = ctx.home.root
    ctx.close()
    shutil.copytree(root, dest)
    return open_context(dest)


def _issue_record(ctx: AppContext, site_id: str) -> str:
    """A 现场检查记录 for a new inspection of site: it takes a document number."""
    issuer = sites.add_person(
        ctx,
        {
            "name": "张伟",
            "role": Role.GRID,
            "unit": "金水区文化路街道办事处",
            "certificate_no": "豫安监0001",
        },
        actor_id="t",
    )
    sites.update_site(ctx, site_id, {"legal_rep": "李厂长"}, actor_id=issuer.id)
    insp = inspections.start_inspection(
        ctx, site_id=site_id, inspector_ids=[issuer.id], actor_id=issuer.id
    )
    findings.record_finding(ctx, inspection_id=insp.id, description="无", actor_id=issuer.id)
    inspections.finish_inspection(ctx, insp.id, actor_id=issuer.id)
    return notices.issue_notice(ctx, insp.id, NoticeKind.RECORD, issuer.id).number


def test_a_copied_home_is_refused_and_issues_nothing_until_it_enrols_again(
    server: LiveServer, device_factory: Any, tmp_path: Path
) -> None:
    a = device_factory("a")
    field = make_field_data(a, "330106001", findings_n=1, photos_per_finding=0)
    assert sync_service.sync(a).ok
    copy = _copy(a, tmp_path / "copy")
    a = open_context(tmp_path / "a")
    try:
        assert sync_service.sync(a).ok  # the original checks in again: its token moves on
        refused = sync_service.sync(copy)
        assert not refused.ok and refused.error_kind == "HomeRefused"
        assert "copy or a restored backup" in refused.error
        assert "fieldcheck-server enroll" in refused.error
        with pytest.raises(home_check.MustReenrol, match="No number was taken"):
            _issue_record(copy, field.site_id)
        # The original goes on as before.
        assert sync_service.sync(a).ok
        # The copy enrols as a device of its own and then issues under its own serial.
        sync_service.login(copy, server.url, server.enroll("grid", "330106001", "copy"))
        assert sync_service.sync(copy).ok
        number = _issue_record(copy, field.site_id)
        with a.db.transaction() as s:
            original = notice_repo.device_code(s)
        assert original == "01"  # the first device enrolled
        assert number.endswith("〕02-0001号")  # the copy's own serial: no clash possible
        assert sync_service.sync(copy).ok and sync_service.sync(a).ok
    finally:
        copy.close()
        a.close()


def test_one_credential_in_a_second_home_is_refused_at_login(
    server: LiveServer, tmp_path: Path
) -> None:
    token = server.enroll("grid", "330106001", "王网格")
    with open_context(tmp_path / "first") as first:
        sync_service.login(first, server.url, token)
    with open_context(tmp_path / "second") as second:
        with pytest.raises(HomeRefused, match="already in use by another data directory"):
            sync_service.login(second, server.url, token)
        with second.db.read() as s:
            assert sync_repo.account(s) is None  # nothing of the credential was kept
        # Its own credential works, and then it may issue.
        sync_service.login(second, server.url, server.enroll("grid", "330106001", "李"))
        with second.db.transaction() as s:
            home_check.refuse_if_copied(s)
    with open_context(tmp_path / "first") as first:  # the first home is untouched
        assert sync_service.sync(first).ok


def test_a_restored_home_enrols_again_and_pulls_back_its_own_records(
    server: LiveServer, device_factory: Any, tmp_path: Path
) -> None:
    a = device_factory("a")
    field = make_field_data(a, "330106001", findings_n=1, photos_per_finding=1)
    assert sync_service.sync(a).ok
    backup = _copy(a, tmp_path / "backup")  # what the backup holds
    backup.close()
    a = open_context(tmp_path / "a")
    later = findings.record_finding(
        a, inspection_id=field.inspection_id, description="安全出口堵塞", actor_id=field.person_id
    )
    assert sync_service.sync(a).ok  # synced after the backup, then the laptop is lost
    a.close()
    restored = open_context(tmp_path / "backup")
    try:
        assert ledger.counts(restored)["findings"] == 1
        refused = sync_service.sync(restored)
        assert refused.error_kind == "HomeRefused"
        sync_service.login(restored, server.url, server.enroll("grid", "330106001", "a again"))
        back = sync_service.sync(restored)
        assert back.ok and back.applied >= 1
        assert findings.get_finding(restored, later.id).description == "安全出口堵塞"
        assert ledger.counts(restored)["findings"] == 2
    finally:
        restored.close()


def test_a_lost_check_in_answer_is_not_taken_for_a_copy(
    server: LiveServer, device_factory: Any
) -> None:
    a = device_factory("a")
    with a.db.transaction() as s:
        current = device_repo.get(s, home_check.HOME_KEY)
        device_repo.put(s, home_check.NEXT_KEY, "ab" * 16)
        acc = sync_repo.account(s)
    assert acc is not None and current
    with SyncClient(server.url, acc.token) as client:  # the server takes it, the answer is lost
        client.check_home(HomeCheck(current=current, next="ab" * 16))
    assert sync_service.sync(a).ok  # the same fresh token again: accepted
    with a.db.read() as s:
        assert device_repo.get(s, home_check.HOME_KEY) == "ab" * 16


def test_a_push_without_the_home_token_is_refused_once_the_credential_is_bound(
    server: LiveServer, device_factory: Any
) -> None:
    """A copy running an older client (no check-in) cannot push under the bound credential."""
    a = device_factory("a")
    make_field_data(a, "330106001", findings_n=1, photos_per_finding=0)
    with a.db.read() as s:
        acc = sync_repo.account(s)
    assert acc is not None
    with (
        SyncClient(server.url, acc.token) as client,  # never checked in: no home token
        pytest.raises(HomeRefused, match="copy or a restored backup"),
    ):
        push_outbox(a, client, SyncReport(server=server.url), None, 500)
    assert server_heads(server) == {}  # nothing of it landed
    assert sync_service.sync(a).ok  # the bound home itself pushes as before
    assert len(server_heads(server)) > 0


def test_a_home_restored_with_the_restore_command_issues_only_after_enrolling_again(
    server: LiveServer, device_factory: Any, tmp_path: Path
) -> None:
    a = device_factory("a")
    field = make_field_data(a, "330106001", findings_n=1, photos_per_finding=0)
    assert sync_service.sync(a).ok
    backup.create_backup(a, tmp_path / "a.zip")
    a.close()
    backup.restore_backup(tmp_path / "new-laptop", tmp_path / "a.zip")
    with open_context(tmp_path / "new-laptop") as restored:
        with pytest.raises(home_check.MustReenrol, match="restored from a backup"):
            _issue_record(restored, field.site_id)
        sync_service.login(restored, server.url, server.enroll("grid", "330106001", "new"))
        assert _issue_record(restored, field.site_id).endswith("〕02-0001号")
