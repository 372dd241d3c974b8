# SPDX-License-Identifier: Apache-2.0
"""The whole major-hazard workflow with real keys, and every refusal leaving nothing changed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from signing_world import CLAUSE, EXPERT_PASS, GRID_PASS, World, counts, png, sql

from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError, FrozenError, InvalidValueError
from fieldcheck.core.loop import Action, Status
from fieldcheck.core.terms import Level, MajorStatus
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import changes, findings
from fieldcheck.services.major import cosign, keys, major, workflow
from fieldcheck.services.major.signoff import Purpose
from fieldcheck.services.sites import sites
from fieldcheck.services.trust.verify import verify_all
from fieldcheck.signing.errors import (
    ContentChangedError,
    KeyStateError,
    RoleError,
    SigningError,
    WrongPassphraseError,
)


def flag(ctx: AppContext, w: World, fid: str | None = None) -> str:
    fid = fid or w.finding
    workflow.flag_major(ctx, fid, actor_id=w.grid, criteria_id=CLAUSE[0], clause_ref=CLAUSE[1])
    return major.review(ctx, fid).content_sha256


def test_flag_confirm_cosign_accept_then_verify_all_passes(sctx: AppContext, world: World) -> None:
    reviewed = flag(sctx, world)
    queue = major.review_queue(sctx)
    assert [r.finding.id for r in queue] == [world.finding]
    assert queue[0].clause is not None and "粉尘爆炸危险场所" in queue[0].clause.text
    f = major.confirm(
        sctx,
        world.finding,
        expert_id=world.expert,
        passphrase=EXPERT_PASS,
        reviewed_sha256=reviewed,
        comment="符合第十一条第（一）项",
    )
    assert (f.level, f.major_status) == (Level.MAJOR, MajorStatus.CONFIRMED)
    assert findings.is_frozen(sctx, world.finding)
    assert cosign.awaiting_site(sctx) == [world.finding]
    ack = cosign.site_sign(
        sctx,
        world.finding,
        inspector_id=world.grid,
        passphrase=GRID_PASS,
        site_rep_name="赵强",
        site_rep_id=world.site_rep,
        handwriting_png=png(),
    )
    assert (sctx.home.photos / "originals" / ack.handwriting_sha256[:2]).is_dir()
    [sup] = cosign.supervised_list(sctx)
    assert (sup.confirmed_by, sup.site_ack) == ("陈志强", "signed")
    findings.transition(
        sctx,
        world.finding,
        Action.ASSIGN,
        actor_id=world.grid,
        deadline=clock.today() + timedelta(days=30),
    )
    with pytest.raises(DomainError, match="needs an expert's signature"):
        findings.transition(sctx, world.finding, Action.VERIFY_PASS, actor_id=world.grid)
    check = major.review(sctx, world.finding, Purpose.VERIFY)
    done = major.accept(
        sctx,
        world.finding,
        expert_id=world.expert,
        passphrase=EXPERT_PASS,
        reviewed_sha256=check.content_sha256,
        comment="整改到位",
    )
    assert done.status is Status.VERIFIED
    with pytest.raises(FrozenError, match="covered by signatures"):
        sites.update_site(sctx, world.site, {"name": "改名后的单位"}, actor_id=world.grid)
    sites.update_site(sctx, world.site, {"contact_name": "新联系人"}, actor_id=world.grid)
    report = verify_all(sctx)
    assert report.ok, report.failures
    assert (report.signatures, report.valid_signatures) == (3, 3)
    assert report.files == 2  # the evidence photo and the handwritten signature


def test_downgrade_and_send_back_need_a_reason_and_are_signed(
    sctx: AppContext, world: World
) -> None:
    reviewed = flag(sctx, world)
    with pytest.raises(SigningError, match="say why"):
        major.downgrade(
            sctx,
            world.finding,
            expert_id=world.expert,
            passphrase=EXPERT_PASS,
            reviewed_sha256=reviewed,
            comment=" ",
        )
    major.send_back(
        sctx,
        world.finding,
        expert_id=world.expert,
        passphrase=EXPERT_PASS,
        reviewed_sha256=reviewed,
        comment="请补充照片",
    )
    assert major.review_queue(sctx) == []  # now waiting for the inspector
    with pytest.raises(DomainError, match="sent back"):
        major.confirm(
            sctx,
            world.finding,
            expert_id=world.expert,
            passphrase=EXPERT_PASS,
            reviewed_sha256=reviewed,
        )
    reviewed = flag(sctx, world)  # same clause, nothing edited: back in the queue
    f = major.downgrade(
        sctx,
        world.finding,
        expert_id=world.expert2,
        passphrase=EXPERT_PASS,
        reviewed_sha256=reviewed,
        comment="不符合所引条款",
    )
    assert (f.level, f.major_status) == (Level.GENERAL, MajorStatus.DOWNGRADED)
    report = verify_all(sctx)
    assert report.ok and report.valid_signatures == 2, report.failures


def test_flag_refuses_lead_sentences_superseded_sets_and_non_inspectors(
    sctx: AppContext, world: World
) -> None:
    with pytest.raises(InvalidValueError, match="does not itself state"):
        workflow.flag_major(
            sctx,
            world.finding,
            actor_id=world.grid,
            criteria_id="gongmao-2023",
            clause_ref="第十一条",
        )
    with pytest.raises(InvalidValueError, match="superseded"):
        workflow.flag_major(
            sctx,
            world.finding,
            actor_id=world.grid,
            criteria_id="gongmao-2017",
            clause_ref="第三条第（一）项",
        )
    with pytest.raises(RoleError, match="only inspectors"):
        workflow.flag_major(
            sctx, world.finding, actor_id=world.expert, criteria_id=CLAUSE[0], clause_ref=CLAUSE[1]
        )


def test_a_signed_finding_is_frozen_against_a_new_clause(sctx: AppContext, world: World) -> None:
    reviewed = flag(sctx, world)
    major.send_back(
        sctx,
        world.finding,
        expert_id=world.expert,
        passphrase=EXPERT_PASS,
        reviewed_sha256=reviewed,
        comment="条款引用有误",
    )
    with pytest.raises(FrozenError, match="correction"):
        workflow.flag_major(
            sctx,
            world.finding,
            actor_id=world.grid,
            criteria_id="gongmao-2023",
            clause_ref="第十一条第（二）项",
        )


def _refused(
    home: Path, sctx: AppContext, world: World, exc: type[Exception], match: str, **kw: object
) -> None:
    """The confirmation is refused with a clear message and changes nothing."""
    before = counts(home)
    status = findings.get_finding(sctx, world.finding)
    with pytest.raises(exc, match=match):
        major.confirm(
            sctx, world.finding, **{"expert_id": world.expert, "passphrase": EXPERT_PASS, **kw}
        )  # type: ignore[arg-type]
    assert counts(home) == before
    assert findings.get_finding(sctx, world.finding) == status
    assert not findings.is_frozen(sctx, world.finding)


def test_wrong_passphrase_is_refused_and_nothing_changes(
    home: Path, sctx: AppContext, world: World
) -> None:
    reviewed = flag(sctx, world)
    _refused(
        home,
        sctx,
        world,
        WrongPassphraseError,
        "wrong passphrase for 陈志强",
        passphrase="expert-passphrase-2",
        reviewed_sha256=reviewed,
    )


def test_a_role_that_may_not_sign_the_step_is_refused(
    home: Path, sctx: AppContext, world: World
) -> None:
    reviewed = flag(sctx, world)
    _refused(
        home,
        sctx,
        world,
        RoleError,
        "刘芳 is a supervisor.*must be signed by: expert",
        expert_id=world.supervisor,
        reviewed_sha256=reviewed,
    )
    _refused(
        home,
        sctx,
        world,
        RoleError,
        "李建国 is a grid",
        expert_id=world.grid,
        passphrase=GRID_PASS,
        reviewed_sha256=reviewed,
    )


def test_content_changed_between_review_and_signing_is_refused(
    home: Path, sctx: AppContext, world: World
) -> None:
    reviewed = flag(sctx, world)
    changes.edit_finding(sctx, world.finding, {"place": "打磨车间"}, actor_id=world.grid)
    _refused(
        home,
        sctx,
        world,
        ContentChangedError,
        "changed after it was reviewed",
        reviewed_sha256=reviewed,
    )


def test_expired_and_revoked_keys_are_refused(home: Path, sctx: AppContext, world: World) -> None:
    reviewed = flag(sctx, world)
    sql(
        home,
        "UPDATE person_key SET expires_at = '2020-01-01 00:00:00.000000' WHERE person_id = ?",
        world.expert,
    )
    _refused(home, sctx, world, KeyStateError, "expired on 2020-01-01", reviewed_sha256=reviewed)
    keys.revoke_key(sctx, world.expert2, actor_id=world.supervisor, reason="设备遗失")
    _refused(
        home,
        sctx,
        world,
        KeyStateError,
        "revoked",
        expert_id=world.expert2,
        reviewed_sha256=reviewed,
    )


def test_changed_passphrase_opens_the_same_key_and_old_signatures_survive_revocation(
    sctx: AppContext, world: World
) -> None:
    before = keys.current_key(sctx, world.expert)
    keys.change_passphrase(sctx, world.expert, EXPERT_PASS, "a brand new passphrase")
    with pytest.raises(WrongPassphraseError):
        keys.unlock_key(sctx, world.expert, EXPERT_PASS)
    key = keys.unlock_key(sctx, world.expert, "a brand new passphrase")
    assert before is not None and keys.current_key(sctx, world.expert) == before
    reviewed = flag(sctx, world)
    major.confirm(
        sctx,
        world.finding,
        expert_id=world.expert,
        reviewed_sha256=reviewed,
        unlocked=keys.Unlocked(before.id, world.expert, key, before.public_key_b64),
    )
    keys.revoke_key(sctx, world.expert, actor_id=world.supervisor, reason="调离")
    with pytest.raises(SigningError, match="already has key"):
        keys.enroll_key(sctx, world.grid, "another passphrase")
    keys.enroll_key(sctx, world.expert, "another passphrase")  # a new key after revocation
    assert verify_all(sctx).ok  # signed before the revocation: still valid


def test_site_refusal_needs_a_witness_and_the_site_signs_only_after_confirmation(
    sctx: AppContext, world: World
) -> None:
    reviewed = flag(sctx, world)
    with pytest.raises(DomainError, match="after the expert confirms"):
        cosign.site_sign(
            sctx,
            world.finding,
            inspector_id=world.grid,
            passphrase=GRID_PASS,
            site_rep_name="赵强",
            handwriting_png=png(),
        )
    major.confirm(
        sctx,
        world.finding,
        expert_id=world.expert,
        passphrase=EXPERT_PASS,
        reviewed_sha256=reviewed,
    )
    with pytest.raises(InvalidValueError, match="needs a witness"):
        cosign.site_refuse(
            sctx,
            world.finding,
            inspector_id=world.grid,
            passphrase=GRID_PASS,
            site_rep_name="赵强",
            witness_name="",
        )
    with pytest.raises(RoleError):
        cosign.site_refuse(
            sctx,
            world.finding,
            inspector_id=world.expert,
            passphrase=EXPERT_PASS,
            site_rep_name="赵强",
            witness_name="高玉梅",
        )
    cosign.site_refuse(
        sctx,
        world.finding,
        inspector_id=world.grid,
        passphrase=GRID_PASS,
        site_rep_name="赵强",
        witness_name="社区网格长 高玉梅",
        reason="有异议",
    )
    assert [s.site_ack for s in cosign.supervised_list(sctx)] == ["refused"]
    assert verify_all(sctx).ok
