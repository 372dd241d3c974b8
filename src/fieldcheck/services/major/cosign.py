# SPDX-License-Identifier: Apache-2.0
"""专家+企业 双签字确认: the site's person signs by hand or refuses, and supervision.

The handwritten signature is a PNG captured on screen, kept in the content-addressed
photo store; the inspector's Ed25519 signature covers its SHA-256 together with the
finding. A refusal (拒签) is recorded with a witness, signed the same way. A confirmed
major hazard that the site acknowledged (or refused) is under supervision (挂牌督办)
until closed.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from fieldcheck.core import clock
from fieldcheck.core.errors import InvalidValueError
from fieldcheck.core.ids import new_id
from fieldcheck.core.loop import Status
from fieldcheck.core.major import MajorStep, next_major_state
from fieldcheck.core.models import Finding
from fieldcheck.core.terms import MajorStatus
from fieldcheck.photos.store import BlobStore
from fieldcheck.services.context import AppContext
from fieldcheck.services.major import keys, workflow
from fieldcheck.services.major.signoff import Purpose, add_event, check_role, sign_in
from fieldcheck.signing.handwriting import check_png
from fieldcheck.storage import finding_repo, signing_repo, site_repo
from fieldcheck.storage.db import Session
from fieldcheck.storage.signing_repo import AckRecord


@dataclass(frozen=True)
class Supervised:
    """One major hazard under supervision (挂牌督办)."""

    finding: Finding
    site_name: str
    confirmed_at: datetime
    confirmed_by: str  # the expert's name
    site_ack: str  # signed / refused / "" (not yet)
    overdue: bool


def _ackable(s: Session, finding_id: str, step: MajorStep) -> Finding:
    finding = finding_repo.get_finding(s, finding_id).require_current()
    next_major_state(finding_id, workflow.state_in(s, finding), step)
    return finding


def _step(ack: AckRecord) -> MajorStep:
    return MajorStep.SITE_SIGN if ack.outcome == "signed" else MajorStep.SITE_REFUSE


def _store_png(ctx: AppContext, png: bytes) -> tuple[str, int]:
    """Keep the image in the photo store (fsynced, renamed) and return its SHA-256."""
    store = BlobStore(ctx.home.photos)
    ctx.home.cache.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="handwriting-", suffix=".png", dir=ctx.home.cache)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(png)
        staged = store.stage(ctx.home.cache / os.path.basename(name))
        store.commit(staged)
    finally:
        os.unlink(name)
    return staged.sha256, staged.size


@dataclass(frozen=True)
class _Outcome:
    """What the site did, as the person at the window recorded it."""

    outcome: Literal["signed", "refused"]
    site_rep_name: str
    site_rep_id: str | None
    witness_name: str = ""
    witness_id: str | None = None
    reason: str = ""
    png: bytes | None = None  # the handwritten signature, when the site signed


def _record(
    ctx: AppContext,
    finding_id: str,
    done: _Outcome,
    *,
    inspector_id: str,
    passphrase: str | None,
    unlocked: keys.Unlocked | None,
    reviewed_sha256: str | None,
) -> AckRecord:
    """Record the site's signature or refusal, covered by the inspector's key."""
    ack = AckRecord(
        id=new_id(),
        finding_id=finding_id,
        outcome=done.outcome,
        site_rep_name=done.site_rep_name.strip(),
        site_rep_id=done.site_rep_id,
        handwriting_sha256=None,
        witness_name=done.witness_name.strip(),
        witness_id=done.witness_id,
        reason=done.reason,
        recorded_by=inspector_id,
        recorded_at=clock.now(),
        signature_id="",
    )
    with ctx.db.read() as s:
        check_role(s, inspector_id, Purpose.CO_SIGN)
        _ackable(s, finding_id, _step(ack))
        if ack.site_rep_id:
            rep = site_repo.get_person(s, ack.site_rep_id)
            if rep.role != "site_rep":
                raise InvalidValueError("site_rep", rep.name, "is not a site representative")
    key = keys.opened(ctx, inspector_id, passphrase, unlocked)
    if done.png is not None:
        sha256, size = _store_png(ctx, done.png)  # the file lands before the row
        ack = ack._replace(handwriting_sha256=sha256)
    with ctx.db.transaction() as s:
        finding = _ackable(s, finding_id, _step(ack))
        ack = ack._replace(recorded_at=clock.now())
        if done.png is not None and ack.handwriting_sha256:
            signing_repo.ensure_blob(
                s, sha256=ack.handwriting_sha256, size=size, mime="image/png", at=ack.recorded_at
            )
        sig = sign_in(
            s,
            unlocked=key,
            finding_id=finding_id,
            purpose=Purpose.CO_SIGN,
            comment=ack.reason,
            reviewed_sha256=reviewed_sha256,
            ack=ack,
        )
        ack = ack._replace(signature_id=sig.id)
        signing_repo.add_site_ack(s, ack)
        who = ack.site_rep_name + (f"，见证人：{ack.witness_name}" if ack.witness_name else "")
        add_event(s, finding, action=_step(ack), actor_id=inspector_id, note=who)
    return ack


def site_sign(
    ctx: AppContext,
    finding_id: str,
    *,
    inspector_id: str,
    site_rep_name: str,
    handwriting_png: bytes,
    site_rep_id: str | None = None,
    reviewed_sha256: str | None = None,
    passphrase: str | None = None,
    unlocked: keys.Unlocked | None = None,
) -> AckRecord:
    """The site's responsible person signed by hand; the inspector's key covers it."""
    if not site_rep_name.strip():
        raise InvalidValueError("site_rep_name", site_rep_name, "the signer's name is required")
    check_png(handwriting_png)
    done = _Outcome("signed", site_rep_name, site_rep_id, png=handwriting_png)
    return _record(
        ctx,
        finding_id,
        done,
        inspector_id=inspector_id,
        passphrase=passphrase,
        unlocked=unlocked,
        reviewed_sha256=reviewed_sha256,
    )


def site_refuse(
    ctx: AppContext,
    finding_id: str,
    *,
    inspector_id: str,
    site_rep_name: str,
    witness_name: str,
    reason: str = "",
    witness_id: str | None = None,
    site_rep_id: str | None = None,
    passphrase: str | None = None,
    unlocked: keys.Unlocked | None = None,
) -> AckRecord:
    """拒签: the site's person refused to sign; recorded with a witness, signed by the inspector."""
    if not site_rep_name.strip():
        raise InvalidValueError("site_rep_name", site_rep_name, "name the person who refused")
    if not witness_name.strip():
        raise InvalidValueError("witness", witness_name, "a refusal (拒签) needs a witness")
    reason = reason.strip() or "拒绝签字"
    done = _Outcome("refused", site_rep_name, site_rep_id, witness_name, witness_id, reason)
    return _record(
        ctx,
        finding_id,
        done,
        inspector_id=inspector_id,
        passphrase=passphrase,
        unlocked=unlocked,
        reviewed_sha256=None,
    )


