# SPDX-License-Identifier: Apache-2.0
"""/v1/health (no credential), /v1/me, /v1/home and /v1/anchor."""

from __future__ import annotations

from fastapi import APIRouter

from fieldcheck.server import anchors, auth, homes
from fieldcheck.server.deps import NO_TOKEN, Dev, State
from fieldcheck.sync.protocol import (
    PROTOCOL_VERSION,
    AnchorReceipt,
    AnchorRequest,
    Health,
    HomeAnswer,
    HomeCheck,
    Identity,
)

router = APIRouter(prefix="/v1")


@router.get("/health")
def health(server: State) -> Health:
    """Liveness and database reachability; needs no credential."""
    server.read(lambda conn: conn.exec_driver_sql("SELECT 1").scalar())
    return Health(status="ok", protocol=PROTOCOL_VERSION, database=server.engine.dialect.name)


@router.get("/me", responses=NO_TOKEN)
def me(dev: Dev, server: State) -> Identity:
    """Who this credential belongs to."""
    return Identity(
        device_id=dev.id,
        name=dev.name,
        role=dev.role,
        jurisdiction=dev.jurisdiction,
        server_key_b64=server.key_b64,
        serial=server.read(auth.serial_of, dev.id),
    )


@router.post("/home", responses={**NO_TOKEN, 409: {"description": "a copied or second home"}})
def home(body: HomeCheck, dev: Dev, server: State) -> HomeAnswer:
    """Check in this data directory: bind the credential to it, or refuse a copy."""
    return server.write(homes.check_in, dev, body)


@router.post("/anchor", responses={**NO_TOKEN, 409: {"description": "the audit log was rewritten"}})
def anchor(body: AnchorRequest, dev: Dev, server: State) -> AnchorReceipt:
    """Keep this device's audit chain head and answer with a receipt signed by the server."""
    return server.write(anchors.take, dev, body, server.key)
