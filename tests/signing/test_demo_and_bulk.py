# SPDX-License-Identifier: Apache-2.0
"""The demo holds honest signatures; the fast bulk reads agree with the ORM reads."""

from __future__ import annotations

from signing_world import CLAUSE, EXPERT_PASS, World

from fieldcheck.core.terms import MajorStatus
from fieldcheck.services.context import AppContext
from fieldcheck.services.major import cosign, major, workflow
from fieldcheck.services.trust.verify import verify_all
from fieldcheck.storage import issued_pdfs, signing_bulk, signing_repo


def test_demo_has_confirmed_and_downgraded_major_hazards_that_verify(demo_ctx: AppContext) -> None:
    report = verify_all(demo_ctx)
    assert report.ok, report.failures
    with demo_ctx.db.read() as s:
        sigs = signing_bulk.all_signatures(s)
        confirmed = signing_repo.major_findings(s, MajorStatus.CONFIRMED)
        downgraded = signing_repo.major_findings(s, MajorStatus.DOWNGRADED)
    purposes = {g.purpose for g in sigs}
    assert {"confirm", "downgrade", "co_sign"} <= purposes
    assert confirmed and downgraded
    assert report.valid_signatures == len(sigs) >= 10
    assert {s.site_ack for s in cosign.supervised_list(demo_ctx)} == {"signed", "refused"}


def test_demo_notices_are_issued_frozen_with_their_signed_pdf(demo_ctx: AppContext) -> None:
    """Every demo notice went through the issuing service: its signed PDF was kept and
    its SHA-256 recorded at issue, so verify --all checks each and finds nothing."""
    report = verify_all(demo_ctx)
    assert report.ok, report.failures
    with demo_ctx.db.read() as s:
        frozen = issued_pdfs.all_frozen(s)
        issued = issued_pdfs.notice_payloads(s)
    assert len(issued) == 7
    assert report.documents_unfrozen == 0
    assert {p.notice_id for p in frozen} == set(issued)
    assert report.documents == len(frozen) == 8  # the voided one also signed with 作废
    for pdf in frozen:
        kept = demo_ctx.home.documents / pdf.file_name
        assert kept.read_bytes().startswith(b"%PDF")


def test_bulk_reads_match_the_orm_reads(sctx: AppContext, world: World) -> None:
    workflow.flag_major(
        sctx, world.finding, actor_id=world.grid, criteria_id=CLAUSE[0], clause_ref=CLAUSE[1]
    )
    reviewed = major.review(sctx, world.finding).content_sha256
    major.confirm(
        sctx,
        world.finding,
        expert_id=world.expert,
        passphrase=EXPERT_PASS,
        reviewed_sha256=reviewed,
        comment="符合",
    )
    with sctx.db.read() as s:
        facts, photos = signing_bulk.signed_findings(s)
        assert facts == {world.finding: signing_repo.finding_facts(s, world.finding)}
        assert photos == signing_repo.photos_of(s, [world.finding])
        assert signing_bulk.all_signatures(s) == signing_repo.signatures_of(
            s, "finding", world.finding
        )
        assert signing_bulk.decided_findings(s) == facts
