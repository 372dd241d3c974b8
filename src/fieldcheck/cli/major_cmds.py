# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck major ...`: flag, review, sign and supervise major hazards."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldcheck.cli import passphrase
from fieldcheck.core import timefmt
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.findings import findings
from fieldcheck.services.major import cosign, major, workflow
from fieldcheck.services.major.major import Review
from fieldcheck.services.major.signoff import Purpose


def _with_ctx(args: argparse.Namespace, fn: Callable[[AppContext], Any]) -> Any:
    with open_context(args.home) as ctx:
        return fn(ctx)


def _show(r: Review) -> None:
    f = r.finding
    print(f"finding  {f.id}  ({f.status.value}, {f.level.value}/{f.major_status or '—'})")
    print(f"site     {r.site_name}")
    print(f"place    {f.place or '—'}")
    print(f"found    {f.found_at:%Y-%m-%d %H:%M} UTC by {f.found_by}")
    print(f"hazard   {f.description}")
    if r.clause is not None:
        print(f"clause   {r.clause.citation()}" + ("（原文不完整）" if r.clause.truncated else ""))
        if r.clause.lead:
            print(f"         {r.clause.lead}")
        print(f"         {r.clause.text}")
    elif f.basis.clause_ref:
        print(f"clause   {f.basis.criteria_id} {f.basis.clause_ref} (text not bundled)")
    for p in r.photos:
        print(f"photo    {p.kind:13} {p.sha256[:16]}…  {p.path}")
    if r.last_step is not None:
        step = r.last_step
        print(f"last     {step.action} {timefmt.local(step.at):%Y-%m-%d} {step.note}")
    print(f"content  {r.content_sha256}")


def _review_json(r: Review) -> dict[str, Any]:
    return {
        "id": r.finding.id,
        "site": r.site_name,
        "description": r.finding.description,
        "place": r.finding.place,
        "criteria_id": r.finding.basis.criteria_id,
        "clause_ref": r.finding.basis.clause_ref,
        "clause_text": r.clause.text if r.clause else None,
        "photos": [{"sha256": p.sha256, "kind": p.kind, "path": str(p.path)} for p in r.photos],
        "content_sha256": r.content_sha256,
    }


def cmd_flag(args: argparse.Namespace) -> int:
    criteria, _, clause = args.clause.rpartition(":")
    criteria = criteria or args.criteria
    if not criteria:
        raise FieldcheckError("say which criteria set: --criteria ID or --clause ID:第X条第（Y）项")

    def run(ctx: AppContext) -> Review:
        actor = args.by or findings.get_finding(ctx, args.finding_id).found_by
        workflow.flag_major(
            ctx,
            args.finding_id,
            actor_id=actor,
            criteria_id=criteria,
            clause_ref=clause,
            note=args.note,
        )
        return major.review(ctx, args.finding_id)

    _show(_with_ctx(args, run))
    return 0


def cmd_queue(args: argparse.Namespace) -> int:
    reviews = _with_ctx(args, major.review_queue)
    for r in reviews:
        if args.json:
            print(json.dumps(_review_json(r), ensure_ascii=False))
        else:
            _show(r)
            print()
    if not reviews and not args.json:
        print("no suspected major hazard is waiting for an expert")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    r = _with_ctx(args, lambda ctx: major.review(ctx, args.finding_id, Purpose(args.purpose)))
    if args.json:
        print(json.dumps(_review_json(r), ensure_ascii=False))
    else:
        _show(r)
    return 0


def _reviewed(args: argparse.Namespace, ctx: AppContext, purpose: Purpose) -> str:
    """The hash the signer reviewed: given, or the content shown right now."""
    if args.reviewed:
        return str(args.reviewed)
    r = major.review(ctx, args.finding_id, purpose)
    _show(r)
    return r.content_sha256


def _decision(purpose: Purpose) -> Callable[[argparse.Namespace], int]:
    def cmd(args: argparse.Namespace) -> int:
        with open_context(args.home) as ctx:
            reviewed = _reviewed(args, ctx, purpose)
            secret = passphrase.read(args, [f"passphrase of {args.expert}"])[0]
            if purpose is Purpose.VERIFY:
                f = major.accept(
                    ctx,
                    args.finding_id,
                    expert_id=args.expert,
                    reviewed_sha256=reviewed,
                    comment=args.comment,
                    passphrase=secret,
                )
            else:
                f = major.decide(
                    ctx,
                    args.finding_id,
                    purpose,
                    expert_id=args.expert,
                    reviewed_sha256=reviewed,
                    comment=args.comment,
                    passphrase=secret,
                )
        print(
            f"{purpose.value}: finding {f.id} is now {f.level.value}/"
            f"{f.major_status.value if f.major_status else '—'}, status {f.status.value}"
        )
        return 0

    return cmd


