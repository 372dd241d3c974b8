# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck notice ...`: issue, list, render, void, print documents; document settings."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from fieldcheck.cli import passphrase
from fieldcheck.core import timefmt
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.terms import NoticeKind
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.documents import (
    doc_settings,
    document_files,
    documents,
    notices,
    printing,
    receipts,
)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _passphrase(args: argparse.Namespace) -> str | None:
    """The issuer's passphrase (prompt or --passphrase-fd), unless a preview was asked for."""
    if args.unsigned:
        return None
    return passphrase.read(args, ["issuer's passphrase (signs the PDF)"])[0]


def _issuer(ctx: AppContext, args: argparse.Namespace) -> str:
    if args.issuer:
        return str(args.issuer)
    from fieldcheck.services.inspections.inspections import get_inspection

    return get_inspection(ctx, args.inspection_id).inspector_ids[0]


def _receipt(args: argparse.Namespace) -> dict[str, Any] | None:
    """What the site's person did with the notice, as `receipts.make_receipt` takes it."""
    if not (args.site_rep or args.refused):
        return None
    return {
        "site_rep_name": args.site_rep or "",
        "handwriting_png": Path(args.signature_png).read_bytes() if args.signature_png else None,
        "refused": args.refused,
        "witness": args.witness or "",
    }


def cmd_issue(args: argparse.Namespace) -> int:
    if args.passphrase_fd is not None and not args.sign:
        raise FieldcheckError("--passphrase-fd is read only with --sign")
    with open_context(args.home) as ctx:
        issuer = _issuer(ctx, args)
        receipt = _receipt(args)
        if args.sign:  # the window's one step: open the key, issue, keep the signed PDF
            words = passphrase.read(args, ["issuer's passphrase (signs the PDF)"])[0]
            notice, done = document_files.issue_signed(
                ctx,
                args.inspection_id,
                NoticeKind(args.kind),
                issuer,
                passphrase=words,
                deadline=args.deadline,
                refers_to=args.refers_to,
                receipt=receipt,
            )
        else:
            notice = notices.issue_notice(
                ctx,
                args.inspection_id,
                NoticeKind(args.kind),
                issuer,
                deadline=args.deadline,
                refers_to=args.refers_to,
                receipt=receipts.make_receipt(ctx, **receipt) if receipt else None,
            )
    print(f"issued {notice.number}  id {notice.id}  ({len(notice.finding_ids)} hazards)")
    if args.sign:
        for w in done.warnings:
            print(f"fieldcheck: warning: {w}", file=sys.stderr)
        print(f"signed PDF kept at {done.path}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        rows = notices.list_notices(ctx, site_id=args.site)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "number": r.number,
                        "kind": r.kind,
                        "inspection": r.inspection_id,
                        "site": r.site_name,
                        "site_id": r.site_id,
                        "issued_at": r.issued_at.isoformat(),
                        "voided": r.voided,
                        "void_reason": r.void_reason,
                    }
                    for r in rows
                ],
                ensure_ascii=False,
            )
        )
        return 0
    for r in rows:
        void = f"  作废: {r.void_reason}" if r.voided else ""
        issued = timefmt.local(r.issued_at)
        print(f"{issued:%Y-%m-%d}  {r.kind:13} {r.number}  {r.site_name}  {r.id}{void}")
    return 0


def _render(ctx: AppContext, args: argparse.Namespace, out: Path) -> documents.RenderOutcome:
    done = documents.render_notice(
        ctx, args.notice_id, out, passphrase=_passphrase(args), unsigned=args.unsigned
    )
    for w in done.warnings:
        print(f"fieldcheck: warning: {w}", file=sys.stderr)
    return done


