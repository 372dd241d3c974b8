# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck-server user ...`, `codes import` and `demo`: the console's commands.

A password is never an argument: it is asked for twice on the terminal, or read from an
open file descriptor (``--password-fd 3 3<secret``) by scripts.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server.console import accounts, codes
from fieldcheck.server.console.accounts import ConsoleRole

Common = Callable[..., None]
Opener = Callable[[argparse.Namespace], Any]


def _actor() -> str:
    try:
        return "cli:" + getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def read_password(args: argparse.Namespace, *, confirm: bool = True) -> str:
    if args.password_fd is not None:
        with os.fdopen(args.password_fd, "r", encoding="utf-8", closefd=False) as f:
            text = f.readline().rstrip("\r\n")
        if not text:
            raise FieldcheckError(f"--password-fd {args.password_fd}: no password to read")
        return text
    first = getpass.getpass("密码 Password: ")
    if confirm and getpass.getpass("再次输入 Again: ") != first:
        raise FieldcheckError("the two passwords differ")
    return first


def add_commands(sub: Any, common: Common, engine_of: Opener) -> None:
    """Register the console's sub-commands on the server's parser."""
    user = sub.add_parser("user", help="console accounts (the web pages under /console)")
    common(user, top=False)
    usub = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = usub.add_parser("add", help="create a console account; asks for the password")
    common(add, top=False)
    add.add_argument("--name", required=True, help="login name")
    add.add_argument("--role", required=True, choices=[r.value for r in ConsoleRole])
    add.add_argument(
        "--jurisdiction", required=True, help="area code the account sees, e.g. 330106"
    )
    add.add_argument("--password-fd", type=int, metavar="N", help="read the password from fd N")
    add.set_defaults(handler=lambda a: _add(a, engine_of))
    ls = usub.add_parser("list", help="list console accounts (no secrets)")
    common(ls, top=False)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=lambda a: _list(a, engine_of))
    dis = usub.add_parser("disable", help="refuse the account's logins and end its sessions")
    common(dis, top=False)
    dis.add_argument("name")
    dis.set_defaults(handler=lambda a: _disable(a, engine_of))
    reset = usub.add_parser("reset-password", help="set a new password; ends open sessions")
    common(reset, top=False)
    reset.add_argument("name")
    reset.add_argument("--password-fd", type=int, metavar="N")
    reset.set_defaults(handler=lambda a: _reset(a, engine_of))

    cod = sub.add_parser("codes", help="the jurisdiction code table (GB/T 2260 and local)")
    common(cod, top=False)
    csub = cod.add_subparsers(dest="codes_command", metavar="ACTION", required=True)
    imp = csub.add_parser("import", help="load code,name[,parent,level] rows from a CSV file")
    common(imp, top=False)
    imp.add_argument("csv", type=Path)
    imp.set_defaults(handler=lambda a: _codes_import(a, engine_of))

    demo = sub.add_parser("demo", help="build a made-up county (or province) to try the console")
    common(demo, top=False)
    demo.add_argument(
        "--scale",
        default="county",
        help="county (about 2,000 hazards), province, or a number of hazards (e.g. 1000000)",
    )
    demo.add_argument("--seed", type=int, default=2026)
    demo.set_defaults(handler=lambda a: _demo(a, engine_of))


def _run(engine_of: Opener, args: argparse.Namespace, fn: Callable[..., Any], *xs: Any) -> Any:
    engine = engine_of(args)
    try:
        with engine.begin() as conn:
            return fn(conn, *xs)
    finally:
        engine.dispose()


def _add(args: argparse.Namespace, engine_of: Opener) -> int:
    password = read_password(args)
    _run(
        engine_of,
        args,
        lambda c: accounts.add_user(
            c,
            name=args.name,
            role=ConsoleRole(args.role),
            jurisdiction=args.jurisdiction,
            password=password,
            actor=_actor(),
        ),
    )
    print(f"console account {args.name!r} added: {args.role} in {args.jurisdiction}")
    return 0


def _list(args: argparse.Namespace, engine_of: Opener) -> int:
    rows = _run(engine_of, args, accounts.list_users)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        state = "disabled" if r["disabled"] else "locked" if r["locked"] else "active"
        print(f"{r['name']:20} {r['role']:9} {r['jurisdiction']:14} {state}")
    return 0


def _disable(args: argparse.Namespace, engine_of: Opener) -> int:
    _run(engine_of, args, lambda c: accounts.disable_user(c, args.name, actor=_actor()))
    print(f"console account {args.name!r} disabled; its sessions ended")
    return 0


def _reset(args: argparse.Namespace, engine_of: Opener) -> int:
    password = read_password(args)
    _run(engine_of, args, lambda c: accounts.reset_password(c, args.name, password, actor=_actor()))
    print(f"console account {args.name!r}: password reset; its sessions ended")
    return 0


def _codes_import(args: argparse.Namespace, engine_of: Opener) -> int:
    try:
        text = args.csv.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise FieldcheckError(f"{args.csv}: cannot read ({exc.strerror})") from None
    rows = codes.parse_csv(text)

    def write(conn: Any) -> int:
        n = codes.import_rows(conn, rows)
        accounts.audit(conn, _actor(), "codes.import", str(args.csv.name), rows=n)
        return n

    n = _run(engine_of, args, write)
    print(f"{n} codes imported from {args.csv}")
    return 0


def _demo(args: argparse.Namespace, engine_of: Opener) -> int:
    from fieldcheck.server.console import demo

    engine = engine_of(args)
    try:
        report = demo.build(engine, scale=args.scale, seed=args.seed)
    finally:
        engine.dispose()
    print(json.dumps(report, ensure_ascii=False))
    return 0
