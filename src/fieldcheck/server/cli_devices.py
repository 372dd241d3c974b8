# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck-server enroll|revoke|approve-key|attest-keys|devices`: devices and their keys."""

from __future__ import annotations

import argparse
import io
import json
from datetime import datetime
from typing import Any

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server import auth
from fieldcheck.server.cli_common import common, data_dir, db_url
from fieldcheck.server.db import open_engine
from fieldcheck.signing import attestation
from fieldcheck.sync.protocol import DeviceRole

JURISDICTION_HELP = "area code the device works in, e.g. 330106 (county) or 330106001"


def add_commands(sub: argparse._SubParsersAction[Any]) -> None:
    enroll = sub.add_parser("enroll", help="issue a credential for one person on one device")
    common(enroll, top=False)
    enroll.add_argument("--name", required=True)
    enroll.add_argument("--role", required=True, choices=[r.value for r in DeviceRole])
    enroll.add_argument("--jurisdiction", required=True, help=JURISDICTION_HELP)
    enroll.add_argument("--days", type=int, help="the credential expires after this many days")
    enroll.add_argument("--url", help="server address to put in the QR code for the app")
    enroll.add_argument("--json", action="store_true", help='print {"token": ...} as JSON')
    enroll.set_defaults(handler=_enroll)
    revoke = sub.add_parser("revoke", help="refuse a device's credential from now on")
    common(revoke, top=False)
    revoke.add_argument("device_id")
    revoke.add_argument(
        "--keys-from",
        metavar="TIME",
        help="a lost or stolen laptop: also revoke the keys of the people enrolled on it, "
        "for signatures made from TIME on (ISO time, e.g. 2026-03-01T08:00, China time "
        "unless it names its offset; or 'now'); earlier signatures stay valid",
    )
    revoke.set_defaults(handler=_revoke)
    approve = sub.add_parser(
        "approve-key",
        help="let one person's key (by fingerprint) be registered from a shared device",
    )
    approve.add_argument("fingerprint", help="as `fieldcheck person key show` prints it")
    approve.add_argument("--role", required=True, choices=[r.value for r in DeviceRole])
    approve.set_defaults(handler=_approve_key)
    attest = sub.add_parser(
        "attest-keys",
        help="list keys held without attestation (pushed before it existed); attest named ones",
    )
    common(attest, top=False)
    attest.add_argument("key_ids", nargs="*", help="keys to attest (none: only list)")
    attest.add_argument("--all", action="store_true", help="attest every listed key")
    attest.set_defaults(handler=_attest_keys)
    devices = sub.add_parser("devices", help="list enrolled devices (no secrets)")
    common(devices, top=False)
    devices.add_argument("--json", action="store_true")
    devices.set_defaults(handler=_devices)


def _qr_text(payload: str) -> str:
    import qrcode

    qr = qrcode.QRCode(border=1)
    qr.add_data(payload)
    out = io.StringIO()
    qr.print_ascii(out=out, invert=True)
    return out.getvalue()


def _enroll(args: argparse.Namespace) -> int:
    if not args.name.strip():
        raise FieldcheckError("--name must not be empty")
    code = args.jurisdiction.strip()
    if not code or len(code) > 40 or not all(c.isalnum() or c in "-_" for c in code):
        raise FieldcheckError(f"--jurisdiction {code!r}: use letters, digits, - or _ (1-40)")
    if args.days is not None and args.days < 1:
        raise FieldcheckError("--days must be at least 1")
    engine = open_engine(db_url(args))
    with engine.begin() as conn:
        device, token = auth.enroll(
            conn,
            name=args.name.strip(),
            role=DeviceRole(args.role),
            jurisdiction=code,
            days=args.days,
        )
    engine.dispose()
    if args.json:
        print(
            json.dumps(
                {
                    "token": token,
                    "device_id": device.id,
                    "role": device.role.value,
                    "jurisdiction": device.jurisdiction,
                }
            )
        )
        return 0
    scan = json.dumps(
        {"fieldcheck": 1, "server": args.url, "token": token}
        if args.url
        else {"fieldcheck": 1, "token": token}
    )
    print(f"device {device.id} enrolled: {device.role.value} in {device.jurisdiction}")
    print("credential (shown only now; save it to a file for `fieldcheck login --token-file`):")
    print(token)
    print(_qr_text(scan))
    return 0