def cmd_render(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        done = _render(ctx, args, Path(args.out))
    state = "signed" if done.signed else "UNSIGNED preview"
    print(f"{done.path}: {done.number}, {done.pages} pages, {done.size // 1024} KB, {state}")
    return 0


def cmd_void(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        actor = args.actor or notices.document_data(ctx, args.notice_id)[0].issued_by
        notice = notices.void_notice(ctx, args.notice_id, reason=args.reason, actor_id=actor)
    print(f"voided {notice.number} (the number stays taken): {notice.void_reason}")
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        notice, _data = notices.document_data(ctx, args.notice_id)
        done = _render(ctx, args, document_files.kept_path(ctx, notice))
    job = printing.print_pdf(done.path, args.printer, copies=args.copies)
    print(f"sent {done.number} to {job.printer} (job {job.job_id}); PDF kept at {done.path}")
    return 0


def cmd_setup(args: argparse.Namespace) -> int:
    values = {k: v for k in doc_settings.SETTING_KEYS if (v := getattr(args, k)) is not None}
    with open_context(args.home) as ctx:
        current = doc_settings.configure(ctx, values, actor_id=args.actor or "local-admin")
    for key in doc_settings.SETTING_KEYS:
        print(f"{key:18} {current.get(key, '') or '(not set)'}")
    return 0


def _signing_opts(p: argparse.ArgumentParser) -> None:
    passphrase.add_argument(p)
    p.add_argument("--unsigned", action="store_true", help="an unsigned preview (not for issue)")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    notice = sub.add_parser("notice", help="issue, list, render, void and print documents")
    nsub = notice.add_subparsers(dest="notice_command", metavar="ACTION", required=True)

    p = nsub.add_parser("issue", help="issue a document for an inspection")
    p.add_argument("inspection_id")
    p.add_argument("--kind", required=True, choices=[k.value for k in NoticeKind])
    p.add_argument("--issuer", metavar="PERSON_ID", help="default: the first inspector")
    p.add_argument("--deadline", type=_date, help="整改期限 for hazards without one / review")
    p.add_argument("--refers-to", metavar="NOTICE", help="review: the notice id or number")
    p.add_argument("--site-rep", metavar="NAME", help="the site's responsible person")
    p.add_argument("--signature-png", metavar="FILE", help="their handwritten signature")
    p.add_argument("--refused", action="store_true", help="they refused to sign (拒签)")
    p.add_argument("--witness", metavar="NAME", help="见证人 of a refusal")
    p.add_argument(
        "--sign",
        action="store_true",
        help="sign it as the window does: the issuer's passphrase first (a wrong one issues "
        "nothing), then the signed PDF kept in the documents folder",
    )
    passphrase.add_argument(p)
    p.set_defaults(handler=cmd_issue)

    p = nsub.add_parser("list", help="list documents")
    p.add_argument("--site", metavar="SITE_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)

    p = nsub.add_parser("render", help="render a document to a signed PDF")
    p.add_argument("notice_id", help="notice id or number")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    _signing_opts(p)
    p.set_defaults(handler=cmd_render)

    p = nsub.add_parser("void", help="void a document (it keeps its number)")
    p.add_argument("notice_id")
    p.add_argument("--reason", required=True)
    p.add_argument("--actor", metavar="PERSON_ID", help="default: the issuer")
    p.set_defaults(handler=cmd_void)

    p = nsub.add_parser("print", help="render and print a document through CUPS")
    p.add_argument("notice_id")
    p.add_argument("--printer", metavar="NAME", help="default: the system's default printer")
    p.add_argument("--copies", type=int, default=1)
    _signing_opts(p)
    p.set_defaults(handler=cmd_print)

    p = nsub.add_parser("setup", help="document settings: number prefix, review bodies, court")
    p.add_argument("--prefix", help="number prefix, e.g. 金水")
    p.add_argument("--escalate-to", dest="escalate_to", help="township notice: 逾期上报机关")
    p.add_argument("--appeal-government", dest="appeal_government", help="e.g. 某某区人民政府")
    p.add_argument("--appeal-department", dest="appeal_department", help="e.g. 某某市应急管理局")
    p.add_argument("--appeal-court", dest="appeal_court", help="e.g. 某某铁路运输法院")
    p.add_argument("--actor", metavar="PERSON_ID")
    p.set_defaults(handler=cmd_setup)
