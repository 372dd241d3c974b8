# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck person ...`: people and their signing keys."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from fieldcheck.cli import passphrase
from fieldcheck.core import clock
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.core.terms import ROLE_LABELS_ZH, Role
from fieldcheck.services.context import SYSTEM_ACTOR, open_context
from fieldcheck.services.major import keys
from fieldcheck.services.sites import sites


def cmd_add(args: argparse.Namespace) -> int:
    secret = None
    if args.enroll_key:  # check before anything is stored, so a refusal leaves nothing behind
        if args.role not in keys.KEY_ROLES:
            raise FieldcheckError(f"a {args.role} signs by hand on screen and gets no key")
        secret = passphrase.read(args, ["new passphrase"], confirm_last=True)[0]
        keys.check_new_passphrase(secret)
    with open_context(args.home) as ctx:
        person = sites.add_person(
            ctx,
            {
                "name": args.name,
                "role": args.role,
                "unit": args.unit,
                "certificate_no": args.certificate,
                "jurisdiction": args.jurisdiction,
                "phone": args.phone,
            },
            actor_id=args.by or SYSTEM_ACTOR,
        )
        info = keys.enroll_key(ctx, person.id, secret, actor_id=args.by) if secret else None
    if args.json:
        out = {"id": person.id, "name": person.name, "role": person.role.value}
        if info:
            out |= {"key_id": info.id, "public_key_b64": info.public_key_b64}
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(person.id)
        if info:
            print(f"key {info.id} fingerprint {info.fingerprint}", file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        people = sites.list_people(ctx, args.role)
        current = {p.id: keys.current_key(ctx, p.id) for p in people}
    now = clock.now()
    rows: list[dict[str, Any]] = []
    for p in people:
        info = current[p.id]
        rows.append(
            {
                "id": p.id,
                "name": p.name,
                "role": p.role.value,
                "unit": p.unit,
                "key": None if info is None else info.fingerprint,
                "key_state": "none" if info is None else info.state(now),
            }
        )
    if args.json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return 0
    for r in rows:
        label = ROLE_LABELS_ZH[Role(r["role"])]
        print(f"{r['id']}  {r['name']}  {label}  key: {r['key'] or '—'} ({r['key_state']})")
    return 0


def cmd_key_enroll(args: argparse.Namespace) -> int:
    secret = passphrase.read(args, ["new passphrase"], confirm_last=True)[0]
    with open_context(args.home) as ctx:
        info = keys.enroll_key(
            ctx, args.person_id, secret, actor_id=args.by, valid_days=args.valid_days
        )
    print(f"key {info.id} fingerprint {info.fingerprint} valid until {info.expires_at:%Y-%m-%d}")
    return 0


def cmd_key_passwd(args: argparse.Namespace) -> int:
    old, new = passphrase.read(args, ["current passphrase", "new passphrase"], confirm_last=True)
    with open_context(args.home) as ctx:
        info = keys.change_passphrase(ctx, args.person_id, old, new)
    print(f"passphrase changed for key {info.id} ({info.fingerprint})")
    return 0


def cmd_key_revoke(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        info = keys.revoke_key(ctx, args.person_id, actor_id=args.by, reason=args.reason)
    print(f"key {info.id} ({info.fingerprint}) revoked at {info.revoked_at:%Y-%m-%d %H:%M} UTC")
    return 0


def cmd_key_show(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        infos = keys.list_keys(ctx, args.person_id)
    now = clock.now()
    for info in infos:
        print(
            f"{info.id}  {info.state(now):8} fingerprint {info.fingerprint}  "
            f"created {info.created_at:%Y-%m-%d}  public {info.public_key_b64}"
        )
    if not infos:
        print("no key enrolled")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `person add|list` and `person key enroll|passwd|revoke|show`."""
    person = sub.add_parser("person", help="people and their signing keys")
    psub = person.add_subparsers(dest="person_command", metavar="ACTION", required=True)

    add = psub.add_parser("add", help="register a person (optionally with a signing key)")
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--unit", default="")
    add.add_argument("--certificate", default="", help="执法证/检查证/专家证 number")
    add.add_argument("--jurisdiction", default="")
    add.add_argument("--phone", default="")
    add.add_argument("--by", help="who registers this person (a person id)")
    add.add_argument("--enroll-key", action="store_true", help="also create their signing key")
    add.add_argument("--json", action="store_true")
    passphrase.add_argument(add)
    add.set_defaults(handler=cmd_add)

    lst = psub.add_parser("list", help="list people and the state of their keys")
    lst.add_argument("--role", choices=[r.value for r in Role])
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)

    key = psub.add_parser("key", help="signing keys")
    ksub = key.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    enroll = ksub.add_parser("enroll", help="create a person's Ed25519 key")
    enroll.add_argument("person_id")
    enroll.add_argument("--valid-days", type=int, default=keys.DEFAULT_VALID_DAYS)
    enroll.add_argument("--by", help="who enrolls the key (a person id)")
    passphrase.add_argument(enroll)
    enroll.set_defaults(handler=cmd_key_enroll)
    passwd = ksub.add_parser("passwd", help="change the passphrase (reads current, then new)")
    passwd.add_argument("person_id")
    passphrase.add_argument(passwd)
    passwd.set_defaults(handler=cmd_key_passwd)
    revoke = ksub.add_parser("revoke", help="stop a key from signing (lost, compromised)")
    revoke.add_argument("person_id")
    revoke.add_argument("--reason", required=True)
    revoke.add_argument("--by", required=True, help="who revokes it (a person id)")
    revoke.set_defaults(handler=cmd_key_revoke)
    show = ksub.add_parser("show", help="a person's keys, newest first")
    show.add_argument("person_id")
    show.set_defaults(handler=cmd_key_show)
