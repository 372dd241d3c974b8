# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck-server`: serve, enroll and revoke devices, report status."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from fieldcheck import __version__
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server import auth, feed, logs
from fieldcheck.server.blobstore import Store, StoreUnavailable, open_store
from fieldcheck.server.blobstore.tools import Tally, migrate, named, named_sample, verify
from fieldcheck.server.db import open_engine, redact, sqlite_url
from fieldcheck.server.settings import ServerSettings
from fieldcheck.sync.protocol import DeviceRole

JURISDICTION_HELP = "area code the device works in, e.g. 330106 (county) or 330106001"


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data",
        metavar="DIR",
        default=default,
        help="server data directory (database and photo store)",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="database URL (default: SQLite in DIR; e.g. postgresql+psycopg://...)",
    )
    parser.add_argument(
        "--blobs",
        metavar="URL",
        default=default,
        help="photo store: a directory or s3://BUCKET/PREFIX?endpoint=... (default: DIR/blobs)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldcheck-server", description="fieldcheck sync server for a county or township"
    )
    parser.add_argument("--version", action="version", version=f"fieldcheck-server {__version__}")
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    serve = sub.add_parser("serve", help="run the HTTP server")
    _common(serve, top=False)
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1; put TLS in front, see docs)",
    )
    serve.add_argument("--port", type=int, default=8470)
    serve.add_argument(
        "--trusted-proxies",
        metavar="LIST",
        help="reverse proxies whose X-Forwarded-For is believed, comma separated addresses "
        "or networks (e.g. 127.0.0.1,10.0.0.0/8; default none)",
    )
    serve.set_defaults(handler=_serve)
    enroll = sub.add_parser("enroll", help="issue a credential for one person on one device")
    _common(enroll, top=False)
    enroll.add_argument("--name", required=True)
    enroll.add_argument("--role", required=True, choices=[r.value for r in DeviceRole])
    enroll.add_argument("--jurisdiction", required=True, help=JURISDICTION_HELP)
    enroll.add_argument("--days", type=int, help="the credential expires after this many days")
    enroll.add_argument("--url", help="server address to put in the QR code for the app")
    enroll.add_argument("--json", action="store_true", help='print {"token": ...} as JSON')
    enroll.set_defaults(handler=_enroll)
    revoke = sub.add_parser("revoke", help="refuse a device's credential from now on")
    _common(revoke, top=False)
    revoke.add_argument("device_id")
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
    _common(attest, top=False)
    attest.add_argument("key_ids", nargs="*", help="keys to attest (none: only list)")
    attest.add_argument("--all", action="store_true", help="attest every listed key")
    attest.set_defaults(handler=_attest_keys)
    devices = sub.add_parser("devices", help="list enrolled devices (no secrets)")
    _common(devices, top=False)
    devices.add_argument("--json", action="store_true")
    devices.set_defaults(handler=_devices)
    status = sub.add_parser("status", help="what the server holds")
    _common(status, top=False)
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=_status)
    blobs = sub.add_parser("blobs", help="photo store: migrate between backends, verify")
    blob_sub = blobs.add_subparsers(dest="blobs_command", metavar="ACTION", required=True)
    migrate = blob_sub.add_parser(
        "migrate", help="copy every original to another store (resumable, hash-checked)"
    )
    _common(migrate, top=False)
    migrate.add_argument("--to", required=True, metavar="URL", help="the target store")
    migrate.add_argument("--json", action="store_true")
    migrate.set_defaults(handler=_blobs_migrate)
    verify = blob_sub.add_parser("verify", help="re-hash originals in the store")
    _common(verify, top=False)
    how = verify.add_mutually_exclusive_group()
    how.add_argument("--all", action="store_true", help="every original (the default)")
    how.add_argument("--sample", type=int, metavar="N", help="a random sample of N originals")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=_blobs_verify)
    from fieldcheck.server.console.cli import add_commands

    add_commands(sub, _common, lambda a: open_engine(_url(a)))
    return parser


def _data(args: argparse.Namespace) -> Path:
    if not args.data:
        raise FieldcheckError("--data DIR is required (where the server keeps its database)")
    data = Path(args.data).expanduser().resolve()
    data.mkdir(parents=True, exist_ok=True)
    return data


def _url(args: argparse.Namespace) -> str:
    return str(args.db or sqlite_url(_data(args)))


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from fieldcheck.server.app import create_app

    logs.setup()
    data = _data(args)
    app = create_app(settings=ServerSettings.load(data, args.db, args.blobs, args.trusted_proxies))
    app.state.server.open()  # a database it cannot use is an error here, not a failed startup
    logs.log("start", host=args.host, port=args.port, url=redact(_url(args)), data=str(data))
    uvicorn.run(app, host=args.host, port=args.port, log_config=None, access_log=False)
    return 0


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
    engine = open_engine(_url(args))
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


def _revoke(args: argparse.Namespace) -> int:
    engine = open_engine(_url(args))
    with engine.begin() as conn:
        auth.revoke(conn, args.device_id)
    engine.dispose()
    print(f"device {args.device_id}: credential revoked")
    return 0


def _approve_key(args: argparse.Namespace) -> int:
    from fieldcheck.core import clock
    from fieldcheck.server import approvals

    engine = open_engine(_url(args))
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

    server_key = load_server_key(_data(args))
    engine = open_engine(_url(args))
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
    engine = open_engine(_url(args))
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


def _store(args: argparse.Namespace) -> Store:
    return open_store(ServerSettings.load(blobs=args.blobs).blobs, _data(args))


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
    source, target = _store(args), open_store(args.to, _data(args))
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
    store = _store(args)
    engine = open_engine(_url(args))
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


def _status(args: argparse.Namespace) -> int:
    data = _data(args)
    engine = open_engine(_url(args))
    with engine.connect() as conn:
        counts = feed.counts(conn).model_dump()
        devices = len(auth.devices(conn))
    engine.dispose()
    report = {
        **counts,
        "photo_originals": open_store(ServerSettings.load(blobs=args.blobs).blobs, data).count(),
        "devices": devices,
    }
    if args.json:
        print(json.dumps(report))
    else:
        for key, value in report.items():
            print(f"{key:16} {value}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return int(handler(args))
    except FieldcheckError as exc:
        print(f"fieldcheck-server: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