def cmd_site_sign(args: argparse.Namespace) -> int:
    try:
        png = Path(args.image).read_bytes()
    except OSError as exc:
        raise FieldcheckError(
            f"{args.image}: cannot read the signature image ({exc.strerror})"
        ) from None
    secret = passphrase.read(args, [f"passphrase of {args.inspector}"])[0]
    ack = _with_ctx(
        args,
        lambda ctx: cosign.site_sign(
            ctx,
            args.finding_id,
            inspector_id=args.inspector,
            passphrase=secret,
            site_rep_name=args.name,
            site_rep_id=args.site_rep,
            handwriting_png=png,
        ),
    )
    print(f"signed by {ack.site_rep_name}; image {ack.handwriting_sha256}")
    return 0


def cmd_site_refuse(args: argparse.Namespace) -> int:
    secret = passphrase.read(args, [f"passphrase of {args.inspector}"])[0]
    ack = _with_ctx(
        args,
        lambda ctx: cosign.site_refuse(
            ctx,
            args.finding_id,
            inspector_id=args.inspector,
            passphrase=secret,
            site_rep_name=args.name,
            witness_name=args.witness,
            reason=args.reason,
        ),
    )
    print(f"拒签 recorded: {ack.site_rep_name}, witness {ack.witness_name}")
    return 0


def cmd_supervised(args: argparse.Namespace) -> int:
    items = _with_ctx(args, lambda ctx: cosign.supervised_list(ctx, include_closed=args.all))
    for it in items:
        row = {
            "id": it.finding.id,
            "site": it.site_name,
            "description": it.finding.description,
            "clause_ref": it.finding.basis.clause_ref,
            "status": it.finding.status.value,
            "deadline": it.finding.deadline.isoformat() if it.finding.deadline else None,
            "overdue": it.overdue,
            "confirmed_by": it.confirmed_by,
            "site_ack": it.site_ack,
        }
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            late = " 逾期" if it.overdue else ""
            print(
                f"{it.finding.id}  {it.site_name}  {it.finding.basis.clause_ref}  "
                f"{it.finding.status.value}{late}  专家 {it.confirmed_by}  企业 {it.site_ack}"
            )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `major flag|queue|show|confirm|downgrade|send-back|site-sign|site-refuse|accept|
    supervised`."""
    p = sub.add_parser("major", help="major hazards: flag, expert review, signatures")
    msub = p.add_subparsers(dest="major_command", metavar="ACTION", required=True)

    flag = msub.add_parser("flag", help="mark a finding as a suspected major hazard")
    flag.add_argument("finding_id")
    flag.add_argument("--clause", required=True, help="第X条第（Y）项, or SET:第X条第（Y）项")
    flag.add_argument("--criteria", help="criteria set id, e.g. gongmao-2023")
    flag.add_argument("--by", help="inspector's person id (default: who found it)")
    flag.add_argument("--note", default="")
    flag.set_defaults(handler=cmd_flag)

    queue = msub.add_parser("queue", help="suspected major hazards waiting for an expert")
    queue.add_argument("--json", action="store_true")
    queue.set_defaults(handler=cmd_queue)

    show = msub.add_parser("show", help="what a reviewer sees, with the content hash")
    show.add_argument("finding_id")
    show.add_argument("--purpose", default="confirm", choices=["confirm", "verify"])
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)

    for name, purpose, needs_comment, text in (
        ("confirm", Purpose.CONFIRM, False, "expert confirms a 重大事故隐患 (signed)"),
        ("downgrade", Purpose.DOWNGRADE, True, "expert judges it a general hazard (signed)"),
        ("send-back", Purpose.SEND_BACK, True, "expert returns it to the inspector (signed)"),
        ("accept", Purpose.VERIFY, False, "expert's 验收 of the rectified hazard (signed)"),
    ):
        d = msub.add_parser(name, help=text)
        d.add_argument("finding_id")
        d.add_argument("--expert", required=True, help="expert's person id")
        d.add_argument("--comment", required=needs_comment, default="")
        d.add_argument(
            "--reviewed",
            metavar="SHA256",
            help="content hash from `major show`; refuse if it changed since",
        )
        passphrase.add_argument(d)
        d.set_defaults(handler=_decision(purpose))

    sign = msub.add_parser("site-sign", help="the site's person signed by hand (PNG)")
    sign.add_argument("finding_id")
    sign.add_argument("--inspector", required=True, help="inspector's person id (their key signs)")
    sign.add_argument("--name", required=True, help="the site person's name")
    sign.add_argument("--site-rep", help="their person id, when registered")
    sign.add_argument("--image", required=True, help="PNG of the handwritten signature")
    passphrase.add_argument(sign)
    sign.set_defaults(handler=cmd_site_sign)

    refuse = msub.add_parser("site-refuse", help="拒签: the site's person refused to sign")
    refuse.add_argument("finding_id")
    refuse.add_argument("--inspector", required=True)
    refuse.add_argument("--name", required=True, help="who refused")
    refuse.add_argument("--witness", required=True, help="见证人")
    refuse.add_argument("--reason", default="")
    passphrase.add_argument(refuse)
    refuse.set_defaults(handler=cmd_site_refuse)

    sup = msub.add_parser("supervised", help="major hazards under supervision (挂牌督办)")
    sup.add_argument("--all", action="store_true", help="include closed ones")
    sup.add_argument("--json", action="store_true")
    sup.set_defaults(handler=cmd_supervised)
