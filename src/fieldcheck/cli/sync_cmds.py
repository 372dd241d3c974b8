# SPDX-License-Identifier: Apache-2.0
"""Commands that talk to the sync server: login, sync, sync-status, conflicts."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.services.context import open_context
from fieldcheck.services.sync import aside_words, sync_view
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.storage import quarantine, refused


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False))


def cmd_login(args: argparse.Namespace) -> int:
    path = Path(args.token_file).expanduser()
    try:
        token = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise FieldcheckError(f"--token-file {path}: cannot read it ({exc.strerror})") from None
    with open_context(args.home) as ctx:
        ident = sync_service.login(ctx, args.server, token)
    print(
        f"logged in to {args.server.rstrip('/')} as {ident.name} "
        f"({ident.role.value}, {ident.jurisdiction}); device {ident.device_id}"
    )
    return 0


def _progress(stage: str, done: int, total: int) -> None:
    print(f"\r{stage}: {done}/{total}", end="", file=sys.stderr, flush=True)


def cmd_sync(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        report = sync_service.sync(
            ctx, server_url=args.server, progress=None if args.json else _progress
        )
    if args.json:
        _print_json(report.as_json())
        return 0 if report.ok else 1
    print(file=sys.stderr)
    print(f"server {report.server}")
    print(
        f"pushed {report.pushed}: accepted {report.accepted}, already there "
        f"{report.duplicate}, conflicts {report.conflict}, waiting {len(report.rejected)}, "
        f"refused and set aside {len(report.refused)}"
    )
    print(
        f"photos sent {report.photos_sent}, already on the server "
        f"{report.photos_already_there}; {report.bytes_sent} bytes"
    )
    print(f"pulled {report.pulled}: applied {report.applied}, conflicts {report.pull_conflicts}")
    if report.tasks is not None or report.campaigns is not None:
        print(
            f"tasks {report.tasks or 0} (done reported {report.tasks_reported}), "
            f"campaigns {report.campaigns or 0}"
        )
    print(
        f"still waiting for a receipt: {report.pending_after}; open conflicts: "
        f"{report.open_conflicts}"
    )
    for r in report.rejected:
        print(f"  waiting {r['entity']} {r['id']}: {r['reason']}")
    for r in report.refused:
        words = aside_words.refused_sentence({quarantine.CODE: r["code"]}, r["entity"], r["id"])
        print(f"  拒收 {words}（详情：{r['code']}: {r['reason']}）")
    if report.held_back:
        print(f"  not sent: {report.held_back} records name a record set aside (同步冲突)")
    if report.error:
        print(f"sync stopped: {report.error}", file=sys.stderr)
    return 0 if report.ok else 1


def cmd_sync_status(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        view = sync_view.sync_status(ctx, online=not args.offline)
    if args.json:
        _print_json(view)
        return 0
    print(f"server {view['server']} ({'asked now' if view['online'] else 'from receipts'})")
    for state, n in view["records_by_state"].items():
        print(f"  records {state:28} {n}")
    for state, n in view["photos_by_state"].items():
        print(f"  photos  {state:28} {n}")
    if args.all:
        for r in view["records"]:
            state = r["state"]
            if state == sync_view.REFUSED:  # why, in the words of the 拒收 lines below
                why = aside_words.refused_why({quarantine.CODE: r["refused_code"]})
                state = f"服务器拒收：{why}"
            print(f"{r['entity']:14} {r['id']}  {state}")
        for p in view["photos"]:
            print(f"photo original {p['sha256']}  {p['state']}")
    aside = [c for c in view["conflicts"] if c["source"] == refused.SOURCE]
    if aside:
        codes = Counter(str(c["local"].get(quarantine.CODE)) for c in aside)
        why = ", ".join(f"{code} {n}" for code, n in sorted(codes.items()))
        print(f"refused by the server, set aside: {len(aside)} ({why})")
    for c in view["conflicts"]:
        if c["source"] == quarantine.SOURCE:  # pulled, could not be applied here: why
            words = aside_words.sentence(c["local"], c["entity"], c["entity_id"])
            print(f"已搁置 {c['id']}：{words}（详情：{c['local'].get(quarantine.REASON, '')}）")
            continue
        if c["source"] == refused.SOURCE:  # pushed, refused by the server: why
            words = aside_words.refused_sentence(c["local"], c["entity"], c["entity_id"])
            print(f"拒收 {c['id']}：{words}（详情：{c['local'].get(quarantine.REASON, '')}）")
            continue
        print(
            f"conflict {c['id']}: {c['entity']} {c['entity_id']} (device {c['local_sha256'][:12]}"
            f" / server {c['server_sha256'][:12]})"
        )
    return 0


def cmd_sync_send_again(args: argparse.Namespace) -> int:
    """A record the server refused, settled to go again at the next sync (重新发送)."""
    with open_context(args.home) as ctx:
        sync_view.resolve_conflict(ctx, args.conflict_id, "local", actor_id=args.by)
    print(f"{args.conflict_id}: sent again at the next sync (with what was refused with it)")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("login", help="store the credential from `fieldcheck-server enroll`")
    p.add_argument("--server", required=True, metavar="URL", help="e.g. https://sync.example.cn")
    p.add_argument(
        "--token-file",
        required=True,
        metavar="FILE",
        help="file holding the token (never put it on the command line)",
    )
    p.set_defaults(handler=cmd_login)
    p = sub.add_parser("sync", help="send photos and changes to the server, then pull")
    p.add_argument("--server", metavar="URL", help="must match the server logged in to")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_sync)
    p = sub.add_parser("sync-status", help="what the server holds, record by record")
    p.add_argument("--offline", action="store_true", help="only what receipts said")
    p.add_argument("--all", action="store_true", help="list every record and photo")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_sync_status)
    p = sub.add_parser(
        "sync-send-again",
        help="send a record the server refused again at the next sync (its id from sync-status)",
    )
    p.add_argument("conflict_id", metavar="ID", help="the 拒收 entry sync-status lists")
    p.add_argument("--by", required=True, help="who decides (a person id)")
    p.set_defaults(handler=cmd_sync_send_again)
