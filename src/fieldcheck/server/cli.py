# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck-server`: serve, enroll and revoke devices, report status.

The device commands live in `cli_devices`, the photo store's in `cli_blobs`, the console's in
`console.cli`; what they share (--data/--db/--blobs) in `cli_common`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from fieldcheck import __version__
from fieldcheck.core.errors import FieldcheckError
from fieldcheck.server import auth, cli_blobs, cli_devices, feed, gc_tune, logs
from fieldcheck.server.cli_common import common, data_dir, db_url, photo_store
from fieldcheck.server.db import open_engine, redact
from fieldcheck.server.settings import ServerSettings

ASGI_FACTORY = "fieldcheck.server.asgi:create_from_env"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldcheck-server", description="fieldcheck sync server for a county or township"
    )
    parser.add_argument("--version", action="version", version=f"fieldcheck-server {__version__}")
    common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    serve = sub.add_parser("serve", help="run the HTTP server")
    common(serve, top=False)
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
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes sharing the port (default 1); on a box of its own, one per "
        "core (see docs/server.md)",
    )
    serve.set_defaults(handler=_serve)
    cli_devices.add_commands(sub)
    status = sub.add_parser("status", help="what the server holds")
    common(status, top=False)
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=_status)
    cli_blobs.add_commands(sub)
    from fieldcheck.server.console.cli import add_commands

    add_commands(sub, common, lambda a: open_engine(db_url(a)))
    return parser


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from fieldcheck.server.app import create_app

    logs.setup()
    if args.workers < 1:
        raise FieldcheckError(f"--workers {args.workers}: give 1 or more")
    data = data_dir(args)
    settings = ServerSettings.load(data, args.db, args.blobs, args.trusted_proxies)
    app = create_app(settings=settings)
    app.state.server.open()  # a database it cannot use is an error here, not a failed startup
    url = redact(db_url(args))
    logs.log("start", host=args.host, port=args.port, url=url, data=str(data), workers=args.workers)
    run = {"host": args.host, "port": args.port, "log_config": None, "access_log": False}
    if args.workers == 1:
        gc_tune.freeze_startup()
        uvicorn.run(app, **run)
        return 0
    # Several processes: the database is migrated above, once, before any of them starts;
    # each builds its own app from the same settings (server/asgi.py) and shares the port.
    app.state.server.close()
    os.environ.update(settings.as_env())
    uvicorn.run(ASGI_FACTORY, factory=True, workers=args.workers, **run)
    return 0


def _status(args: argparse.Namespace) -> int:
    engine = open_engine(db_url(args))
    with engine.connect() as conn:
        counts = feed.counts(conn).model_dump()
        devices = len(auth.devices(conn))
    engine.dispose()
    report = {
        **counts,
        "photo_originals": photo_store(args).count(),
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
