# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck backup create FILE` and `fieldcheck backup restore FILE [--move-device]`."""

from __future__ import annotations

import argparse

from fieldcheck import paths
from fieldcheck.services.context import open_context
from fieldcheck.services.trust import backup


def _create(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        info = backup.create_backup(ctx, args.file)
    print(f"backup of device {info.device_code}: {info.files} files in {info.path}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    info = backup.restore_backup(
        paths.home(args.home).root, args.file, move_device=args.move_device
    )
    print(
        f"restored device {info.device_code}'s data ({info.files} files, every hash and "
        "signature checked); the data it replaced is kept in before-restore-*"
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("backup", help="back up or restore this device's data (one file)")
    cmds = p.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    c = cmds.add_parser("create", help="write the database, photos and keys to FILE")
    c.add_argument("file")
    c.set_defaults(handler=_create)
    r = cmds.add_parser("restore", help="check FILE completely, then replace the data with it")
    r.add_argument("file")
    r.add_argument(
        "--move-device", action="store_true", help="take over another device's data on this one"
    )
    r.set_defaults(handler=_restore)
