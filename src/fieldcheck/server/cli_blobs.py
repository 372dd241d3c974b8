# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck-server blobs migrate|verify`: the photo store between backends, and its checks."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server.blobstore import StoreUnavailable, open_store
from fieldcheck.server.blobstore.tools import Tally, migrate, named, named_sample, verify
from fieldcheck.server.cli_common import common, data_dir, db_url, photo_store
from fieldcheck.server.db import open_engine


def add_commands(sub: argparse._SubParsersAction[Any]) -> None:
    blobs = sub.add_parser("blobs", help="photo store: migrate between backends, verify")
    blob_sub = blobs.add_subparsers(dest="blobs_command", metavar="ACTION", required=True)
    migrate_cmd = blob_sub.add_parser(
        "migrate", help="copy every original to another store (resumable, hash-checked)"
    )
    common(migrate_cmd, top=False)
    migrate_cmd.add_argument("--to", required=True, metavar="URL", help="the target store")
    migrate_cmd.add_argument("--json", action="store_true")
    migrate_cmd.set_defaults(handler=_blobs_migrate)
    verify_cmd = blob_sub.add_parser("verify", help="re-hash originals in the store")
    common(verify_cmd, top=False)
    how = verify_cmd.add_mutually_exclusive_group()
    how.add_argument("--all", action="store_true", help="every original (the default)")
    how.add_argument("--sample", type=int, metavar="N", help="a random sample of N originals")
    verify_cmd.add_argument("--json", action="store_true")
    verify_cmd.set_defaults(handler=_blobs_verify)


def _tally_out(args: argparse.Namespace, what: str, tally: Tally) -> int:
    if args.json:
        print(json.dumps(tally.as_dict()))
    else:
        print(
            f"{what}: {tally.checked} checked, {tally.copied} copied, {tally.skipped} already "
            f"there, {tally.bytes} bytes, {len(tally.bad)} bad, {len(tally.missing)} missing "
            f"of {tally.named} the database names"
        )
        for sha in tally.bad:
            print(f"bad: {sha}")
        for sha in tally.missing:
            print(f"missing: {sha}")
    return 1 if tally.bad or tally.missing else 0


def _blobs_migrate(args: argparse.Namespace) -> int:
    source, target = photo_store(args), open_store(args.to, data_dir(args))
    if source.url == target.url:
        raise FieldcheckError(f"--to {args.to} is the store the server already uses")

    def progress(t: Tally) -> None:
        print(f"... {t.checked} checked, {t.copied} copied", file=sys.stderr, flush=True)

    try:
        tally = migrate(source, target, progress)
    except StoreUnavailable as exc:
        raise FieldcheckError(f"{exc}; run the migration again to resume") from None
    return _tally_out(args, f"migrate {source.url} -> {target.url}", tally)


def _blobs_verify(args: argparse.Namespace) -> int:
    if args.sample is not None and args.sample < 1:
        raise FieldcheckError("--sample must be at least 1")
    store = photo_store(args)
    engine = open_engine(db_url(args))
    try:
        with engine.connect() as conn:
            if args.sample is None:
                tally = verify(store, None, named=named(conn))
            else:
                tally = verify(store, args.sample, named=named_sample(conn, args.sample))
    except StoreUnavailable as exc:
        raise FieldcheckError(str(exc)) from None
    finally:
        engine.dispose()
    return _tally_out(args, f"verify {store.url}", tally)
