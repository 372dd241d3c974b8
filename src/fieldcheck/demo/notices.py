# SPDX-License-Identifier: Apache-2.0
"""The demo's documents: one of every kind for an inspector and an enforcement officer,
a re-inspection that reviews a notice, and one voided duplicate.

They are issued as the window issues them (document_files.issue_signed): frozen content,
its digest and the issuer's signed PDF kept under documents/ at issue, so ``verify --all``
checks every demo notice's PDF; the voided one is then signed again with 作废 under its
own name, as 签名 on a voided notice does in the window."""

from __future__ import annotations

from datetime import timedelta

from fieldcheck.core import clock
from fieldcheck.core.loop import Action
from fieldcheck.core.models import InspectionKind, NoticeKind, Role
from fieldcheck.demo.major import DEMO_PASSPHRASE
from fieldcheck.services.context import AppContext
from fieldcheck.services.documents.doc_settings import DEMO_SETTINGS, configure
from fieldcheck.services.documents.document_files import issue_signed, sign_kept
from fieldcheck.services.documents.notices import void_notice
from fieldcheck.services.findings import findings as fsvc
from fieldcheck.services.inspections import inspections
from fieldcheck.storage import notice_repo


def seed_demo_notices(ctx: AppContext) -> dict[str, int]:
    """Issue demo documents of every kind (and void one) on the demo data set."""
    configure(ctx, DEMO_SETTINGS, actor_id="demo-setup")
    with ctx.db.read() as s:
        candidates = notice_repo.open_inspections(s)
    issued: dict[str, int] = {}
    roles_done: set[Role] = set()
    deadline = clock.today() + timedelta(days=15)
    for insp_id, issuer_id, role in candidates:
        if role in roles_done:
            continue
        roles_done.add(Role(role))
        kind = NoticeKind.ORDER if role == Role.ENFORCEMENT else NoticeKind.RECTIFICATION
        refused = {"site_rep_name": "赵强", "refused": True, "witness": "钱师傅（社区网格长）"}
        issue_signed(ctx, insp_id, NoticeKind.RECORD, issuer_id, passphrase=DEMO_PASSPHRASE)
        notice, _ = issue_signed(
            ctx,
            insp_id,
            kind,
            issuer_id,
            passphrase=DEMO_PASSPHRASE,
            deadline=deadline,
            receipt=refused if kind is NoticeKind.ORDER else None,
        )
        # The site fixes the first hazard; a re-inspection reviews the notice.
        first = notice.finding_ids[0]
        fsvc.transition(ctx, first, Action.REPORT_RECTIFICATION, actor_id=issuer_id)
        fsvc.transition(ctx, first, Action.VERIFY_PASS, actor_id=issuer_id)
        visit = inspections.start_inspection(
            ctx,
            site_id=notice.site_id,
            inspector_ids=[issuer_id],
            actor_id=issuer_id,
            kind=InspectionKind.REINSPECTION,
        )
        inspections.finish_inspection(ctx, visit.id, actor_id=issuer_id, summary="整改复查")
        issue_signed(
            ctx,
            visit.id,
            NoticeKind.REVIEW,
            issuer_id,
            passphrase=DEMO_PASSPHRASE,
            deadline=deadline,
            refers_to=notice.id,
        )
        for k in (NoticeKind.RECORD, kind, NoticeKind.REVIEW):
            issued[k.value] = issued.get(k.value, 0) + 1
        if len(roles_done) == 2:
            break
    spare, _ = issue_signed(
        ctx, candidates[0][0], NoticeKind.RECORD, candidates[0][1], passphrase=DEMO_PASSPHRASE
    )
    void_notice(ctx, spare.id, reason="重复出具，以前一份为准", actor_id=candidates[0][1])
    sign_kept(ctx, spare.id, passphrase=DEMO_PASSPHRASE)
    issued["voided"] = 1
    return issued
