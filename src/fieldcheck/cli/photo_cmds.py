# SPDX-License-Identifier: Apache-2.0
"""Photo commands: add (attach to a finding), list, verify, regenerate, watermark."""

from __future__ import annotations

import argparse
import json
import sys

from fieldcheck.services.context import SYSTEM_ACTOR, open_context
from fieldcheck.services.evidence import camera, photo_choice, viewing
from fieldcheck.services.evidence import photos as photo_service


def cmd_add(args: argparse.Namespace) -> int:
    chosen = photo_choice.choose(args.files)  # a folder: the files inside it, no links out
    queue = photo_service.DerivativeQueue()  # derivatives follow each original, in parallel
    with open_context(args.home) as ctx:
        try:
            results = photo_service.attach_photos(
                ctx, args.finding_id, chosen.files, kind=args.kind, actor_id=args.by, queue=queue
            )
        finally:
            queue.close()
    results += [photo_service.AttachResult(file=f, ok=False, error=e) for f, e in chosen.refused]
    for r in results:
        if args.json:
            print(json.dumps(r.as_json(), ensure_ascii=False))
        elif r.ok:
            taken = r.taken_at or "no time recorded"
            print(f"stored {r.file}: {r.width}×{r.height}, taken {taken}, sha256 {r.sha256}")
        else:
            print(f"refused {r.file}: {r.error}", file=sys.stderr)
    stored = sum(r.ok for r in results)
    if not args.json:
        print(f"{stored} of {len(results)} file(s) stored", file=sys.stderr)
    return 0 if results and stored == len(results) else 1


def cmd_list(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        shots = photo_service.list_photos(ctx, args.finding_id)
    for shot in shots:
        taken = camera.taken_text_of(shot) or "—"
        print(
            f"{shot.id}  {shot.kind.value:13} {shot.width}×{shot.height}  {taken}  "
            f"{shot.sha256[:16]}  {shot.original_name}"
        )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        count, problems = photo_service.verify_photos(ctx)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{count - len(problems)} of {count} original(s) intact")
    return 0 if not problems else 1


def cmd_regenerate(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        count = photo_service.regenerate_derivatives(ctx, only_missing=not args.all)
    print(f"derivatives checked for {count} original(s)")
    return 0


def cmd_watermark(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        path = viewing.watermarked_display(ctx, args.photo_id)
    print(path)
    return 0


def cmd_receive(args: argparse.Namespace) -> int:
    from fieldcheck.services.evidence.phone.qr import qr_text
    from fieldcheck.services.evidence.phone.receiver import PhoneReceiver

    def on_event(event: dict[str, object]) -> None:
        result = event.get("result")
        if not isinstance(result, photo_service.AttachResult):
            return
        if args.json:
            print(json.dumps(result.as_json(), ensure_ascii=False), flush=True)
        elif result.ok:
            print(f"stored {result.file}: {result.width}×{result.height}", flush=True)
        else:
            print(f"refused {result.file}: {result.error}", file=sys.stderr, flush=True)

    with open_context(args.home) as ctx:
        receiver = PhoneReceiver(
            ctx,
            args.finding_id,
            kind=args.kind,
            actor_id=args.by,
            host=args.host,
            port=args.port,
            idle_minutes=args.idle_minutes,
            on_event=on_event,
        )
        expires = receiver.expires_at.isoformat()
        if args.json:
            line = {"url": receiver.url, "urls": receiver.urls, "expires_at": expires}
            print(json.dumps(line, ensure_ascii=False), flush=True)
        else:
            print(qr_text(receiver.url))
            for url in receiver.urls:
                print(url)
            print(f"open one of these on the phone; ends after {args.idle_minutes:g} idle minutes")
        receiver.start()
        try:
            receiver.wait()
        except KeyboardInterrupt:
            pass
        finally:
            receiver.stop()
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    photo = sub.add_parser("photo", help="photo evidence: add, list, verify, regenerate")
    cmds = photo.add_subparsers(dest="photo_command", metavar="ACTION", required=True)

    add = cmds.add_parser("add", help="attach photos (or folders of photos) to a finding")
    add.add_argument("finding_id", metavar="FINDING_ID")
    add.add_argument("files", metavar="FILE", nargs="+")
    add.add_argument("--kind", choices=["evidence", "rectification", "revisit"], default="evidence")
    add.add_argument(
        "--by",
        metavar="PERSON_ID",
        default=SYSTEM_ACTOR,
        help="who is attaching them (recorded in the audit log)",
    )
    add.add_argument("--json", action="store_true", help="one JSON object per file")
    add.set_defaults(handler=cmd_add)

    rcv = cmds.add_parser(
        "receive", help="serve the phone upload page for a finding until it is idle"
    )
    rcv.add_argument("finding_id", metavar="FINDING_ID")
    rcv.add_argument("--kind", choices=["evidence", "rectification", "revisit"], default="evidence")
    rcv.add_argument(
        "--host", metavar="ADDR", default="0.0.0.0", help="address to listen on (default: all)"
    )
    rcv.add_argument("--port", type=int, default=0, metavar="N", help="port (default: a free one)")
    rcv.add_argument(
        "--idle-minutes", type=float, default=10.0, metavar="M", help="stop after M idle minutes"
    )
    rcv.add_argument("--by", metavar="PERSON_ID", default=SYSTEM_ACTOR, help="who receives them")
    rcv.add_argument("--json", action="store_true", help="JSON lines: the url, then one per photo")
    rcv.set_defaults(handler=cmd_receive)

    lst = cmds.add_parser("list", help="a finding's photos")
    lst.add_argument("finding_id", metavar="FINDING_ID")
    lst.set_defaults(handler=cmd_list)

    verify = cmds.add_parser("verify", help="re-hash every stored original")
    verify.set_defaults(handler=cmd_verify)

    regen = cmds.add_parser("regenerate", help="make missing display images and thumbnails")
    regen.add_argument("--all", action="store_true", help="remake every derivative")
    regen.set_defaults(handler=cmd_regenerate)

    wm = cmds.add_parser("watermark", help="print the path of a watermarked display image")
    wm.add_argument("photo_id", metavar="PHOTO_ID")
    wm.set_defaults(handler=cmd_watermark)