def _keys_from(text: str) -> datetime:
    from fieldcheck.core import clock

    if text.strip().lower() == "now":
        return clock.now()
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise FieldcheckError(
            f"--keys-from {text!r}: give an ISO time, e.g. 2026-03-01T08:00 or "
            "2026-03-01T00:00+00:00, or 'now'"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=clock.CHINA_TZ)


def _revoke(args: argparse.Namespace) -> int:
    from fieldcheck.core import clock
    from fieldcheck.server import attestations
    from fieldcheck.server.server_key import load_server_key

    keys_from = _keys_from(args.keys_from) if args.keys_from else None
    engine = open_engine(db_url(args))
    revoked: list[attestation.KeyAttestation] = []
    try:
        with engine.begin() as conn:  # the credential and the keys together, or neither
            auth.revoke(conn, args.device_id)
            if keys_from is not None:
                server_key = load_server_key(data_dir(args))
                revoked = attestations.revoke_device_keys(
                    conn, server_key, args.device_id, keys_from, clock.now()
                )
    finally:
        engine.dispose()
    print(f"device {args.device_id}: credential revoked")
    for att in revoked:
        print(
            f"key {att.key_id} of {att.person_id} ({att.role}): revoked for signatures made "
            f"from {att.revoked_from} on; other devices learn it at their next sync"
        )
    if keys_from is not None and not revoked:
        print(f"device {args.device_id} registered no attested keys: none revoked")
    return 0


def _approve_key(args: argparse.Namespace) -> int:
    from fieldcheck.core import clock
    from fieldcheck.server import approvals

    engine = open_engine(db_url(args))
    try:
        with engine.begin() as conn:
            approvals.approve(conn, args.fingerprint, args.role, clock.now())
    except ValueError as exc:
        raise FieldcheckError(str(exc)) from None
    finally:
        engine.dispose()
    print(f"key {args.fingerprint}: approved for a {args.role}; its device may now register it")
    return 0


def _attest_keys(args: argparse.Namespace) -> int:
    from fieldcheck.core import clock
    from fieldcheck.server import attestations
    from fieldcheck.server.server_key import load_server_key

    server_key = load_server_key(data_dir(args))
    engine = open_engine(db_url(args))
    try:
        with engine.begin() as conn:
            pending = attestations.unattested(conn)
            wanted = {u.key_id for u in pending} if args.all else set(args.key_ids)
            if args.all:
                wanted -= {u.key_id for u in pending if u.problem}
            made = attestations.attest_held(conn, server_key, wanted, clock.now())
    except ValueError as exc:
        raise FieldcheckError(str(exc)) from None
    finally:
        engine.dispose()
    if not wanted:
        for u in pending:
            state = u.problem or ("revoked" if u.revoked else "live")
            print(
                f"{u.key_id}  {u.fingerprint}  {u.name or u.person_id} ({u.role}, "
                f"{u.jurisdiction})  from {u.device_id}  {state}"
            )
        print(f"{len(pending)} key(s) without attestation")
        return 0
    for att in made:
        print(f"key {att.key_id}: attested for {att.person_id} as a {att.role}")
    return 0


def _devices(args: argparse.Namespace) -> int:
    engine = open_engine(db_url(args))
    with engine.connect() as conn:
        rows = auth.devices(conn)
    engine.dispose()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            state = "revoked" if r["revoked"] else "active"
            print(f"{r['device_id']}  {r['role']:12} {r['jurisdiction']:12} {state}")
    return 0