def supervised_list(ctx: AppContext, *, include_closed: bool = False) -> list[Supervised]:
    """Confirmed major hazards with the site's signature or refusal recorded (挂牌督办)."""
    today = clock.today()
    out: list[Supervised] = []
    with ctx.db.read() as s:
        for finding in signing_repo.major_findings(s, MajorStatus.CONFIRMED):
            if finding.status == Status.CLOSED and not include_closed:
                continue
            acks = signing_repo.acks_of(s, finding.id)
            confirms = [
                g
                for g in signing_repo.signatures_of(s, "finding", finding.id)
                if g.purpose == Purpose.CONFIRM
            ]
            if not acks or not confirms:
                continue
            expert = site_repo.get_person(s, confirms[-1].signer_id)
            out.append(
                Supervised(
                    finding,
                    site_repo.get_site(s, finding.site_id).name,
                    confirms[-1].signed_at,
                    expert.name,
                    acks[-1].outcome,
                    finding.overdue(today),
                )
            )
    return out


def awaiting_site(ctx: AppContext) -> list[str]:
    """Ids of confirmed major hazards the site has not yet signed for (nor refused)."""
    with ctx.db.read() as s:
        return [
            r.id
            for r in signing_repo.major_findings(s, MajorStatus.CONFIRMED)
            if not signing_repo.acks_of(s, r.id)
        ]
